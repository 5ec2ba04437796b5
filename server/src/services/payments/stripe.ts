import Stripe from 'stripe';
import { toMinorUnits } from '../../../../contracts/payments';
import type { BillingSettings, SecretSettingPath } from '../../../../contracts/settings';
import { PaymentProviderError, WebhookRejectedError } from '../../errors';
import type {
  CheckoutContext,
  CheckoutResult,
  OrderMatch,
  OrderRefs,
  PaymentEvent,
  PaymentProvider,
  RecurringStopRequest,
  ReportedMoney,
  WebhookOutcome,
  WebhookReply,
  WebhookRequest,
} from './types';

/**
 * Stripe through the official SDK: a Checkout Session per order (a one-time payment for top-ups and lifetime
 * plans, a subscription for monthly/yearly plans so Stripe charges each period and tells us by `invoice.paid`),
 * and signed webhooks mapped to PaymentEvents. Money in and out of Stripe is integer minor units (cents); this
 * module converts to and from bigint at the SDK's edge and never does arithmetic on it.
 */

/** How old a signed webhook may be (seconds): Stripe's own default, which bounds replays of a captured delivery. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Requests to Stripe carry the order number as idempotency key, so a retry can never create a second session. */
const NETWORK_RETRIES = 2;
/** A checkout holds the user's request open: fail it (up to 3 attempts × 20 s) rather than wait the SDK's default 80 s each. */
const TIMEOUT_MS = 20_000;

/**
 * A recurring stop runs after the commit while a webhook reply or an admin's cancel waits for it, and the
 * sweep retries it anyway: one SDK retry and a short timeout rather than a checkout's patience (a reply
 * Stripe gave up waiting for is delivered again and acknowledged as a duplicate).
 */
const STOP_TIMEOUT_MS = 5_000;
const STOP_NETWORK_RETRIES = 1;

type StripeOptions = NonNullable<ConstructorParameters<typeof Stripe>[1]>;

/** `payments.stripe.apiBase` ("http://127.0.0.1:12345") as SDK options; null when unset (api.stripe.com). */
export function apiBaseOptions(apiBase: string): Pick<StripeOptions, 'host' | 'port' | 'protocol'> | null {
  if (!apiBase) return null;
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new PaymentProviderError('stripe', 'payments.stripe.apiBase is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PaymentProviderError('stripe', 'payments.stripe.apiBase must be http(s)');
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}

function client(secretKey: string, settings: BillingSettings): Stripe {
  return new Stripe(secretKey, {
    maxNetworkRetries: NETWORK_RETRIES,
    timeout: TIMEOUT_MS,
    // No latency metrics sent to Stripe about our own requests.
    telemetry: false,
    appInfo: { name: 'strapi-plugin-usage-billing' },
    ...(apiBaseOptions(settings.payments.stripe.apiBase) ?? {}),
  });
}

/**
 * An SDK failure as a message safe to show an admin: the key itself is cut out, and so is anything shaped
 * like a Stripe key (Stripe's own "Invalid API Key provided: sk_test_…" names part of it).
 */
export function safeMessage(error: unknown, secretKey: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  let message = secretKey ? raw.split(secretKey).join('[redacted]') : raw;
  message = message.replace(/\b(sk|rk|whsec)_[A-Za-z0-9_*]+/g, '[redacted]');
  return message || 'request failed';
}

/**
 * Whether Stripe's refusal says the subscription renews no more anyway: cancelling one that is cancelled
 * (or unknown) answers 404 `resource_missing` ("No such subscription"); updating a cancelled one answers 400
 * "A canceled subscription can only update…". Either way there is nothing left to stop.
 */
export function alreadyStopped(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) return false;
  return error.code === 'resource_missing' || /\bcanceled subscription\b/i.test(error.message);
}

/** A JSON integer amount (cents) as bigint; Stripe amounts are always integers. */
function minor(value: unknown): bigint | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return null;
}

/** An id field that the SDK types as "id or expanded object". */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return undefined;
}

function money(amount: unknown, currency: unknown, what: string): ReportedMoney {
  const value = minor(amount);
  if (value === null || typeof currency !== 'string' || !currency) {
    // Signed by Stripe yet without an amount: refuse rather than settle an order on a guess.
    throw new WebhookRejectedError(`Stripe ${what} carries no integer amount and currency`, 400);
  }
  return { minor: value, currency };
}

function sessionRefs(session: Stripe.Checkout.Session): OrderRefs {
  const refs: OrderRefs = { sessionId: session.id };
  const paymentIntentId = idOf(session.payment_intent);
  const subscriptionId = idOf(session.subscription);
  if (paymentIntentId) refs.paymentIntentId = paymentIntentId;
  if (subscriptionId) refs.providerSubscriptionId = subscriptionId;
  return refs;
}

