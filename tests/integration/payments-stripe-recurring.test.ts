// A recurring Stripe plan stops renewing when the user buys another plan (through Stripe or EPay) or an admin
// cancels the subscription: the request is written on the old order in the purchase's transaction, sent to
// the fake Stripe (tests/helpers/fake-stripe.ts) through the real SDK after the commit, and retried by the
// sweep while Stripe fails. Runs on SQLite and PostgreSQL.
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { OrderView } from '../../contracts/payments';
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { startFakeEpay, type FakeEpay } from '../helpers/fake-epay';
import { adminGet, adminPost, gatewaySuite, ledgerRows, service, setSettings } from '../helpers/metering';
import { createPlan } from '../helpers/plans';
import {
  completedSession,
  invoicePaidEvent,
  sessionEvent,
  signWebhook,
  startFakeStripe,
  subscriptionDeletedEvent,
  webhookSecret,
  type FakeStripe,
} from '../helpers/fake-stripe';

const ctx = bootForTests();
const WHSEC = webhookSecret();
const EPAY_KEY = 'itest-recurring-epay-key';

describe(`Stripe recurring stops (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  let stripe: FakeStripe;
  let epay: FakeEpay;
  let backend = '';
  // Monthly plans, by price per month: basic < pro < premium.
  const plans = { basic: 0, pro: 0, premium: 0 };

  const channelsOn = (publicUrl: string) =>
    setSettings(ctx.strapi, {
      mode: 'period',
      payments: {
        publicUrl,
        usdToCnyRate: '7',
        stripe: { enabled: true, secretKey: stripe.secretKey, webhookSecret: WHSEC, apiBase: stripe.url, successUrl: '', cancelUrl: '' },
        epay: { enabled: true, gatewayUrl: epay.url, merchantId: '30001', key: EPAY_KEY, payTypes: ['alipay'], returnUrl: '', mode: 'page' },
      },
    });

  beforeAll(async () => {
    stripe = await startFakeStripe();
    epay = await startFakeEpay({ merchantId: '30001', key: EPAY_KEY });
    // EPay's fake calls the notify URL: Strapi listens on loopback (supertest then uses this listener).
    await new Promise<void>((resolve) => ctx.server.listen(0, '127.0.0.1', () => resolve()));
    await channelsOn(`http://127.0.0.1:${(ctx.server.address() as AddressInfo).port}`);
    backend = await apiToken(ctx.strapi, ['account.checkout', 'account.show']);
    plans.basic = (await createPlan(ctx, suite.admin, { name: 'Rc-basic', price: '10', periodCredit: '5' })).id;
    plans.pro = (await createPlan(ctx, suite.admin, { name: 'Rc-pro', price: '20', periodCredit: '12' })).id;
    plans.premium = (await createPlan(ctx, suite.admin, { name: 'Rc-premium', price: '30', periodCredit: '20' })).id;
  });
  afterAll(async () => {
    await stripe?.close();
    await epay?.close();
  });
  afterEach(() => stripe.failSubscriptions(null));

  const deliver = (event: unknown) => {
    const { body, signature } = signWebhook(event, WHSEC);
    return request(ctx.server).post('/api/usage-billing/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
  };

  const checkout = async (userId: string, body: Record<string, unknown>) => {
    const res = await request(ctx.server).post(`/api/usage-billing/accounts/${encodeURIComponent(userId)}/checkout`).set('Authorization', `Bearer ${backend}`).send(body);
    expect(res.status).toBe(201);
    return res.body.data as { orderNo: string; url: string; payAmount: string };
  };

  /** A plan bought through Stripe and paid; `subscription` is the `sub_…` Stripe gives a recurring one. Returns the order number and the paid event. */
  const buyWithStripe = async (userId: string, planId: number, subscription?: string) => {
    const { orderNo, url } = await checkout(userId, { channel: 'stripe', kind: 'plan', planId });
    const session = completedSession(stripe.session(url.split('/').pop()!), { subscription });
    const event = sessionEvent('checkout.session.completed', session);
    const res = await deliver(event);
    expect(res.body).toEqual({ received: true, outcome: 'applied' });
    return { orderNo, event };
  };

  const buyWithEpay = async (userId: string, planId: number) => {
    const { orderNo, url } = await checkout(userId, { channel: 'epay', kind: 'plan', planId });
    const opened = await epay.open(url);
    expect(opened.status).toBe(200);
    expect(await epay.notify(opened.order!, { method: 'POST' })).toMatchObject({ status: 200, text: 'success' });
    return { orderNo };
  };

  const ordersOf = async (userId: string): Promise<OrderView[]> => (await adminGet(ctx, suite.admin, `/orders?userId=${encodeURIComponent(userId)}`)).body.data;
  const order = async (orderNo: string): Promise<OrderView> => {
    const [found] = (await adminGet(ctx, suite.admin, `/orders?q=${orderNo}`)).body.data.filter((o: OrderView) => o.orderNo === orderNo);
    return found;
  };
  const subscriptionOf = async (userId: string) => (await adminGet(ctx, suite.admin, `/accounts/${encodeURIComponent(userId)}`)).body.data.subscription;

  const stopped = (mode: 'now' | 'period_end', attempts = 1) => ({
    mode,
    requestedAt: expect.any(String),
    stoppedAt: expect.any(String),
    error: null,
    attempts,
  });

  test('an upgrade through Stripe cancels the old Stripe subscription once; a repeated delivery sends nothing more; a late renewal is recorded, not applied', async () => {
    const user = 'rc-upgrade';
    const basic = await buyWithStripe(user, plans.basic, 'sub_rc_upgrade_1');
    expect((await order(basic.orderNo)).recurringStop).toBeNull();
    expect(stripe.subscriptionRequests()).toEqual([]);

    const pro = await buyWithStripe(user, plans.pro, 'sub_rc_upgrade_2');
    expect((await order(pro.orderNo)).planAction).toBe('upgrade');
    // Exactly one request, a cancel of the old subscription keyed by its order, attempt 1; the new one untouched.
    const sent = stripe.subscriptionRequests();
    expect(sent.map((r) => [r.method, r.path, r.idempotencyKey])).toEqual([['DELETE', '/v1/subscriptions/sub_rc_upgrade_1', `${basic.orderNo}-stop-now-1`]]);
    expect(sent[0].authorization).toBe(`Bearer ${stripe.secretKey}`);
    expect(stripe.cancelledSubscriptions).toContain('sub_rc_upgrade_1');
    expect(stripe.subscription('sub_rc_upgrade_1').status).toBe('canceled');
    expect((await order(basic.orderNo)).recurringStop).toEqual(stopped('now'));
    expect((await order(pro.orderNo)).recurringStop).toBeNull();
    // The upgrade started Pro now with Basic's unused 5 carried over: 12 + 5.
    const upgraded = await subscriptionOf(user);
    expect(upgraded).toMatchObject({ planId: plans.pro, credit: '17', nextPlanId: null, cancelledAt: null });

    // Stripe delivers at least once: the upgrade's event again changes nothing and sends nothing.
    expect((await deliver(pro.event)).body.outcome).toBe('duplicate');
    expect(stripe.subscriptionRequests()).toHaveLength(1);
    // Nor does the sweep: the stop is confirmed.
    expect(await service(ctx.strapi, 'payments').stopRecurring()).toEqual({ stopped: 0, failed: 0 });
    expect(stripe.subscriptionRequests()).toHaveLength(1);

    // A renewal of the old subscription charged before the cancel reached Stripe: acknowledged and recorded
    // as the money it is (10.00), but Basic is not applied to the upgraded user.
    const late = await deliver(invoicePaidEvent({ subscription: 'sub_rc_upgrade_1', amountPaid: 1000, currency: 'usd', invoiceId: 'in_rc_late' }));
    expect(late.body).toEqual({ received: true, outcome: 'applied' });
    const renewal = (await ordersOf(user)).find((o) => o.tradeNo === 'in_rc_late')!;
    expect(renewal).toMatchObject({ status: 'paid', renewsOrderNo: basic.orderNo, amount: '10.00', payAmount: '10.00', payCurrency: 'USD', planId: plans.basic, recurringStop: null });
    expect(renewal.failureReason).toBe(
      `Charged after order ${basic.orderNo}'s Stripe subscription was asked to stop renewing (now): recorded, no period granted — refund it in Stripe`,
    );
    expect(await subscriptionOf(user)).toEqual(upgraded);
    // A renewal of the NEW subscription renews Pro as before.
    expect((await deliver(invoicePaidEvent({ subscription: 'sub_rc_upgrade_2', amountPaid: 2000, currency: 'usd' }))).body.outcome).toBe('applied');
    expect(new Date((await subscriptionOf(user)).endsAt).getTime()).toBeGreaterThan(new Date(upgraded.endsAt).getTime());
    expect(stripe.subscriptionRequests()).toHaveLength(1);

    // Stripe's own confirmation closes the old order, as any ended subscription.
    expect((await deliver(subscriptionDeletedEvent('sub_rc_upgrade_1'))).status).toBe(200);
    expect((await order(basic.orderNo)).closedAt).not.toBeNull();
    expect(await ledgerRows(ctx.strapi, { user_id: user })).toEqual([]);
  });

  test('an upgrade paid through EPay cancels the Stripe subscription too', async () => {
    const user = 'rc-epay';
    const basic = await buyWithStripe(user, plans.basic, 'sub_rc_epay');
    const pro = await buyWithEpay(user, plans.pro);
    expect(await order(pro.orderNo)).toMatchObject({ status: 'paid', channel: 'epay', planAction: 'upgrade', payAmount: '140.00', payCurrency: 'CNY', recurringStop: null });
    expect(stripe.subscriptionRequests('sub_rc_epay').map((r) => [r.method, r.idempotencyKey])).toEqual([['DELETE', `${basic.orderNo}-stop-now-1`]]);
    expect((await order(basic.orderNo)).recurringStop).toEqual(stopped('now'));
    expect(await subscriptionOf(user)).toMatchObject({ planId: plans.pro, credit: '17' });
  });

  test('a switch stops renewing at the period end (cancel_at_period_end); a later upgrade cancels at once', async () => {
    const user = 'rc-switch';
    const pro = await buyWithStripe(user, plans.pro, 'sub_rc_switch');
    // Basic is cheaper: a switch from the next period, paid once (no Stripe subscription of its own).
    const basic = await buyWithStripe(user, plans.basic);
    expect(await order(basic.orderNo)).toMatchObject({ planAction: 'switch', providerSubscriptionId: null, payAmount: '10.00' });
    const sent = stripe.subscriptionRequests('sub_rc_switch');
    expect(sent.map((r) => [r.method, r.idempotencyKey, r.body])).toEqual([['POST', `${pro.orderNo}-stop-period_end-1`, { cancel_at_period_end: 'true' }]]);
    expect(stripe.subscription('sub_rc_switch')).toEqual({ id: 'sub_rc_switch', status: 'active', cancel_at_period_end: true });
    expect((await order(pro.orderNo)).recurringStop).toEqual(stopped('period_end'));
    expect(await subscriptionOf(user)).toMatchObject({ planId: plans.pro, nextPlanId: plans.basic, credit: '12' });

    // Premium is an upgrade from Pro: the subscription set to end at the period's end is now cancelled at once.
    await buyWithStripe(user, plans.premium, 'sub_rc_switch_premium');
    expect(stripe.subscriptionRequests('sub_rc_switch').map((r) => [r.method, r.idempotencyKey])).toEqual([
      ['POST', `${pro.orderNo}-stop-period_end-1`],
      ['DELETE', `${pro.orderNo}-stop-now-1`],
    ]);
    expect(stripe.subscription('sub_rc_switch').status).toBe('canceled');
    expect((await order(pro.orderNo)).recurringStop).toEqual(stopped('now'));
    expect(stripe.subscriptionRequests('sub_rc_switch_premium')).toEqual([]);
  });

  test('an admin cancel cancels the Stripe subscription now; the paid period runs to its end', async () => {
    const user = 'rc-admin';
    const basic = await buyWithStripe(user, plans.basic, 'sub_rc_admin');
    const before = await subscriptionOf(user);
    const res = await adminPost(ctx, suite.admin, `/accounts/${user}/subscription/cancel`, {});
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'active', endsAt: before.periodEnd });
    expect(res.body.data.cancelledAt).not.toBeNull();
    expect(stripe.subscriptionRequests('sub_rc_admin').map((r) => [r.method, r.idempotencyKey])).toEqual([['DELETE', `${basic.orderNo}-stop-now-1`]]);
    expect((await order(basic.orderNo)).recurringStop).toEqual(stopped('now'));
  });

  test('a subscription already cancelled in Stripe (404 resource_missing) counts as stopped', async () => {
    const user = 'rc-gone';
    const basic = await buyWithStripe(user, plans.basic, 'sub_rc_gone');
    // Cancelled in the dashboard; customer.subscription.deleted not delivered yet.
    await request(stripe.url).delete('/v1/subscriptions/sub_rc_gone').set('Authorization', `Bearer ${stripe.secretKey}`).expect(200);
    await buyWithStripe(user, plans.pro, 'sub_rc_gone_2');
    const answers = stripe.subscriptionRequests('sub_rc_gone');
    expect(answers.map((r) => r.idempotencyKey)).toEqual([null, `${basic.orderNo}-stop-now-1`]);
    expect((await order(basic.orderNo)).recurringStop).toEqual(stopped('now'));
  });

  test('Stripe failing: the purchase is booked, the error kept on the order (no key), the sweep retries until one cancel succeeds', async () => {
    const user = 'rc-retry';
    const basic = await buyWithStripe(user, plans.basic, 'sub_rc_retry');
    stripe.failSubscriptions(500);
    const pro = await buyWithStripe(user, plans.pro, 'sub_rc_retry_2');
    expect(await order(pro.orderNo)).toMatchObject({ status: 'paid' });
    expect(await subscriptionOf(user)).toMatchObject({ planId: plans.pro, credit: '17' });
    const failing = (await order(basic.orderNo)).recurringStop!;
    expect(failing).toMatchObject({ mode: 'now', stoppedAt: null, attempts: expect.any(Number) });
    expect(failing.error).toBe('stripe: Something went wrong on our end.');
    expect(stripe.cancelledSubscriptions).not.toContain('sub_rc_retry');
    // Still failing: the sweep records the attempt and keeps the stop pending.
    expect((await service(ctx.strapi, 'payments').stopRecurring()).stopped).toBe(0);
    expect((await order(basic.orderNo)).recurringStop).toMatchObject({ stoppedAt: null, error: 'stripe: Something went wrong on our end.' });

    stripe.failSubscriptions(null);
    // Overlapping sweeps (several instances): each attempt is claimed once, so one cancel is sent.
    const sweeps = await Promise.all(Array.from({ length: 4 }, () => service(ctx.strapi, 'payments').stopRecurring()));
    expect(sweeps.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
    const done = (await order(basic.orderNo)).recurringStop!;
    expect(done).toMatchObject({ mode: 'now', error: null, stoppedAt: expect.any(String) });
    expect(stripe.cancelledSubscriptions.filter((id) => id === 'sub_rc_retry')).toEqual(['sub_rc_retry']);
    // Each attempt had its own key (Stripe replays a key's failure); the SDK's own retry reuses its attempt's key.
    const keys = [...new Set(stripe.subscriptionRequests('sub_rc_retry').map((r) => r.idempotencyKey))];
    expect(keys).toEqual(Array.from({ length: done.attempts }, (_, i) => `${basic.orderNo}-stop-now-${i + 1}`));
    expect(done.attempts).toBeGreaterThanOrEqual(3);
    // Confirmed: the sweep sends nothing more.
    const count = stripe.subscriptionRequests('sub_rc_retry').length;
    expect(await service(ctx.strapi, 'payments').stopRecurring()).toEqual({ stopped: 0, failed: 0 });
    expect(stripe.subscriptionRequests('sub_rc_retry')).toHaveLength(count);
    expect(stripe.subscriptionRequests('sub_rc_retry_2')).toEqual([]);
  });

  test('a renewal through EPay of the same plan stops nothing', async () => {
    const user = 'rc-renew';
    const basic = await buyWithStripe(user, plans.basic, 'sub_rc_renew');
    const renew = await buyWithEpay(user, plans.basic);
    expect(await order(renew.orderNo)).toMatchObject({ planAction: 'renew', status: 'paid' });
    expect(stripe.subscriptionRequests('sub_rc_renew')).toEqual([]);
    expect((await order(basic.orderNo)).recurringStop).toBeNull();
  });
});
