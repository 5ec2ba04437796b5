// A fake Stripe API on 127.0.0.1 that the real `stripe` SDK talks to (payments.stripe.apiBase points the SDK
// at it), plus Stripe-shaped webhook events signed exactly as Stripe signs them. The network edge is the only
// thing faked: the plugin's provider, the SDK's request encoding, its idempotency header and Stripe's
// signature scheme are the real ones.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/** One request the fake received, as the SDK sent it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The form-encoded body, nested back (`line_items[0][price_data][unit_amount]` → line_items[0].price_data.unit_amount; values stay strings). */
  body: any;
  rawBody: string;
  idempotencyKey: string | null;
  authorization: string | null;
  stripeVersion: string | null;
}

export interface FakeStripe {
  /** http://127.0.0.1:<port>, for payments.stripe.apiBase. */
  readonly url: string;
  readonly secretKey: string;
  /** Every request, oldest first. */
  readonly requests: RecordedRequest[];
  /** Requests to POST /v1/checkout/sessions only. */
  checkoutRequests(): RecordedRequest[];
  /** A session the fake created, as Stripe stores it. */
  session(id: string): any;
  /** The sessions created, oldest first. */
  sessions(): any[];
  /** Answer every API request with this status and Stripe error (until cleared with null): for provider-failure tests. */
  failWith(status: number | null, error?: { type: string; message: string }): void;
  /** Answer only /v1/subscriptions/:id requests with this status and Stripe's api_error (null clears): checkouts still work. */
  failSubscriptions(status: number | null): void;
  /** Subscriptions cancelled through DELETE /v1/subscriptions/:id (successful cancels only, in order). */
  readonly cancelledSubscriptions: string[];
  /** DELETE and POST /v1/subscriptions/:id requests, answered or not (a failure switched on included). */
  subscriptionRequests(id?: string): RecordedRequest[];
  /** A subscription as the fake holds it: every `sub_…` exists, active, until cancelled here. */
  subscription(id: string): { id: string; status: 'active' | 'canceled'; cancel_at_period_end: boolean };
  reset(): void;
  close(): Promise<void>;
}

/** A Stripe-looking id: `cs_test_` + 24 random letters/digits. */
export const stripeId = (prefix: string) => `${prefix}_${crypto.randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 24)}`;

/**
 * Form-encoded body (qs style: `a[b][0][c]=v`) back to nested objects; objects whose keys are all indices
 * become arrays. Values stay strings, as a server receives them.
 */
export function parseForm(raw: string): any {
  const root: any = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    const parts = match ? [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])] : [key];
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = node[part] ??= {};
    });
  }
  const arrays = (node: any): any => {
    if (!node || typeof node !== 'object') return node;
    const keys = Object.keys(node);
    for (const k of keys) node[k] = arrays(node[k]);
    if (keys.length > 0 && keys.every((k, i) => k === String(i))) return keys.map((k) => node[k]);
    return node;
  };
  return arrays(root);
}

const stripeError = (type: string, message: string, extra: Record<string, unknown> = {}) => ({ error: { type, message, ...extra } });

