// The Stripe provider without Strapi: checkouts go through the real SDK to the fake Stripe on loopback
// (tests/helpers/fake-stripe.ts), webhooks are signed with Stripe's own scheme. What the orders service does
// with the events (exactly once, money checks) is covered by tests/integration/payments-stripe.test.ts.
import { DEFAULT_SETTINGS, type BillingSettings, type SecretSettingPath } from '../../../contracts/settings';
import stripe, { WEBHOOK_TOLERANCE_SECONDS, apiBaseOptions, safeMessage } from '../../../server/src/services/payments/stripe';
import type { CheckoutContext, CheckoutOrder, WebhookRequest } from '../../../server/src/services/payments/types';
import { PaymentProviderError, WebhookRejectedError } from '../../../server/src/errors';
import {
  chargeRefundedEvent,
  completedSession,
  invoicePaidEvent,
  parseForm,
  sessionEvent,
  signWebhook,
  startFakeStripe,
  stripeEvent,
  subscriptionDeletedEvent,
  webhookSecret,
  type FakeStripe,
} from '../../helpers/fake-stripe';

let fake: FakeStripe;
const WHSEC = webhookSecret();

beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const settingsFor = (apiBase: string, overrides: Partial<BillingSettings['payments']['stripe']> = {}): BillingSettings => ({
  ...DEFAULT_SETTINGS,
  payments: {
    ...DEFAULT_SETTINGS.payments,
    publicUrl: 'https://billing.example.com',
    stripe: { ...DEFAULT_SETTINGS.payments.stripe, enabled: true, apiBase, ...overrides },
  },
});

const secrets = (values: Partial<Record<SecretSettingPath, string>>) => async (path: SecretSettingPath) => values[path] ?? '';

const order = (overrides: Partial<CheckoutOrder> = {}): CheckoutOrder => ({
  orderNo: 'ord_7f3a9c2e1b4d',
  userId: 'user-42',
  kind: 'topup',
  description: 'Top-up 12.34 USD',
  amount: '12.34',
  currency: 'USD',
  payAmount: '12.34',
  payCurrency: 'USD',
  payType: null,
  recurring: null,
  ...overrides,
});

const checkoutContext = (o: CheckoutOrder, key = fake.secretKey): CheckoutContext => ({
  order: o,
  settings: settingsFor(fake.url),
  secret: secrets({ 'payments.stripe.secretKey': key }),
  urls: {
    notify: 'https://billing.example.com/api/usage-billing/webhooks/stripe',
    success: 'https://billing.example.com/paid?order=' + o.orderNo,
    cancel: 'https://billing.example.com/cancelled',
  },
  clientIp: null,
});