/** Our order number travels as metadata.orderNo and client_reference_id; the session id is stored on the order too. */
function sessionMatch(session: Stripe.Checkout.Session): OrderMatch {
  const orderNo = session.metadata?.orderNo || session.client_reference_id;
  return orderNo ? { orderNo } : { sessionId: session.id };
}

/** The subscription an invoice belongs to: `parent.subscription_details` since API 2025-03-31, `invoice.subscription` before. */
function invoiceSubscription(invoice: Stripe.Invoice): string | undefined {
  const current = idOf(invoice.parent?.subscription_details?.subscription);
  if (current) return current;
  return idOf((invoice as unknown as { subscription?: unknown }).subscription);
}

/** A verified Stripe event as what it means for our orders. */
export function mapEvent(event: Stripe.Event): PaymentEvent {
  const eventId = event.id;
  const object = event.data.object as unknown;
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = object as Stripe.Checkout.Session;
      // Delayed methods (bank debits) complete the checkout before the money arrives: credit only when paid.
      if (session.payment_status === 'paid') {
        return { type: 'paid', eventId, match: sessionMatch(session), paid: money(session.amount_total, session.currency, 'session'), refs: sessionRefs(session) };
      }
      if (session.payment_status === 'no_payment_required') {
        // A 100%-off checkout: nothing was charged, so nothing is credited; the order stays as it is.
        return { type: 'ignored', eventId, reason: 'checkout completed without a payment' };
      }
      return { type: 'awaiting', eventId, match: sessionMatch(session), refs: sessionRefs(session) };
    }
    case 'checkout.session.async_payment_succeeded': {
      const session = object as Stripe.Checkout.Session;
      return { type: 'paid', eventId, match: sessionMatch(session), paid: money(session.amount_total, session.currency, 'session'), refs: sessionRefs(session) };
    }
    case 'checkout.session.async_payment_failed': {
      const session = object as Stripe.Checkout.Session;
      return { type: 'failed', eventId, match: sessionMatch(session), reason: 'The delayed payment failed (checkout.session.async_payment_failed)' };
    }
    case 'checkout.session.expired': {
      const session = object as Stripe.Checkout.Session;
      return { type: 'expired', eventId, match: sessionMatch(session) };
    }
    case 'invoice.paid': {
      const invoice = object as Stripe.Invoice;
      // The first invoice (subscription_create) is the checkout's own payment, settled by checkout.session.completed.
      if (invoice.billing_reason !== 'subscription_cycle') {
        return { type: 'ignored', eventId, reason: `invoice.paid with billing_reason ${invoice.billing_reason ?? 'none'}` };
      }
      const subscription = invoiceSubscription(invoice);
      if (!subscription) return { type: 'ignored', eventId, reason: 'invoice.paid without a subscription' };
      return {
        type: 'renewal',
        eventId,
        match: { providerSubscriptionId: subscription },
        paid: money(invoice.amount_paid, invoice.currency, 'invoice'),
        invoiceId: invoice.id ?? '',
      };
    }
    case 'customer.subscription.deleted': {
      const subscription = object as Stripe.Subscription;
      return { type: 'recurringEnded', eventId, match: { providerSubscriptionId: subscription.id } };
    }
    case 'charge.refunded': {
      const charge = object as Stripe.Charge;
      const paymentIntentId = idOf(charge.payment_intent);
      if (!paymentIntentId) return { type: 'ignored', eventId, reason: 'charge.refunded without a payment intent' };
      return { type: 'refund', eventId, match: { paymentIntentId }, refunded: money(charge.amount_refunded, charge.currency, 'charge') };
    }
    default:
      return { type: 'ignored', eventId, reason: `event ${event.type} is not handled` };
  }
}

