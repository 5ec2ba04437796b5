/**
 * Payments: the channels money comes in through, the orders they settle, and the money rules the server and
 * the admin must agree on (what a Stripe or EPay payment of an order charges). Plain TypeScript and
 * decimal.js only.
 */
import { Decimal } from 'decimal.js';
import { currencyMinorDigits } from './plans';

/** Payment providers, one server module each (server/src/services/payments/<channel>.ts). */
export const PAYMENT_CHANNELS = ['stripe', 'epay'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
export const isPaymentChannel = (value: unknown): value is PaymentChannel => (PAYMENT_CHANNELS as readonly unknown[]).includes(value);

/** What an order buys: balance (usage mode) or a plan (period mode). */
export const ORDER_KINDS = ['topup', 'plan'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/**
 * An order's life: `pending` until its provider tells us, then `paid`, `failed` (the payment did not go
 * through) or `expired` (the checkout was abandoned); a paid order may end `refunded`.
 */
export const ORDER_STATUSES = ['pending', 'paid', 'failed', 'expired', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** How EPay is offered: `page` (a signed submit.php URL the user opens) or `api` (mapi.php answers a pay URL). */
/**
 * How a recurring Stripe subscription is stopped when its plan is replaced or cancelled: `now` cancels it
 * at once (an upgrade, a new subscription, an administrator's cancel), `period_end` lets the period already
 * paid run and renews no more (a switch, which takes effect at the next period).
 */
export const RECURRING_STOPS = ['now', 'period_end'] as const;
export type RecurringStop = (typeof RECURRING_STOPS)[number];

/** A recurring order's stop as the Orders page shows it: requested, then stopped (Stripe confirmed) or failing (last error; retried). */
export interface RecurringStopView {
  mode: RecurringStop;
  requestedAt: string;
  stoppedAt: string | null;
  /** The last attempt's failure, null once Stripe confirmed (or before the first attempt). */
  error: string | null;
  attempts: number;
}

export const EPAY_MODES = ['page', 'api'] as const;
export type EpayMode = (typeof EPAY_MODES)[number];

/**
 * The Stripe events the webhook acts on: enable exactly these on the Stripe endpoint. Others are
 * acknowledged and ignored.
 */
export const STRIPE_WEBHOOK_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'invoice.paid',
  'customer.subscription.deleted',
  'charge.refunded',
] as const;

/** The paths of the webhooks under the app's public URL (the content API's `/api` prefix included). */
export const WEBHOOK_PATHS: Record<PaymentChannel, string> = {
  stripe: '/api/usage-billing/webhooks/stripe',
  epay: '/api/usage-billing/webhooks/epay',
};

/** The amount of a test payment (POST /usage-billing/payments/test), in the billing currency. */
export const TEST_PAYMENT_AMOUNT = '1.00';

/** Currency codes of EPay (it charges yuan) and the billing currency its rate converts from. */
export const EPAY_CURRENCY = 'CNY';

/** An amount in a currency's minor units (cents, fen), rounded half-up: "7.99" USD → 799n. */
export function toMinorUnits(amount: string, currency: string): bigint {
  const digits = currencyMinorDigits(currency);
  return BigInt(new Decimal(amount).times(new Decimal(10).pow(digits)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}

/** Minor units back to a decimal string with the currency's digits: 799n USD → "7.99". */
export function fromMinorUnits(minor: bigint | number | string, currency: string): string {
  const digits = currencyMinorDigits(currency);
  return new Decimal(String(minor)).div(new Decimal(10).pow(digits)).toFixed(digits);
}

/**
 * What EPay charges for `amount` of the billing currency: yuan at `rate` (the billing currency's price in
 * CNY; 1 when billing in CNY), rounded half-up to the fen. "10" at "7.2" → "72.00"; "0.99" at "7.1234" → "7.05".
 */
export function epayPayAmount(amount: string, currency: string, rate: string): string {
  const factor = currency === EPAY_CURRENCY ? new Decimal(1) : new Decimal(rate);
  return new Decimal(amount).times(factor).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/* ----------------------------------------------------------------------------------------------
 * API shapes
 * --------------------------------------------------------------------------------------------*/

/** POST /api/usage-billing/accounts/:userId/checkout and /me/checkout. */
export interface CheckoutRequest {
  channel: PaymentChannel;
  kind: OrderKind;
  /** Top-ups: the amount in the billing currency (at least payments.topupMinimum). */
  amount?: string;
  /** Plans: the plan to buy. */
  planId?: number;
  /** EPay: one of payments.epay.payTypes (the first one when omitted). */
  payType?: string;
}

export interface CheckoutResponse {
  orderNo: string;
  channel: PaymentChannel;
  amount: string;
  currency: string;
  payAmount: string;
  payCurrency: string;
  url: string;
}

/** The user view's `payments` (usage and period mode): what a front end may offer. */
export interface UserPaymentOptions {
  channels: Array<{ channel: PaymentChannel; payTypes: string[] }>;
  /** Usage mode only. */
  topup?: { minimum: string; presets: string[]; currency: string };
}

/** Plan terms as an order snapshots them at checkout. */
export interface OrderPlanSnapshot {
  name: string;
  interval: string;
  price: string;
  discount: string;
  finalPrice: string;
  periodCredit: string;
  currency: string;
}

/** GET /usage-billing/orders (admin). */
export interface OrderView {
  orderNo: string;
  userId: string;
  channel: PaymentChannel;
  kind: OrderKind;
  status: OrderStatus;
  amount: string;
  currency: string;
  payAmount: string;
  payCurrency: string;
  rate: string | null;
  payType: string | null;
  planId: number | null;
  plan: OrderPlanSnapshot | null;
  planAction: string | null;
  sessionId: string | null;
  paymentIntentId: string | null;
  providerSubscriptionId: string | null;
  tradeNo: string | null;
  renewsOrderNo: string | null;
  failureReason: string | null;
  refundedAmount: string;
  test: boolean;
  actor: string | null;
  createdAt: string;
  paidAt: string | null;
  closedAt: string | null;
  /** Set on a recurring Stripe order whose subscription was asked to stop renewing (README, Payments). */
  recurringStop: RecurringStopView | null;
}

export interface OrderListQuery {
  status?: OrderStatus;
  channel?: PaymentChannel;
  kind?: OrderKind;
  userId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** GET /usage-billing/payments (admin): each channel's state and what to paste into the provider's dashboard. */
export interface PaymentChannelStatus {
  channel: PaymentChannel;
  enabled: boolean;
  /** Why it cannot take payments now ([] when it can). */
  problems: string[];
  /** The webhook (notify) URL built on payments.publicUrl; null while publicUrl is empty. */
  webhookUrl: string | null;
  /** Stripe: the events to enable on the endpoint. */
  events: string[];
}

export interface PaymentsStatus {
  publicUrl: string;
  channels: PaymentChannelStatus[];
}

/** POST /usage-billing/payments/test { channel } → 201. */
export interface TestPaymentResponse {
  orderNo: string;
  url: string;
  userId: string;
}
