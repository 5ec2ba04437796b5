import type { BillingSettings, SecretSettingPath } from '../../../../contracts/settings';
import type { OrderKind, PaymentChannel, RecurringStop } from '../../../../contracts/payments';

/**
 * The contract of one payment provider (server/src/services/payments/<channel>.ts). A provider knows its
 * protocol only: it builds a checkout for an order and turns a verified callback into a PaymentEvent. The
 * orders service does everything with money (one transaction per event, exactly once), so a third provider
 * is one new module implementing this interface plus its name in PAYMENT_CHANNELS.
 */

/** An order as a provider sees it at checkout (amounts as decimal strings with the currency's digits). */
export interface CheckoutOrder {
  orderNo: string;
  userId: string;
  kind: OrderKind;
  /** What is bought, for the provider's page: "Top-up 10.00 USD", "Pro (monthly)". */
  description: string;
  /** The price in the billing currency ("7.99"). */
  amount: string;
  currency: string;
  /** What the provider charges ("57.53" CNY for EPay; the same as amount for Stripe). */
  payAmount: string;
  payCurrency: string;
  payType: string | null;
  /** Stripe only: a recurring plan (a Stripe subscription renewing every `interval`) rather than one payment. */
  recurring: { interval: 'month' | 'year' } | null;
}

export interface CheckoutContext {
  order: CheckoutOrder;
  settings: BillingSettings;
  /** A secret setting in clear (server-side only; never logged). */
  secret: (path: SecretSettingPath) => Promise<string>;
  /** Absolute URLs built on payments.publicUrl: this channel's webhook, where the user lands after paying or cancelling. */
  urls: { notify: string; success: string; cancel: string };
  /** The paying user's address, when known (EPay's API mode sends it). */
  clientIp: string | null;
}

/** What a created checkout answers: where to send the user, and the references to store on the order. */
export interface CheckoutResult {
  url: string;
  refs?: OrderRefs;
}

export interface OrderRefs {
  sessionId?: string;
  paymentIntentId?: string;
  providerSubscriptionId?: string;
  tradeNo?: string;
}

/** A recurring payment to stop: the provider's subscription, how, and the attempt (for the idempotency key). */
export interface RecurringStopRequest {
  orderNo: string;
  providerSubscriptionId: string;
  mode: RecurringStop;
  /** 1 for the first attempt: a retry sends a new key, since a provider replays an idempotent request's failure too. */
  attempt: number;
  settings: BillingSettings;
  secret: (path: SecretSettingPath) => Promise<string>;
}

/** A callback exactly as it arrived: the raw bytes (signatures are over them), the query, the headers (lowercase names). */
export interface WebhookRequest {
  method: string;
  query: Record<string, string>;
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
}

/** How an event names its order: by our order number, or by a provider reference stored on the order. */
export type OrderMatch = { orderNo: string } | { sessionId: string } | { paymentIntentId: string } | { providerSubscriptionId: string };

/** A money amount as the provider reported it: integer minor units (cents, fen) and a currency code (any case). */
export interface ReportedMoney {
  minor: bigint;
  currency: string;
}

/**
 * What a verified callback means for our orders. `eventId` is unique per provider and delivery-stable
 * (Stripe's event id; for EPay, which has none, derived from the trade number and status): each is applied
 * once. `ignored` events are acknowledged and change nothing.
 */
export type PaymentEvent =
  | { type: 'paid'; eventId: string; match: OrderMatch; paid: ReportedMoney; refs?: OrderRefs }
  /** The checkout completed but the money has not arrived yet (delayed methods): store the references only. */
  | { type: 'awaiting'; eventId: string; match: OrderMatch; refs?: OrderRefs }
  | { type: 'failed'; eventId: string; match: OrderMatch; reason: string }
  | { type: 'expired'; eventId: string; match: OrderMatch }
  /** A recurring plan's next period was paid (Stripe invoice.paid, billing_reason subscription_cycle). */
  | { type: 'renewal'; eventId: string; match: OrderMatch; paid: ReportedMoney; invoiceId: string }
  /** A recurring plan will renew no more (Stripe customer.subscription.deleted). */
  | { type: 'recurringEnded'; eventId: string; match: OrderMatch }
  /** Money returned to the payer: `refunded` is the total refunded so far on that payment. */
  | { type: 'refund'; eventId: string; match: OrderMatch; refunded: ReportedMoney }
  | { type: 'ignored'; eventId: string; reason: string };

/** How a callback ended, for the provider's reply. */
export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored' | 'refused';

export interface WebhookReply {
  status: number;
  /** Koa body: an object answers JSON, a string plain text. */
  body: unknown;
}

export interface PaymentProvider {
  channel: PaymentChannel;
  /** Why this channel cannot take payments with these settings ([] when it can): missing key, URL, merchant id. */
  configurationProblems(settings: BillingSettings, hasSecret: (path: SecretSettingPath) => boolean): string[];
  /** The pay types a user picks from (EPay's alipay, wxpay…); [] when the channel has none. */
  payTypes(settings: BillingSettings): string[];
  createCheckout(context: CheckoutContext): Promise<CheckoutResult>;
  /**
   * Verifies that the callback comes from the provider (signature, merchant id, timestamp) and parses it.
   * Throws WebhookRejectedError when it does not.
   */
  parseWebhook(request: WebhookRequest, settings: BillingSettings, secret: (path: SecretSettingPath) => Promise<string>): Promise<PaymentEvent>;
  /**
   * Stops a recurring payment from renewing (only providers with recurring payments: Stripe). Resolves once the
   * provider confirmed it — or answered that the subscription is already gone, which is the same end state;
   * throws PaymentProviderError (message free of keys) otherwise, and the caller retries later.
   */
  stopRecurring?(request: RecurringStopRequest): Promise<void>;
  /** The answer the provider expects for an outcome (Stripe: JSON and a status; EPay: the text `success` or `fail`). */
  reply(outcome: WebhookOutcome, message?: string): WebhookReply;
}