const stripeProvider: PaymentProvider = {
  channel: 'stripe',

  configurationProblems(settings, hasSecret) {
    const problems: string[] = [];
    const { stripe, publicUrl } = settings.payments;
    if (!hasSecret('payments.stripe.secretKey')) problems.push('payments.stripe.secretKey is empty');
    if (!hasSecret('payments.stripe.webhookSecret')) problems.push('payments.stripe.webhookSecret is empty (the signing secret of the webhook endpoint)');
    if (!stripe.successUrl && !publicUrl) problems.push('payments.stripe.successUrl or payments.publicUrl is needed (where the user lands after paying)');
    if (!stripe.cancelUrl && !publicUrl) problems.push('payments.stripe.cancelUrl or payments.publicUrl is needed (where the user lands after cancelling)');
    if (stripe.apiBase) {
      try {
        apiBaseOptions(stripe.apiBase);
      } catch (error) {
        problems.push((error as Error).message.replace(/^stripe: /, ''));
      }
    }
    return problems;
  },

  payTypes() {
    return [];
  },

  async createCheckout(context: CheckoutContext): Promise<CheckoutResult> {
    const { order, settings, urls } = context;
    const secretKey = await context.secret('payments.stripe.secretKey');
    if (!secretKey) throw new PaymentProviderError('stripe', 'payments.stripe.secretKey is empty');
    const unitAmount = toMinorUnits(order.payAmount, order.payCurrency);
    // The SDK takes a JS number; Stripe amounts are at most 8 digits, far inside the exact integer range.
    if (unitAmount <= 0n || unitAmount > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new PaymentProviderError('stripe', `amount ${order.payAmount} ${order.payCurrency} cannot be charged`);
    }
    const priceData: Stripe.Checkout.SessionCreateParams.LineItem.PriceData = {
      currency: order.payCurrency.toLowerCase(),
      unit_amount: Number(unitAmount),
      product_data: { name: order.description },
    };
    const metadata = { orderNo: order.orderNo, userId: order.userId, kind: order.kind };
    const params: Stripe.Checkout.SessionCreateParams = {
      line_items: [{ price_data: priceData, quantity: 1 }],
      client_reference_id: order.orderNo,
      metadata,
      success_url: urls.success,
      cancel_url: urls.cancel,
      mode: 'payment',
    };
    if (order.recurring) {
      params.mode = 'subscription';
      priceData.recurring = { interval: order.recurring.interval };
      // Renewal invoices and the subscription itself carry the order number too (for admins in the Stripe dashboard).
      params.subscription_data = { metadata };
    } else {
      // The payment intent carries the order number, so a refund in the dashboard shows which order it was.
      params.payment_intent_data = { metadata };
    }
    let session: Stripe.Checkout.Session;
    try {
      // The order number as idempotency key: a retried or repeated request gets the same session, never a second one.
      session = await client(secretKey, settings).checkout.sessions.create(params, { idempotencyKey: order.orderNo });
    } catch (error) {
      if (error instanceof PaymentProviderError) throw error;
      throw new PaymentProviderError('stripe', safeMessage(error, secretKey));
    }
    if (!session.url) throw new PaymentProviderError('stripe', `session ${session.id} has no URL`);
    return { url: session.url, refs: { sessionId: session.id } };
  },

  /**
   * `now`: DELETE /v1/subscriptions/:id (no proration: the period already paid is not refunded by Stripe;
   * our subscription decides what the user keeps). `period_end`: cancel_at_period_end, so the period paid
   * runs and nothing more is charged. Keyed by order number, mode and attempt, like checkouts.
   */
  async stopRecurring({ orderNo, providerSubscriptionId, mode, attempt, settings, secret }: RecurringStopRequest): Promise<void> {
    const secretKey = await secret('payments.stripe.secretKey');
    if (!secretKey) throw new PaymentProviderError('stripe', 'payments.stripe.secretKey is empty');
    const options = { idempotencyKey: `${orderNo}-stop-${mode}-${attempt}`, timeout: STOP_TIMEOUT_MS, maxNetworkRetries: STOP_NETWORK_RETRIES };
    const subscriptions = client(secretKey, settings).subscriptions;
    try {
      if (mode === 'now') await subscriptions.cancel(providerSubscriptionId, {}, options);
      else await subscriptions.update(providerSubscriptionId, { cancel_at_period_end: true }, options);
    } catch (error) {
      if (alreadyStopped(error)) return;
      throw new PaymentProviderError('stripe', safeMessage(error, secretKey));
    }
  },

  async parseWebhook(request: WebhookRequest, settings: BillingSettings, secret: (path: SecretSettingPath) => Promise<string>): Promise<PaymentEvent> {
    void settings;
    const header = request.headers['stripe-signature'];
    if (!header) throw new WebhookRejectedError('Missing Stripe-Signature header', 400);
    const webhookSecret = await secret('payments.stripe.webhookSecret');
    if (!webhookSecret) throw new WebhookRejectedError('payments.stripe.webhookSecret is not configured', 400);
    let event: Stripe.Event;
    try {
      // Over the raw bytes as received: a body parsed and re-serialized no longer matches the signature.
      event = Stripe.webhooks.constructEvent(request.rawBody, header, webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
    } catch (error) {
      throw new WebhookRejectedError(`Stripe signature verification failed: ${safeMessage(error, webhookSecret)}`, 400);
    }
    if (!event || typeof event.id !== 'string' || typeof event.type !== 'string' || !event.data?.object) {
      throw new WebhookRejectedError('Not a Stripe event', 400);
    }
    return mapEvent(event);
  },

  reply(outcome: WebhookOutcome, message?: string): WebhookReply {
    if (outcome === 'refused') {
      // Stripe retries any non-2xx for days; 400 says the delivery itself is wrong. Strapi's error shape.
      return {
        status: 400,
        body: { data: null, error: { status: 400, name: 'WebhookRejectedError', message: message || 'Webhook refused', details: {} } },
      };
    }
    return { status: 200, body: { received: true, outcome } };
  },
};

export default stripeProvider;
