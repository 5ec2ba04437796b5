import type { PaymentChannel } from '../../../../contracts/payments';
import type { PaymentProvider } from './types';
import stripe from './stripe';
import epay from './epay';

/** One module per provider; adding a channel = a module implementing PaymentProvider + its name here and in PAYMENT_CHANNELS. */
export const PROVIDERS: Record<PaymentChannel, PaymentProvider> = { stripe, epay };
