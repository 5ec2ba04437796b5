// Stripe end to end: checkouts through the real SDK to the fake Stripe on loopback (tests/helpers/fake-stripe.ts),
// webhooks signed as Stripe signs them and posted to the plugin's own route (raw body captured by the plugin),
// and what they do to orders, the ledger and subscriptions. Runs on SQLite and PostgreSQL; the concurrent
// deliveries are in tests/concurrency/payments.test.ts.
import request from 'supertest';
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { adminGet, balanceOf, fund, gatewaySuite, ledgerRows, setSettings } from '../helpers/metering';
import { createPlan } from '../helpers/plans';
import {
  chargeRefundedEvent,
  completedSession,
  invoicePaidEvent,
  sessionEvent,
  signWebhook,
  startFakeStripe,
  stripeEvent,
  subscriptionDeletedEvent,
  webhookSecret,
  type FakeStripe,
} from '../helpers/fake-stripe';

const ctx = bootForTests();
const PUBLIC_URL = 'https://billing.example.com';
const WHSEC = webhookSecret();

describe(`Stripe payments (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  let fake: FakeStripe;
  let backend = '';

  /** Stripe on, pointed at the fake; the secret key is entered with apiBase, as the settings service requires. */
  const stripeOn = () =>
    setSettings(ctx.strapi, {
      mode: 'usage',
      payments: {
        publicUrl: PUBLIC_URL,
        topupMinimum: '1',
        stripe: { enabled: true, secretKey: fake.secretKey, webhookSecret: WHSEC, apiBase: fake.url, successUrl: '', cancelUrl: '' },
      },
    });

  beforeAll(async () => {
    fake = await startFakeStripe();
    backend = await apiToken(ctx.strapi, ['account.checkout', 'account.show']);
    await stripeOn();
  });
  afterAll(async () => fake?.close());
  afterEach(async () => {
    await stripeOn();
    fake.failWith(null);
  });

  const checkout = (userId: string, body: Record<string, unknown>) =>
    request(ctx.server).post(`/api/usage-billing/accounts/${encodeURIComponent(userId)}/checkout`).set('Authorization', `Bearer ${backend}`).send(body);

  /** Posts the exact bytes with their Stripe-Signature header, as Stripe delivers (no token). */
  const deliver = (body: string, signature?: string) => {
    const req = request(ctx.server).post('/api/usage-billing/webhooks/stripe').set('Content-Type', 'application/json; charset=utf-8');
    return (signature === undefined ? req : req.set('Stripe-Signature', signature)).send(body);
  };
  const deliverEvent = (event: unknown) => {
    const { body, signature } = signWebhook(event, WHSEC);
    return deliver(body, signature);
  };

  const order = async (orderNo: string) => {
    const res = await adminGet(ctx, suite.admin, `/orders?q=${orderNo}`);
    expect(res.status).toBe(200);
    const found = res.body.data.filter((o: { orderNo: string }) => o.orderNo === orderNo);
    expect(found).toHaveLength(1);
    return found[0];
  };

  /** A top-up checkout of `amount` for `userId`: the order number and the session the fake created for it. */
  const topup = async (userId: string, amount: string) => {
    const res = await checkout(userId, { channel: 'stripe', kind: 'topup', amount });
    expect(res.status).toBe(201);
    const session = fake.sessions().find((s) => s.client_reference_id === res.body.data.orderNo);
    expect(session).toBeDefined();
    return { orderNo: res.body.data.orderNo as string, session, response: res.body.data };
  };

  const subscriptionOf = async (userId: string) => (await adminGet(ctx, suite.admin, `/accounts/${encodeURIComponent(userId)}`)).body.data?.subscription ?? null;

  test('top-up: checkout answers the session URL; completed + paid credits exactly the amount once (ledger topup, reference = order)', async () => {
    const before = fake.checkoutRequests().length;
    const { orderNo, session, response } = await topup('st-topup', '12.34');
    expect(response).toEqual({ orderNo, channel: 'stripe', amount: '12.34', currency: 'USD', payAmount: '12.34', payCurrency: 'USD', url: session.url });
    expect(orderNo).toMatch(/^[A-Z0-9]{20,64}$/);

    // What Stripe received: the order number as idempotency key and reference, the amount in cents.
    const sent = fake.checkoutRequests().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].idempotencyKey).toBe(orderNo);
    expect(sent[0].authorization).toBe(`Bearer ${fake.secretKey}`);
    expect(sent[0].body).toMatchObject({
      mode: 'payment',
      client_reference_id: orderNo,
      metadata: { orderNo },
      line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount: '1234' } }],
    });
    expect(new URL(sent[0].body.success_url).origin).toBe(PUBLIC_URL);
    expect(new URL(sent[0].body.success_url).searchParams.get('orderNo')).toBe(orderNo);
    expect(new URL(sent[0].body.cancel_url).origin).toBe(PUBLIC_URL);

    expect(await order(orderNo)).toMatchObject({ status: 'pending', channel: 'stripe', kind: 'topup', userId: 'st-topup', sessionId: session.id, paidAt: null });
    expect(await balanceOf(ctx.strapi, 'st-topup')).toBeNull();

    const paid = completedSession(session, { paymentIntent: 'pi_st_topup' });
    const event = sessionEvent('checkout.session.completed', paid);
    const res = await deliverEvent(event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, outcome: 'applied' });

    expect(await balanceOf(ctx.strapi, 'st-topup')).toBe('12.34');
    const entries = await ledgerRows(ctx.strapi, { user_id: 'st-topup' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'topup', amount: '12.34', balance_after: '12.34', reference: orderNo });
    const settled = await order(orderNo);
    expect(settled).toMatchObject({ status: 'paid', paymentIntentId: 'pi_st_topup', failureReason: null });
    expect(settled.paidAt).not.toBeNull();

    // Stripe delivers at least once: the same event again is acknowledged and changes nothing.
    const again = await deliverEvent(event);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ received: true, outcome: 'duplicate' });
    expect(await balanceOf(ctx.strapi, 'st-topup')).toBe('12.34');
    expect(await ledgerRows(ctx.strapi, { user_id: 'st-topup' })).toHaveLength(1);

    // The admin list filters by status, channel and user.
    const list = await adminGet(ctx, suite.admin, '/orders?status=paid&channel=stripe&userId=st-topup');
    expect(list.body.data.map((o: { orderNo: string }) => o.orderNo)).toEqual([orderNo]);
    expect((await adminGet(ctx, suite.admin, '/orders?status=pending&userId=st-topup')).body.data).toEqual([]);
  });

  test('the same checkout retried reaches Stripe with another order number (one order, one idempotency key each)', async () => {
    const a = await topup('st-twice', '5');
    const b = await topup('st-twice', '5');
    expect(a.orderNo).not.toBe(b.orderNo);
    const keys = fake.checkoutRequests().filter((r) => r.body.client_reference_id === a.orderNo || r.body.client_reference_id === b.orderNo);
    expect(keys.map((r) => r.idempotencyKey)).toEqual([a.orderNo, b.orderNo]);
    expect(keys.map((r) => r.body.line_items[0].price_data.unit_amount)).toEqual(['500', '500']);
  });

  test('refused deliveries credit nothing: forged, stale, re-serialized, unsigned, tampered amount or currency, unknown order', async () => {
    const { orderNo, session } = await topup('st-refused', '20');
    const paid = completedSession(session, { paymentIntent: 'pi_st_refused' });
    // One event id throughout: a refused delivery must not use it up.
    const id = 'evt_st_refused_1';
    const genuine = sessionEvent('checkout.session.completed', paid, { id });
    const signed = signWebhook(genuine, WHSEC);
    const now = Math.floor(Date.now() / 1000);

    const attempts: Array<[string, () => request.Test, number]> = [
      ['forged (another secret)', () => deliver(signed.body, signWebhook(genuine, webhookSecret()).signature), 400],
      ['stale (10 minutes old)', () => {
        const stale = signWebhook(genuine, WHSEC, { timestamp: now - 600 });
        return deliver(stale.body, stale.signature);
      }, 400],
      ['re-serialized after signing', () => deliver(JSON.stringify(JSON.parse(signed.body)), signed.signature), 400],
      ['no signature header', () => deliver(signed.body), 400],
      ['amount edited after signing', () => deliver(signed.body.replace('"amount_total": 2000', '"amount_total": 200000'), signed.signature), 400],
      ['unknown order', () => deliverEvent(sessionEvent('checkout.session.completed', { ...paid, metadata: { orderNo: 'UBNOSUCHORDER0000000000' }, client_reference_id: 'UBNOSUCHORDER0000000000' }, { id })), 404],
    ];
    for (const [what, attempt, status] of attempts) {
      const res = await attempt();
      expect({ what, status: res.status, name: res.body?.error?.name }).toEqual({ what, status, name: 'WebhookRejectedError' });
      expect(res.body.data).toBeNull();
      expect(await balanceOf(ctx.strapi, 'st-refused')).toBeNull();
    }
    expect((await order(orderNo)).status).toBe('pending');

    // Signed by Stripe but not what the order asks: refused, nothing credited, the finding kept for admins.
    const tampered = await deliverEvent(sessionEvent('checkout.session.completed', { ...paid, amount_total: 1999 }, { id }));
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.name).toBe('WebhookRejectedError');
    expect(await balanceOf(ctx.strapi, 'st-refused')).toBeNull();
    expect(await order(orderNo)).toMatchObject({ status: 'pending', failureReason: 'amount mismatch: paid 19.99 USD, the order asks 20.00 USD' });

    const otherCurrency = await deliverEvent(sessionEvent('checkout.session.completed', { ...paid, currency: 'eur' }, { id }));
    expect(otherCurrency.status).toBe(400);
    expect(await balanceOf(ctx.strapi, 'st-refused')).toBeNull();
    expect((await order(orderNo)).failureReason).toMatch(/^currency mismatch: paid in EUR/);
    expect(await ledgerRows(ctx.strapi, { user_id: 'st-refused' })).toEqual([]);

    // The genuine delivery of that same event id still settles the order, once.
    const res = await deliver(signed.body, signed.signature);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('applied');
    expect(await balanceOf(ctx.strapi, 'st-refused')).toBe('20');
    expect(await ledgerRows(ctx.strapi, { user_id: 'st-refused' })).toHaveLength(1);
  });

  test('completed but unpaid (delayed method), then async_payment_succeeded → one credit; out-of-order copies change nothing', async () => {
    const { orderNo, session } = await topup('st-async', '7.5');
    const unpaid = completedSession(session, { paid: false, paymentIntent: 'pi_st_async' });
    const completed = sessionEvent('checkout.session.completed', unpaid);
    const first = await deliverEvent(completed);
    expect(first.status).toBe(200);
    expect(await balanceOf(ctx.strapi, 'st-async')).toBeNull();
    expect(await order(orderNo)).toMatchObject({ status: 'pending', paymentIntentId: 'pi_st_async' });

    const succeeded = sessionEvent('checkout.session.async_payment_succeeded', { ...unpaid, payment_status: 'paid' });
    expect((await deliverEvent(succeeded)).body).toEqual({ received: true, outcome: 'applied' });
    expect(await balanceOf(ctx.strapi, 'st-async')).toBe('7.5');
    expect((await order(orderNo)).status).toBe('paid');

    // Another paid event for the same order (a distinct event id) and the unpaid completion arriving late: no second credit.
    expect((await deliverEvent(sessionEvent('checkout.session.completed', { ...unpaid, payment_status: 'paid' }))).status).toBe(200);
    expect((await deliverEvent(completed)).body.outcome).toBe('duplicate');
    expect((await deliverEvent(sessionEvent('checkout.session.completed', unpaid))).status).toBe(200);
    expect(await balanceOf(ctx.strapi, 'st-async')).toBe('7.5');
    const entries = await ledgerRows(ctx.strapi, { user_id: 'st-async' });
    expect(entries.map((e) => [e.kind, e.amount, e.reference])).toEqual([['topup', '7.5', orderNo]]);
    expect((await order(orderNo)).status).toBe('paid');
  });

  test('async_payment_failed fails the order, expired expires it; nothing credited, and a late paid copy of another order is unaffected', async () => {
    const failing = await topup('st-fail', '3');
    const failed = await deliverEvent(sessionEvent('checkout.session.async_payment_failed', completedSession(failing.session, { paid: false })));
    expect(failed.status).toBe(200);
    const failedOrder = await order(failing.orderNo);
    expect(failedOrder.status).toBe('failed');
    expect(failedOrder.failureReason).toMatch(/async_payment_failed/);
    expect(failedOrder.closedAt).not.toBeNull();

    const abandoned = await topup('st-fail', '4');
    expect((await deliverEvent(sessionEvent('checkout.session.expired', { ...abandoned.session, status: 'expired' }))).status).toBe(200);
    expect((await order(abandoned.orderNo)).status).toBe('expired');
    expect(await balanceOf(ctx.strapi, 'st-fail')).toBeNull();
  });

  test('refunds reverse the credit through the ledger (kind refund), partial then full; the balance may go negative', async () => {
    const { orderNo, session } = await topup('st-refund', '20');
    await deliverEvent(sessionEvent('checkout.session.completed', completedSession(session, { paymentIntent: 'pi_st_refund' })));
    expect(await balanceOf(ctx.strapi, 'st-refund')).toBe('20');

    // 5.00 of 20.00 refunded.
    const partial = chargeRefundedEvent({ paymentIntent: 'pi_st_refund', amount: 2000, amountRefunded: 500, currency: 'usd' });
    expect((await deliverEvent(partial)).body).toEqual({ received: true, outcome: 'applied' });
    expect(await balanceOf(ctx.strapi, 'st-refund')).toBe('15');
    expect(await order(orderNo)).toMatchObject({ status: 'paid', refundedAmount: '5.00' });
    expect((await deliverEvent(partial)).body.outcome).toBe('duplicate');
    expect(await balanceOf(ctx.strapi, 'st-refund')).toBe('15');

    // The user spends 12 of it, then the rest of the payment is refunded: 15 more reversed, balance −12.
    await fund(ctx.strapi, 'st-refund', '-12');
    const full = chargeRefundedEvent({ paymentIntent: 'pi_st_refund', amount: 2000, amountRefunded: 2000, currency: 'usd' });
    expect((await deliverEvent(full)).body.outcome).toBe('applied');
    expect(await balanceOf(ctx.strapi, 'st-refund')).toBe('-12');
    const refunded = await order(orderNo);
    expect(refunded).toMatchObject({ status: 'refunded', refundedAmount: '20.00' });
    expect(refunded.closedAt).not.toBeNull();
    const entries = (await ledgerRows(ctx.strapi, { user_id: 'st-refund' })).filter((e) => e.kind !== 'adjustment');
    expect(entries.map((e) => [e.kind, e.amount, e.reference])).toEqual([
      ['topup', '20', orderNo],
      ['refund', '-5', `${orderNo}:500`],
      ['refund', '-15', `${orderNo}:2000`],
    ]);

    // More refunded than was paid does not fit this order: refused, nothing moves.
    const over = await deliverEvent(chargeRefundedEvent({ paymentIntent: 'pi_st_refund', amount: 2000, amountRefunded: 2500, currency: 'usd' }));
    expect(over.status).toBe(400);
    expect(await balanceOf(ctx.strapi, 'st-refund')).toBe('-12');
  });

  test('a refund of a payment that never settled the order (completed unpaid, then refunded) reverses nothing', async () => {
    const { orderNo, session } = await topup('st-refund-unpaid', '10');
    // The unpaid completion stores the payment intent on the still-pending order.
    await deliverEvent(sessionEvent('checkout.session.completed', completedSession(session, { paid: false, paymentIntent: 'pi_st_unpaid' })));
    expect((await order(orderNo)).paymentIntentId).toBe('pi_st_unpaid');
    const res = await deliverEvent(chargeRefundedEvent({ paymentIntent: 'pi_st_unpaid', amount: 1000, amountRefunded: 1000, currency: 'usd' }));
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('ignored');
    expect(await balanceOf(ctx.strapi, 'st-refund-unpaid')).toBeNull();
    expect(await ledgerRows(ctx.strapi, { user_id: 'st-refund-unpaid' })).toEqual([]);
    expect((await order(orderNo)).status).toBe('pending');
  });

  test('events the plugin does not act on are acknowledged and ignored', async () => {
    const res = await deliverEvent(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, outcome: 'ignored' });
  });

  test('plan (period mode): a monthly plan is a Stripe subscription; paid → the plan starts; invoice.paid renews it; deleted ends renewals', async () => {
    await setSettings(ctx.strapi, { mode: 'period' });
    const plan = await createPlan(ctx, suite.admin, { name: 'St-monthly', price: '10', discount: '20', interval: 'monthly', periodCredit: '5' });
    const res = await checkout('st-plan', { channel: 'stripe', kind: 'plan', planId: plan.id });
    expect(res.status).toBe(201);
    const { orderNo } = res.body.data;
    expect(res.body.data).toMatchObject({ amount: '8.00', currency: 'USD', payAmount: '8.00', payCurrency: 'USD' });
    const [sent] = fake.checkoutRequests().filter((r) => r.idempotencyKey === orderNo);
    expect(sent.body).toMatchObject({
      mode: 'subscription',
      client_reference_id: orderNo,
      metadata: { orderNo },
      subscription_data: { metadata: { orderNo } },
      line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount: '800', recurring: { interval: 'month' }, product_data: { name: 'St-monthly (monthly)' } } }],
    });
    expect(await subscriptionOf('st-plan')).toBeNull();

    const session = completedSession(fake.session(res.body.data.url.split('/').pop()), { subscription: 'sub_st_plan' });
    expect((await deliverEvent(sessionEvent('checkout.session.completed', session))).body).toEqual({ received: true, outcome: 'applied' });
    const started = await subscriptionOf('st-plan');
    expect(started).toMatchObject({ planId: plan.id, status: 'active', credit: '5', source: `order:${orderNo}` });
    expect(await order(orderNo)).toMatchObject({ status: 'paid', kind: 'plan', providerSubscriptionId: 'sub_st_plan', planId: plan.id });
    // Period mode: the plan is the purchase, no balance moves.
    expect(await ledgerRows(ctx.strapi, { user_id: 'st-plan' })).toEqual([]);

    // The subscription's first invoice is the checkout's own payment: settled above, ignored here.
    const firstInvoice = await deliverEvent(invoicePaidEvent({ subscription: 'sub_st_plan', amountPaid: 800, currency: 'usd', billingReason: 'subscription_create' }));
    expect(firstInvoice.body.outcome).toBe('ignored');
    expect((await subscriptionOf('st-plan')).endsAt).toBe(started.endsAt);

    // A renewal invoice with the wrong amount is refused and renews nothing.
    const wrong = await deliverEvent(invoicePaidEvent({ subscription: 'sub_st_plan', amountPaid: 1000, currency: 'usd' }));
    expect(wrong.status).toBe(400);
    expect((await subscriptionOf('st-plan')).endsAt).toBe(started.endsAt);

    // The next month's invoice: one more period, recorded as its own paid order renewing the first.
    const renewal = invoicePaidEvent({ subscription: 'sub_st_plan', amountPaid: 800, currency: 'usd', invoiceId: 'in_st_plan_2' });
    expect((await deliverEvent(renewal)).body).toEqual({ received: true, outcome: 'applied' });
    const renewed = await subscriptionOf('st-plan');
    expect(renewed.id).toBe(started.id);
    const endsAt = new Date(started.endsAt);
    const expected = new Date(endsAt);
    expected.setUTCMonth(expected.getUTCMonth() + 1);
    // One calendar month later (the day may clamp at a month's end, never more than a month).
    expect(new Date(renewed.endsAt).getTime()).toBeGreaterThan(endsAt.getTime() + 27 * 86_400_000);
    expect(new Date(renewed.endsAt).getTime()).toBeLessThanOrEqual(expected.getTime());
    const orders = (await adminGet(ctx, suite.admin, '/orders?userId=st-plan')).body.data;
    expect(orders).toHaveLength(2);
    const renewalOrder = orders.find((o: { orderNo: string }) => o.orderNo !== orderNo);
    expect(renewalOrder).toMatchObject({ status: 'paid', renewsOrderNo: orderNo, tradeNo: 'in_st_plan_2', providerSubscriptionId: 'sub_st_plan', payAmount: '8.00' });

    // Delivered again: acknowledged, not renewed twice.
    expect((await deliverEvent(renewal)).body.outcome).toBe('duplicate');
    expect((await subscriptionOf('st-plan')).endsAt).toBe(renewed.endsAt);

    // The Stripe subscription was cancelled: no more renewals; the paid period runs out on its own.
    const ended = await deliverEvent(subscriptionDeletedEvent('sub_st_plan'));
    expect(ended.status).toBe(200);
    expect((await order(orderNo)).closedAt).not.toBeNull();
    expect(await subscriptionOf('st-plan')).toMatchObject({ status: 'active', endsAt: renewed.endsAt });
  });

  test('yearly plans renew every year; lifetime plans are one payment', async () => {
    await setSettings(ctx.strapi, { mode: 'period' });
    const yearly = await createPlan(ctx, suite.admin, { name: 'St-yearly', price: '100', interval: 'yearly' });
    const lifetime = await createPlan(ctx, suite.admin, { name: 'St-lifetime', price: '250', interval: 'lifetime' });
    const y = await checkout('st-yearly', { channel: 'stripe', kind: 'plan', planId: yearly.id });
    const l = await checkout('st-lifetime', { channel: 'stripe', kind: 'plan', planId: lifetime.id });
    expect([y.status, l.status]).toEqual([201, 201]);
    const sent = (orderNo: string) => fake.checkoutRequests().find((r) => r.idempotencyKey === orderNo)!.body;
    expect(sent(y.body.data.orderNo)).toMatchObject({ mode: 'subscription', line_items: [{ price_data: { unit_amount: '10000', recurring: { interval: 'year' } } }] });
    expect(sent(l.body.data.orderNo)).toMatchObject({ mode: 'payment', line_items: [{ price_data: { unit_amount: '25000' } }] });
    expect(sent(l.body.data.orderNo).line_items[0].price_data.recurring).toBeUndefined();
  });

  test('checkout refusals: 409 for the wrong mode, a disabled or unconfigured channel; nothing sent to Stripe, no order', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'St-refusals', price: '3' });
    const requestsBefore = fake.requests.length;
    const ordersBefore = (await adminGet(ctx, suite.admin, '/orders?userId=st-no')).body.data.length;
    const refused = async (body: Record<string, unknown>, reason: string) => {
      const res = await checkout('st-no', body);
      expect({ status: res.status, name: res.body.error?.name, reason: res.body.error?.details?.reason }).toEqual({ status: 409, name: 'CheckoutNotAvailableError', reason });
    };
    await refused({ channel: 'stripe', kind: 'plan', planId: plan.id }, 'mode'); // usage mode sells top-ups only
    await setSettings(ctx.strapi, { mode: 'period' });
    await refused({ channel: 'stripe', kind: 'topup', amount: '5' }, 'mode');
    await setSettings(ctx.strapi, { mode: 'self' });
    await refused({ channel: 'stripe', kind: 'topup', amount: '5' }, 'mode');
    await setSettings(ctx.strapi, { mode: 'usage', payments: { stripe: { enabled: false } } });
    await refused({ channel: 'stripe', kind: 'topup', amount: '5' }, 'channel-disabled');
    await setSettings(ctx.strapi, { payments: { stripe: { enabled: true, webhookSecret: '' } } });
    await refused({ channel: 'stripe', kind: 'topup', amount: '5' }, 'channel-not-configured');
    expect(fake.requests.length).toBe(requestsBefore);
    expect((await adminGet(ctx, suite.admin, '/orders?userId=st-no')).body.data).toHaveLength(ordersBefore);

    await stripeOn();
    const below = await checkout('st-no', { channel: 'stripe', kind: 'topup', amount: '0.5' });
    expect(below.status).toBe(400);
    expect(fake.requests.length).toBe(requestsBefore);
  });

  test('Stripe refusing the checkout (wrong secret key) → 502 PaymentProviderError without the key; the order is failed', async () => {
    const wrongKey = 'sk_test_thisIsNotTheFakesKey9876';
    await setSettings(ctx.strapi, { payments: { stripe: { secretKey: wrongKey, apiBase: fake.url } } });
    const res = await checkout('st-badkey', { channel: 'stripe', kind: 'topup', amount: '5' });
    expect(res.status).toBe(502);
    expect(res.body.error.name).toBe('PaymentProviderError');
    expect(JSON.stringify(res.body)).not.toContain('sk_test');
    expect(JSON.stringify(res.body)).not.toContain('9876');
    const [failed] = (await adminGet(ctx, suite.admin, '/orders?userId=st-badkey')).body.data;
    expect(failed).toMatchObject({ status: 'failed', sessionId: null });
    expect(failed.failureReason).not.toContain('9876');
  });

  test('disabling Stripe stops new checkouts but still books orders paid before (the signature decides)', async () => {
    const { session } = await topup('st-off', '6');
    await setSettings(ctx.strapi, { payments: { stripe: { enabled: false } } });
    const res = await deliverEvent(sessionEvent('checkout.session.completed', completedSession(session)));
    expect(res.body).toEqual({ received: true, outcome: 'applied' });
    expect(await balanceOf(ctx.strapi, 'st-off')).toBe('6');
    const forged = await request(ctx.server)
      .post('/api/usage-billing/webhooks/stripe')
      .set('Stripe-Signature', 't=1,v1=00')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(sessionEvent('checkout.session.completed', completedSession(session))));
    expect(forged.status).toBe(400);
    await setSettings(ctx.strapi, { payments: { stripe: { enabled: true } } });
  });

  test('a refund or invoice of something not sold through the plugin (same Stripe account) is acknowledged and ignored', async () => {
    const before = Number((await ctx.strapi.db.connection('ub_ledger_entries').count({ count: '*' }))[0].count);
    const res = await deliverEvent(chargeRefundedEvent({ paymentIntent: 'pi_not_ours', amount: 500, amountRefunded: 500, currency: 'usd' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, outcome: 'ignored' });
    expect(Number((await ctx.strapi.db.connection('ub_ledger_entries').count({ count: '*' }))[0].count)).toBe(before);
  });
});