describe('createCheckout through the real SDK', () => {
  test('a one-time top-up: payment mode, amount in cents, order number as reference, metadata and idempotency key', async () => {
    const result = await stripe.createCheckout(checkoutContext(order()));

    const [request] = fake.checkoutRequests();
    expect(fake.checkoutRequests()).toHaveLength(1);
    expect(request.idempotencyKey).toBe('ord_7f3a9c2e1b4d');
    expect(request.authorization).toBe(`Bearer ${fake.secretKey}`);
    expect(request.body).toMatchObject({
      mode: 'payment',
      client_reference_id: 'ord_7f3a9c2e1b4d',
      metadata: { orderNo: 'ord_7f3a9c2e1b4d' },
      success_url: 'https://billing.example.com/paid?order=ord_7f3a9c2e1b4d',
      cancel_url: 'https://billing.example.com/cancelled',
      line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount: '1234', product_data: { name: 'Top-up 12.34 USD' } } }],
      payment_intent_data: { metadata: { orderNo: 'ord_7f3a9c2e1b4d' } },
    });
    expect(request.body.line_items[0].price_data.recurring).toBeUndefined();
    expect(request.body.subscription_data).toBeUndefined();

    const session = fake.sessions()[0];
    expect(result).toEqual({ url: session.url, refs: { sessionId: session.id } });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.amount_total).toBe(1234);
  });

  test('a monthly plan: subscription mode with a recurring price, the order number on the subscription too', async () => {
    await stripe.createCheckout(
      checkoutContext(order({ kind: 'plan', description: 'Pro (monthly)', amount: '7.99', payAmount: '7.99', recurring: { interval: 'month' } })),
    );
    const [request] = fake.checkoutRequests();
    expect(request.body.mode).toBe('subscription');
    expect(request.body.line_items[0].price_data).toEqual({
      currency: 'usd',
      unit_amount: '799',
      product_data: { name: 'Pro (monthly)' },
      recurring: { interval: 'month' },
    });
    expect(request.body.subscription_data.metadata.orderNo).toBe('ord_7f3a9c2e1b4d');
    // Stripe refuses payment_intent_data in subscription mode.
    expect(request.body.payment_intent_data).toBeUndefined();
  });

  test('a yearly plan renews every year; a lifetime plan (no recurring) is one payment', async () => {
    await stripe.createCheckout(checkoutContext(order({ orderNo: 'ord_year', kind: 'plan', recurring: { interval: 'year' } })));
    await stripe.createCheckout(checkoutContext(order({ orderNo: 'ord_life', kind: 'plan', recurring: null })));
    const [yearly, lifetime] = fake.checkoutRequests();
    expect(yearly.body.line_items[0].price_data.recurring).toEqual({ interval: 'year' });
    expect(lifetime.body.mode).toBe('payment');
  });

  test.each([
    ['0.50', 'USD', '50', 'usd'],
    ['1000.00', 'USD', '100000', 'usd'],
    ['1.005', 'EUR', '101', 'eur'], // half-up to the cent
    ['500', 'JPY', '500', 'jpy'], // a currency without minor units
  ])('%s %s is sent as unit_amount %s %s', async (payAmount, payCurrency, cents, currency) => {
    await stripe.createCheckout(checkoutContext(order({ payAmount, payCurrency, amount: payAmount, currency: payCurrency })));
    const [request] = fake.checkoutRequests();
    expect(request.body.line_items[0].price_data.unit_amount).toBe(cents);
    expect(request.body.line_items[0].price_data.currency).toBe(currency);
  });

  test('the same order twice gets the same session (idempotency key = order number)', async () => {
    const first = await stripe.createCheckout(checkoutContext(order()));
    const second = await stripe.createCheckout(checkoutContext(order()));
    expect(second).toEqual(first);
    expect(fake.sessions()).toHaveLength(1);
    expect(fake.checkoutRequests().map((r) => r.idempotencyKey)).toEqual(['ord_7f3a9c2e1b4d', 'ord_7f3a9c2e1b4d']);
  });

  test('a wrong secret key → PaymentProviderError that names neither the key nor part of it', async () => {
    const wrong = 'sk_test_wrongwrongwrongwrong1234';
    const error = await stripe.createCheckout(checkoutContext(order(), wrong)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect((error as PaymentProviderError).status).toBe(502);
    expect((error as Error).message).toMatch(/^stripe: Invalid API Key provided/);
    expect((error as Error).message).not.toContain('sk_test');
    expect((error as Error).message).not.toContain('1234');
    expect(fake.sessions()).toHaveLength(0);
  });

  test('no secret key configured → PaymentProviderError before any request', async () => {
    await expect(stripe.createCheckout(checkoutContext(order(), ''))).rejects.toBeInstanceOf(PaymentProviderError);
    expect(fake.requests).toHaveLength(0);
  });

  test('Stripe failing → PaymentProviderError (retried with the same idempotency key first)', async () => {
    fake.failWith(500);
    const error = await stripe.createCheckout(checkoutContext(order())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect((error as Error).message).toBe('stripe: Something went wrong on our end.');
    // The SDK retries 5xx; every attempt carries the order number, so Stripe can never make two sessions.
    expect(fake.checkoutRequests().length).toBeGreaterThan(1);
    expect(new Set(fake.checkoutRequests().map((r) => r.idempotencyKey))).toEqual(new Set(['ord_7f3a9c2e1b4d']));
  }, 20000);

  test('a zero amount is refused before reaching Stripe', async () => {
    await expect(stripe.createCheckout(checkoutContext(order({ payAmount: '0.00' })))).rejects.toBeInstanceOf(PaymentProviderError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('settings helpers', () => {
  test('apiBase → SDK host options; empty → Stripe itself; not a URL → PaymentProviderError', () => {
    expect(apiBaseOptions('http://127.0.0.1:12345')).toEqual({ host: '127.0.0.1', port: '12345', protocol: 'http' });
    expect(apiBaseOptions('https://stripe-proxy.internal')).toEqual({ host: 'stripe-proxy.internal', port: 443, protocol: 'https' });
    expect(apiBaseOptions('')).toBeNull();
    expect(() => apiBaseOptions('not a url')).toThrow(PaymentProviderError);
    expect(() => apiBaseOptions('ftp://x')).toThrow(PaymentProviderError);
  });

  test('safeMessage cuts the key and anything shaped like a Stripe key', () => {
    expect(safeMessage(new Error('bad key sk_live_abcdef123 and rk_test_x*** and whsec_abc'), 'zzz')).toBe('bad key [redacted] and [redacted] and [redacted]');
    expect(safeMessage(new Error('contains my-secret-value here'), 'my-secret-value')).toBe('contains [redacted] here');
  });

  test('configurationProblems names each missing piece, [] when complete', () => {
    const all = () => true;
    const none = () => false;
    expect(stripe.configurationProblems(settingsFor(''), all)).toEqual([]);
    const problems = stripe.configurationProblems(
      { ...settingsFor(''), payments: { ...settingsFor('').payments, publicUrl: '' } },
      none,
    );
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/secretKey/);
    expect(problems.join('\n')).toMatch(/webhookSecret/);
    expect(problems.join('\n')).toMatch(/successUrl or payments.publicUrl/);
    expect(problems.join('\n')).toMatch(/cancelUrl or payments.publicUrl/);
    // Success and cancel URLs of their own replace publicUrl.
    const own = settingsFor('', { successUrl: 'https://x.example/ok', cancelUrl: 'https://x.example/no' });
    expect(stripe.configurationProblems({ ...own, payments: { ...own.payments, publicUrl: '' } }, all)).toEqual([]);
    expect(stripe.configurationProblems(settingsFor('nope'), all)).toEqual(['payments.stripe.apiBase is not a URL']);
    expect(stripe.payTypes(settingsFor(''))).toEqual([]);
  });
});

describe('parseWebhook: the signature', () => {
  const settings = settingsFor('');
  const secret = secrets({ 'payments.stripe.webhookSecret': WHSEC });
  const request = (body: string | Buffer, signature: string | undefined): WebhookRequest => ({
    method: 'POST',
    query: {},
    rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
  const session = completedSession({ id: 'cs_test_a', mode: 'payment', amount_total: 1234, currency: 'usd', metadata: { orderNo: 'ord_1' }, client_reference_id: 'ord_1' });
  const event = sessionEvent('checkout.session.completed', session, { id: 'evt_good' });

  const rejection = async (req: WebhookRequest, s = secret) => {
    const error = await stripe.parseWebhook(req, settings, s).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookRejectedError);
    expect((error as WebhookRejectedError).status).toBe(400);
    return (error as Error).message;
  };

  test('signed with the endpoint secret → parsed', async () => {
    const { body, signature } = signWebhook(event, WHSEC);
    await expect(stripe.parseWebhook(request(body, signature), settings, secret)).resolves.toMatchObject({ type: 'paid', eventId: 'evt_good' });
  });

  test('signed with another secret (forged) → rejected', async () => {
    const { body, signature } = signWebhook(event, webhookSecret());
    expect(await rejection(request(body, signature))).toMatch(/signature/i);
  });

  test('a stale timestamp (10 minutes old) → rejected; 4 minutes old is still inside the tolerance', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = signWebhook(event, WHSEC, { timestamp: now - 600 });
    expect(await rejection(request(stale.body, stale.signature))).toMatch(/tolerance/i);
    const recent = signWebhook(event, WHSEC, { timestamp: now - (WEBHOOK_TOLERANCE_SECONDS - 60) });
    await expect(stripe.parseWebhook(request(recent.body, recent.signature), settings, secret)).resolves.toMatchObject({ type: 'paid' });
  });

  test('the body re-serialized after signing (same JSON, other bytes) → rejected', async () => {
    const { body, signature } = signWebhook(event, WHSEC);
    const reserialized = JSON.stringify(JSON.parse(body));
    expect(reserialized).not.toBe(body);
    await rejection(request(reserialized, signature));
  });

  test('an amount changed after signing → rejected', async () => {
    const { body, signature } = signWebhook(event, WHSEC);
    const tampered = body.replace('"amount_total": 1234', '"amount_total": 123400');
    expect(tampered).not.toBe(body);
    await rejection(request(tampered, signature));
  });

  test('no Stripe-Signature header, a garbage header, or no webhook secret configured → rejected', async () => {
    const { body, signature } = signWebhook(event, WHSEC);
    expect(await rejection(request(body, undefined))).toMatch(/Stripe-Signature/);
    await rejection(request(body, 'garbage'));
    expect(await rejection(request(body, signature), secrets({}))).toMatch(/webhookSecret/);
  });

  test('the rejection message never contains the webhook secret', async () => {
    const { body } = signWebhook(event, WHSEC);
    const message = await rejection(request(body, `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`));
    expect(message).not.toContain(WHSEC);
    expect(message).not.toContain('whsec_');
  });
});

describe('parseWebhook: events → PaymentEvents', () => {
  const settings = settingsFor('');
  const secret = secrets({ 'payments.stripe.webhookSecret': WHSEC });
  const parse = (payload: unknown) => {
    const { body, signature } = signWebhook(payload, WHSEC);
    return stripe.parseWebhook({ method: 'POST', query: {}, rawBody: Buffer.from(body), headers: { 'stripe-signature': signature } }, settings, secret);
  };
  const created = { id: 'cs_test_1', object: 'checkout.session', mode: 'payment', amount_total: 1234, currency: 'usd', metadata: { orderNo: 'ord_1' }, client_reference_id: 'ord_1', payment_intent: null, subscription: null };

  test('checkout.session.completed, paid → paid with the money in cents and the references', async () => {
    const session = completedSession(created, { paymentIntent: 'pi_1' });
    await expect(parse(sessionEvent('checkout.session.completed', session, { id: 'evt_1' }))).resolves.toEqual({
      type: 'paid',
      eventId: 'evt_1',
      match: { orderNo: 'ord_1' },
      paid: { minor: 1234n, currency: 'usd' },
      refs: { sessionId: 'cs_test_1', paymentIntentId: 'pi_1' },
    });
  });

  test('checkout.session.completed of a subscription → paid with the subscription id', async () => {
    const session = completedSession({ ...created, mode: 'subscription', amount_total: 799 }, { subscription: 'sub_1' });
    await expect(parse(sessionEvent('checkout.session.completed', session, { id: 'evt_2' }))).resolves.toEqual({
      type: 'paid',
      eventId: 'evt_2',
      match: { orderNo: 'ord_1' },
      paid: { minor: 799n, currency: 'usd' },
      refs: { sessionId: 'cs_test_1', providerSubscriptionId: 'sub_1' },
    });
  });

  test('checkout.session.completed, unpaid (delayed method) → awaiting, no money', async () => {
    const session = completedSession(created, { paid: false, paymentIntent: 'pi_2' });
    await expect(parse(sessionEvent('checkout.session.completed', session, { id: 'evt_3' }))).resolves.toEqual({
      type: 'awaiting',
      eventId: 'evt_3',
      match: { orderNo: 'ord_1' },
      refs: { sessionId: 'cs_test_1', paymentIntentId: 'pi_2' },
    });
  });

  test('checkout.session.completed without payment (100% off) → ignored', async () => {
    const session = { ...completedSession(created), payment_status: 'no_payment_required', amount_total: 0 };
    await expect(parse(sessionEvent('checkout.session.completed', session, { id: 'evt_np' }))).resolves.toMatchObject({ type: 'ignored', eventId: 'evt_np' });
  });

  test('async_payment_succeeded → paid; async_payment_failed → failed; expired → expired', async () => {
    const session = completedSession(created, { paymentIntent: 'pi_3' });
    await expect(parse(sessionEvent('checkout.session.async_payment_succeeded', session, { id: 'evt_4' }))).resolves.toEqual({
      type: 'paid',
      eventId: 'evt_4',
      match: { orderNo: 'ord_1' },
      paid: { minor: 1234n, currency: 'usd' },
      refs: { sessionId: 'cs_test_1', paymentIntentId: 'pi_3' },
    });
    const failed = await parse(sessionEvent('checkout.session.async_payment_failed', { ...session, payment_status: 'unpaid' }, { id: 'evt_5' }));
    expect(failed).toMatchObject({ type: 'failed', eventId: 'evt_5', match: { orderNo: 'ord_1' } });
    expect(failed.type === 'failed' && failed.reason).toMatch(/async_payment_failed/);
    await expect(parse(sessionEvent('checkout.session.expired', { ...created, status: 'expired' }, { id: 'evt_6' }))).resolves.toEqual({
      type: 'expired',
      eventId: 'evt_6',
      match: { orderNo: 'ord_1' },
    });
  });

  test('the order is matched by metadata.orderNo, else client_reference_id, else the session id', async () => {
    const noMetadata = completedSession({ ...created, metadata: {}, client_reference_id: 'ord_ref' });
    await expect(parse(sessionEvent('checkout.session.completed', noMetadata))).resolves.toMatchObject({ match: { orderNo: 'ord_ref' } });
    const neither = completedSession({ ...created, metadata: {}, client_reference_id: null });
    await expect(parse(sessionEvent('checkout.session.completed', neither))).resolves.toMatchObject({ match: { sessionId: 'cs_test_1' } });
  });

  test('invoice.paid for a renewal (subscription_cycle) → renewal matched by subscription (23.x shape and legacy shape)', async () => {
    await expect(parse(invoicePaidEvent({ id: 'evt_7', invoiceId: 'in_1', subscription: 'sub_1', amountPaid: 799, currency: 'usd' }))).resolves.toEqual({
      type: 'renewal',
      eventId: 'evt_7',
      match: { providerSubscriptionId: 'sub_1' },
      paid: { minor: 799n, currency: 'usd' },
      invoiceId: 'in_1',
    });
    await expect(parse(invoicePaidEvent({ id: 'evt_8', invoiceId: 'in_2', subscription: 'sub_2', amountPaid: 999, currency: 'eur', legacy: true }))).resolves.toEqual({
      type: 'renewal',
      eventId: 'evt_8',
      match: { providerSubscriptionId: 'sub_2' },
      paid: { minor: 999n, currency: 'eur' },
      invoiceId: 'in_2',
    });
  });

  test('invoice.paid for the first invoice (subscription_create) → ignored: checkout.session.completed settles it', async () => {
    await expect(parse(invoicePaidEvent({ id: 'evt_9', subscription: 'sub_1', amountPaid: 799, currency: 'usd', billingReason: 'subscription_create' }))).resolves.toMatchObject({
      type: 'ignored',
      eventId: 'evt_9',
    });
  });

  test('customer.subscription.deleted → recurringEnded', async () => {
    await expect(parse(subscriptionDeletedEvent('sub_1', { id: 'evt_10' }))).resolves.toEqual({
      type: 'recurringEnded',
      eventId: 'evt_10',
      match: { providerSubscriptionId: 'sub_1' },
    });
  });

  test('charge.refunded → refund of the total refunded so far, matched by payment intent', async () => {
    await expect(parse(chargeRefundedEvent({ id: 'evt_11', paymentIntent: 'pi_1', amount: 1234, amountRefunded: 500, currency: 'usd' }))).resolves.toEqual({
      type: 'refund',
      eventId: 'evt_11',
      match: { paymentIntentId: 'pi_1' },
      refunded: { minor: 500n, currency: 'usd' },
    });
  });

  test('other events → ignored (acknowledged, nothing changes)', async () => {
    await expect(parse(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }, { id: 'evt_12' }))).resolves.toMatchObject({
      type: 'ignored',
      eventId: 'evt_12',
    });
  });

  test('a signed paid event without an integer amount → rejected rather than guessed', async () => {
    const session = { ...completedSession(created), amount_total: 12.34 };
    await expect(parse(sessionEvent('checkout.session.completed', session))).rejects.toBeInstanceOf(WebhookRejectedError);
  });
});

describe('reply', () => {
  test('applied, duplicate and ignored → 200 so Stripe stops retrying', () => {
    for (const outcome of ['applied', 'duplicate', 'ignored'] as const) {
      expect(stripe.reply(outcome)).toEqual({ status: 200, body: { received: true, outcome } });
    }
  });
  test('refused → 400 in Strapi error shape, with the given message', () => {
    expect(stripe.reply('refused', 'Unknown order')).toEqual({
      status: 400,
      body: { data: null, error: { status: 400, name: 'WebhookRejectedError', message: 'Unknown order', details: {} } },
    });
  });
});

describe('parseForm (the fake reads what the SDK encodes)', () => {
  test('nested keys and indexed arrays', () => {
    expect(parseForm('a=1&b[c]=2&d[0][e]=3&d[1][e]=4&f[0]=x')).toEqual({ a: '1', b: { c: '2' }, d: [{ e: '3' }, { e: '4' }], f: ['x'] });
  });
});