/** Stripe's own wording for a wrong key names its last characters: the provider must not pass even that on. */
const invalidKeyMessage = (key: string) => `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;

export async function startFakeStripe(options: { secretKey?: string } = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? `sk_test_${crypto.randomBytes(16).toString('hex')}`;
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, any>();
  /** Idempotency key → the first request's raw body and the answer, replayed for the same key. */
  const idempotent = new Map<string, { rawBody: string; status: number; body: unknown }>();
  const cancelledSubscriptions: string[] = [];
  /** Subscriptions touched through the API; any other `sub_…` id is an active subscription (checkouts never create one here). */
  const subscriptions = new Map<string, { id: string; status: 'active' | 'canceled'; cancel_at_period_end: boolean; canceled_at: number | null }>();
  const subscriptionState = (id: string) => {
    let sub = subscriptions.get(id);
    if (!sub) subscriptions.set(id, (sub = { id, status: 'active', cancel_at_period_end: false, canceled_at: null }));
    return sub;
  };
  const subscriptionBody = (sub: ReturnType<typeof subscriptionState>) => ({ object: 'subscription', metadata: {}, ...sub });
  let failure: { status: number; error: { type: string; message: string } } | null = null;
  let subscriptionFailure: number | null = null;

  const createSession = (body: any): any => {
    const items: any[] = body.line_items ?? [];
    // Cents arrive as decimal strings in the form body; sum them as integers, never as floats.
    const total = items.reduce((sum, item) => sum + BigInt(item.price_data?.unit_amount ?? '0') * BigInt(item.quantity ?? '1'), 0n);
    const id = stripeId('cs_test');
    const now = Math.floor(Date.now() / 1000);
    const session = {
      id,
      object: 'checkout.session',
      amount_subtotal: Number(total),
      amount_total: Number(total),
      cancel_url: body.cancel_url ?? null,
      client_reference_id: body.client_reference_id ?? null,
      created: now,
      currency: items[0]?.price_data?.currency ?? null,
      customer: null,
      expires_at: now + 24 * 3600,
      livemode: false,
      metadata: body.metadata ?? {},
      mode: body.mode ?? 'payment',
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      subscription: null,
      success_url: body.success_url ?? null,
      url: `https://checkout.stripe.com/c/pay/${id}`,
    };
    sessions.set(id, session);
    return session;
  };

  const route = (method: string, path: string, body: any): { status: number; body: unknown } => {
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const missing = ['success_url', 'line_items', 'mode'].find((field) => body[field] === undefined);
      if (missing) return { status: 400, body: stripeError('invalid_request_error', `Missing required param: ${missing}.`, { param: missing }) };
      return { status: 200, body: createSession(body) };
    }
    const sessionMatch = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === 'GET' && sessionMatch) {
      const session = sessions.get(sessionMatch[1]);
      return session ? { status: 200, body: session } : { status: 404, body: stripeError('invalid_request_error', `No such checkout.session: '${sessionMatch[1]}'`) };
    }
    const subscriptionMatch = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (subscriptionMatch && (method === 'DELETE' || method === 'POST')) {
      const sub = subscriptionMatch[1].startsWith('sub_') ? subscriptionState(subscriptionMatch[1]) : null;
      // Stripe's answers: a cancelled subscription is gone for DELETE ("No such subscription", 404
      // resource_missing), and refuses updates other than its metadata (400).
      if (!sub || (method === 'DELETE' && sub.status === 'canceled')) {
        return { status: 404, body: stripeError('invalid_request_error', `No such subscription: '${subscriptionMatch[1]}'`, { code: 'resource_missing', param: 'id' }) };
      }
      if (sub.status === 'canceled') {
        return { status: 400, body: stripeError('invalid_request_error', 'A canceled subscription can only update its cancellation_details and metadata.') };
      }
      if (method === 'DELETE') {
        sub.status = 'canceled';
        sub.canceled_at = Math.floor(Date.now() / 1000);
        cancelledSubscriptions.push(sub.id);
      } else if (body.cancel_at_period_end !== undefined) {
        sub.cancel_at_period_end = body.cancel_at_period_end === 'true';
      }
      return { status: 200, body: subscriptionBody(sub) };
    }
    return { status: 404, body: stripeError('invalid_request_error', `Unrecognized request URL (${method}: ${path}).`) };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : null);
      const method = req.method ?? 'GET';
      const body = rawBody ? parseForm(rawBody) : parseForm(url.search.slice(1));
      const recorded: RecordedRequest = {
        method,
        path: url.pathname,
        body,
        rawBody,
        idempotencyKey: header('idempotency-key'),
        authorization: header('authorization'),
        stripeVersion: header('stripe-version'),
      };
      requests.push(recorded);
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': stripeId('req') });
        res.end(JSON.stringify(payload));
      };
      const key = (recorded.authorization ?? '').replace(/^Bearer /, '');
      if (key !== secretKey) return send(401, stripeError('invalid_request_error', invalidKeyMessage(key)));
      if (failure) return send(failure.status, { error: failure.error });
      if (subscriptionFailure !== null && url.pathname.startsWith('/v1/subscriptions/')) {
        return send(subscriptionFailure, stripeError('api_error', 'Something went wrong on our end.'));
      }
      const idemKey = method === 'POST' ? recorded.idempotencyKey : null;
      if (idemKey) {
        const previous = idempotent.get(idemKey);
        if (previous && previous.rawBody !== rawBody) {
          // Stripe refuses a key reused with different parameters.
          return send(400, stripeError('idempotency_error', 'Keys for idempotent requests can only be used with the same parameters they were first used with.'));
        }
        if (previous) return send(previous.status, previous.body);
      }
      const answer = route(method, url.pathname, body);
      if (idemKey && answer.status < 500) idempotent.set(idemKey, { rawBody, ...answer });
      send(answer.status, answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    requests,
    cancelledSubscriptions,
    checkoutRequests: () => requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions'),
    subscriptionRequests: (id) => requests.filter((r) => (id ? r.path === `/v1/subscriptions/${id}` : r.path.startsWith('/v1/subscriptions/'))),
    subscription: (id) => {
      const { canceled_at: _canceledAt, ...sub } = subscriptionState(id);
      return sub;
    },
    session: (id) => sessions.get(id),
    sessions: () => [...sessions.values()],
    failWith(status, error = { type: 'api_error', message: 'Something went wrong on our end.' }) {
      failure = status === null ? null : { status, error };
    },
    failSubscriptions(status) {
      subscriptionFailure = status;
    },
    reset() {
      subscriptionFailure = null;
      requests.length = 0;
      cancelledSubscriptions.length = 0;
      subscriptions.clear();
      sessions.clear();
      idempotent.clear();
      failure = null;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/* ----------------------------------------------------------------------------------------------
 * Webhook events
 * --------------------------------------------------------------------------------------------*/

/** A Stripe event envelope around `object`. */
export function stripeEvent(type: string, object: Record<string, unknown>, options: { id?: string; created?: number } = {}) {
  return {
    id: options.id ?? stripeId('evt_test'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: options.created ?? Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export type StripeEventPayload = ReturnType<typeof stripeEvent>;

/**
 * A checkout session after the user paid on Stripe's page: `base` is the session the fake created (or any
 * session-shaped object). `paid: false` is a delayed method (completed, money not yet arrived).
 * Subscription sessions get a subscription id, one-time sessions a payment intent (as Stripe does).
 */
export function completedSession(base: any, options: { paid?: boolean; amountTotal?: number; currency?: string; paymentIntent?: string; subscription?: string } = {}) {
  const subscription = base.mode === 'subscription';
  return {
    ...base,
    status: 'complete',
    payment_status: options.paid === false ? 'unpaid' : 'paid',
    amount_total: options.amountTotal ?? base.amount_total,
    currency: options.currency ?? base.currency,
    payment_intent: subscription ? null : (options.paymentIntent ?? base.payment_intent ?? stripeId('pi_test')),
    subscription: subscription ? (options.subscription ?? base.subscription ?? stripeId('sub_test')) : null,
  };
}

/** checkout.session.completed | async_payment_succeeded | async_payment_failed | expired, for `session`. */
export const sessionEvent = (
  type: 'checkout.session.completed' | 'checkout.session.async_payment_succeeded' | 'checkout.session.async_payment_failed' | 'checkout.session.expired',
  session: Record<string, unknown>,
  options: { id?: string } = {},
) => stripeEvent(type, session, options);

/**
 * invoice.paid of a subscription, shaped as API 2025-03-31+ sends it (the subscription under
 * parent.subscription_details); `legacy: true` puts it at `invoice.subscription` as older API versions did.
 */
export function invoicePaidEvent(options: {
  subscription: string;
  amountPaid: number;
  currency: string;
  billingReason?: string;
  legacy?: boolean;
  id?: string;
  invoiceId?: string;
  orderNo?: string;
}) {
  const now = Math.floor(Date.now() / 1000);
  const invoice: Record<string, unknown> = {
    id: options.invoiceId ?? stripeId('in_test'),
    object: 'invoice',
    amount_due: options.amountPaid,
    amount_paid: options.amountPaid,
    amount_remaining: 0,
    billing_reason: options.billingReason ?? 'subscription_cycle',
    currency: options.currency,
    customer: stripeId('cus_test'),
    livemode: false,
    status: 'paid',
    period_start: now,
    period_end: now,
    parent: options.legacy
      ? null
      : {
          type: 'subscription_details',
          quote_details: null,
          subscription_details: { metadata: options.orderNo ? { orderNo: options.orderNo } : {}, subscription: options.subscription },
        },
  };
  if (options.legacy) invoice.subscription = options.subscription;
  return stripeEvent('invoice.paid', invoice, { id: options.id });
}

export const subscriptionDeletedEvent = (subscription: string, options: { id?: string; orderNo?: string } = {}) =>
  stripeEvent(
    'customer.subscription.deleted',
    {
      id: subscription,
      object: 'subscription',
      status: 'canceled',
      canceled_at: Math.floor(Date.now() / 1000),
      metadata: options.orderNo ? { orderNo: options.orderNo } : {},
    },
    { id: options.id },
  );

/** charge.refunded: `amountRefunded` is the total refunded so far on the charge (cents). */
export const chargeRefundedEvent = (options: { paymentIntent: string | null; amount: number; amountRefunded: number; currency: string; id?: string }) =>
  stripeEvent(
    'charge.refunded',
    {
      id: stripeId('ch_test'),
      object: 'charge',
      amount: options.amount,
      amount_captured: options.amount,
      amount_refunded: options.amountRefunded,
      currency: options.currency,
      paid: true,
      payment_intent: options.paymentIntent,
      refunded: options.amountRefunded >= options.amount,
      status: 'succeeded',
    },
    { id: options.id },
  );

/** A webhook delivery: the exact bytes Stripe sends and its Stripe-Signature header. */
export interface SignedWebhook {
  body: string;
  signature: string;
}

/**
 * Signs `payload` (an event object, serialized here once, or a string sent verbatim) as Stripe does:
 * `t=<unix>,v1=<HMAC-SHA256(secret, t + "." + body)>`. `timestamp` (seconds) backdates it.
 */
export function signWebhook(payload: unknown, secret: string, options: { timestamp?: number } = {}): SignedWebhook {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: options.timestamp });
  return { body, signature };
}

/** A new webhook signing secret in Stripe's format. */
export const webhookSecret = () => `whsec_${crypto.randomBytes(24).toString('base64url')}`;
