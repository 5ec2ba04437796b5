// EPay end to end: checkout (the submit.php URL the fake gateway accepts, mapi.php in API mode), the fake
// gateway calling our notify URL over real HTTP (GET and POST) with its own sign, and each notification
// settling its order exactly once — or being refused with nothing credited.
//
// The fake gateway calls the notify URL built on payments.publicUrl, so this file makes the in-process
// Strapi listen on 127.0.0.1 (supertest then uses that listener instead of binding its own).
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { OrderView } from '../../contracts/payments';
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { startFakeEpay, type FakeEpay, type FakeEpayOrder } from '../helpers/fake-epay';
import { errorFields } from '../helpers/http';
import { adminGet, balanceOf, gatewaySuite, ledgerRows, setSettings, tableCounts } from '../helpers/metering';
import { createPlan } from '../helpers/plans';

const ctx = bootForTests();

const MERCHANT = '20001';
const KEY = 'itest-epay-merchant-key';
const RATE = '7.2345';

describe(`EPay payments (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  let fake: FakeEpay;
  let backend = '';
  let publicUrl = '';

  const epaySettings = (patch: Record<string, unknown> = {}) =>
    setSettings(ctx.strapi, {
      payments: {
        usdToCnyRate: RATE,
        publicUrl,
        topupMinimum: '1',
        epay: { enabled: true, gatewayUrl: fake.url, merchantId: MERCHANT, key: KEY, payTypes: ['alipay', 'wxpay'], returnUrl: '', mode: 'page', ...patch },
      },
    });

  beforeAll(async () => {
    fake = await startFakeEpay({ merchantId: MERCHANT, key: KEY });
    await new Promise<void>((resolve) => ctx.server.listen(0, '127.0.0.1', () => resolve()));
    publicUrl = `http://127.0.0.1:${(ctx.server.address() as AddressInfo).port}`;
    await epaySettings();
    backend = await apiToken(ctx.strapi, ['account.checkout']);
  });
  afterAll(async () => fake?.close());
  afterEach(async () => {
    await setSettings(ctx.strapi, { mode: 'usage' });
    await epaySettings();
  });

  const checkout = (userId: string, body: Record<string, unknown>) =>
    request(ctx.server).post(`/api/usage-billing/accounts/${encodeURIComponent(userId)}/checkout`).set('Authorization', `Bearer ${backend}`).send(body);

  const ordersOf = async (userId: string): Promise<OrderView[]> => {
    const res = await adminGet(ctx, suite.admin, `/orders?channel=epay&userId=${encodeURIComponent(userId)}`);
    expect(res.status).toBe(200);
    return res.body.data;
  };

  const webhookEventCount = async () => {
    const [{ count }] = await ctx.strapi.db.connection('ub_webhook_events').count({ count: '*' });
    return Number(count);
  };

  /** A checkout whose URL the user opens at the fake gateway (which checks our sign): the gateway's order. */
  const checkoutAtGateway = async (userId: string, body: Record<string, unknown>) => {
    const res = await checkout(userId, { channel: 'epay', ...body });
    expect(res.status).toBe(201);
    const opened = await fake.open(res.body.data.url);
    expect({ status: opened.status, text: opened.text }).toMatchObject({ status: 200 });
    return { data: res.body.data, order: opened.order as FakeEpayOrder };
  };

  test('a top-up: 201 with the CNY amount at the rate rounded half-up to the fen, and a submit.php URL the gateway accepts', async () => {
    // 10 × 7.2345 = 72.345 CNY: half-up gives 72.35 (truncating or banker's rounding would give 72.34).
    const res = await checkout('ep-checkout', { channel: 'epay', kind: 'topup', amount: '10' });
    expect(res.status).toBe(201);
    const data = res.body.data;
    expect(data).toEqual({ orderNo: expect.stringMatching(/^[A-Z0-9]{16,64}$/), channel: 'epay', amount: '10.00', currency: 'USD', payAmount: '72.35', payCurrency: 'CNY', url: expect.any(String) });
    const url = new URL(data.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/submit.php`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      pid: MERCHANT,
      type: 'alipay',
      out_trade_no: data.orderNo,
      notify_url: `${publicUrl}/api/usage-billing/webhooks/epay`,
      money: '72.35',
      sign_type: 'MD5',
    });
    expect(data.url).not.toContain(KEY);
    const opened = await fake.open(data.url);
    expect(opened.status).toBe(200);
    expect(opened.order?.params.out_trade_no).toBe(data.orderNo);

    const [order] = await ordersOf('ep-checkout');
    expect(order).toMatchObject({ orderNo: data.orderNo, status: 'pending', kind: 'topup', amount: '10.00', currency: 'USD', payAmount: '72.35', payCurrency: 'CNY', rate: RATE, payType: 'alipay', tradeNo: null });
    // Nothing is credited before the gateway says so.
    expect(await balanceOf(ctx.strapi, 'ep-checkout')).toBeNull();
  });

  test.each(['GET', 'POST'] as const)('notify by %s: credited exactly once (ledger topup, order paid, trade number stored); repeats answer success', async (method) => {
    const userId = `ep-notify-${method.toLowerCase()}`;
    const { data, order } = await checkoutAtGateway(userId, { kind: 'topup', amount: '10' });
    const reply = await fake.notify(order, { method });
    expect({ status: reply.status, text: reply.text }).toEqual({ status: 200, text: 'success' });
    expect(await balanceOf(ctx.strapi, userId)).toBe('10');
    const entries = await ledgerRows(ctx.strapi, { user_id: userId });
    expect(entries).toEqual([expect.objectContaining({ kind: 'topup', reference: data.orderNo, amount: '10', balance_after: '10' })]);
    const [view] = await ordersOf(userId);
    expect(view).toMatchObject({ orderNo: data.orderNo, status: 'paid', tradeNo: order.tradeNo, failureReason: null });
    expect(view.paidAt).not.toBeNull();

    // The gateway retries until it reads `success`, by either method: each repeat is acknowledged, nothing more.
    for (const again of ['GET', 'POST'] as const) {
      expect(await fake.notify(order, { method: again })).toMatchObject({ status: 200, text: 'success' });
    }
    expect(await ledgerRows(ctx.strapi, { user_id: userId })).toHaveLength(1);
    expect(await balanceOf(ctx.strapi, userId)).toBe('10');
  });

  test('10 concurrent copies of one notification credit once', async () => {
    const { order } = await checkoutAtGateway('ep-concurrent', { kind: 'topup', amount: '3.5', payType: 'wxpay' });
    expect(order.params).toMatchObject({ type: 'wxpay', money: '25.32' }); // 3.5 × 7.2345 = 25.32075
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => fake.notify(order, { method: i % 2 ? 'GET' : 'POST' })));
    expect(replies.map((r) => r.text)).toEqual(Array(10).fill('success'));
    expect(await ledgerRows(ctx.strapi, { user_id: 'ep-concurrent' })).toEqual([expect.objectContaining({ kind: 'topup', amount: '3.5' })]);
    expect(await balanceOf(ctx.strapi, 'ep-concurrent')).toBe('3.5');
  });

  test('a trade status other than TRADE_SUCCESS is acknowledged and changes nothing', async () => {
    const { order } = await checkoutAtGateway('ep-waiting', { kind: 'topup', amount: '10' });
    expect(await fake.notify(order, { method: 'GET', tradeStatus: 'WAIT_BUYER_PAY' })).toMatchObject({ status: 200, text: 'success' });
    expect(await balanceOf(ctx.strapi, 'ep-waiting')).toBeNull();
    expect((await ordersOf('ep-waiting'))[0]).toMatchObject({ status: 'pending' });
    // The payment then completes: credited.
    expect(await fake.notify(order, { method: 'GET' })).toMatchObject({ text: 'success' });
    expect(await balanceOf(ctx.strapi, 'ep-waiting')).toBe('10');
  });

  test('forged sign, wrong merchant id, malformed money, unknown order: refused (not success), nothing credited', async () => {
    const { data, order } = await checkoutAtGateway('ep-forged', { kind: 'topup', amount: '10' });
    const before = { ...(await tableCounts(ctx.strapi)), events: await webhookEventCount() };
    const cases: Array<[string, Parameters<FakeEpay['notify']>[1], number]> = [
      // A forger without the key changes the money after signing.
      ['money changed after signing', { method: 'POST', tamper: { money: '0.01' } }, 400],
      ['sign removed', { method: 'GET', tamper: { sign: undefined } }, 400],
      ['signed with another key', { method: 'GET', key: 'not-the-merchant-key' }, 400],
      ["another merchant's notice", { method: 'POST', signed: { pid: '99999' } }, 400],
      ['money with 3 decimals', { method: 'GET', signed: { money: '72.350' } }, 400],
      ['money with an exponent', { method: 'POST', signed: { money: '7.235e1' } }, 400],
      ['an order we never made', { method: 'GET', signed: { out_trade_no: 'UBNOSUCHORDER0000000000' } }, 404],
    ];
    for (const [what, options, status] of cases) {
      const reply = await fake.notify(order, options);
      expect({ what, status: reply.status, text: reply.text }).toEqual({ what, status, text: 'fail' });
    }
    expect({ ...(await tableCounts(ctx.strapi)), events: await webhookEventCount() }).toEqual(before);
    expect(await balanceOf(ctx.strapi, 'ep-forged')).toBeNull();
    // None of these could be trusted, so none is recorded on the order either.
    expect((await ordersOf('ep-forged'))[0]).toMatchObject({ orderNo: data.orderNo, status: 'pending', failureReason: null, tradeNo: null });

    // The genuine notice still settles the order.
    expect(await fake.notify(order, { method: 'GET' })).toMatchObject({ status: 200, text: 'success' });
    expect(await balanceOf(ctx.strapi, 'ep-forged')).toBe('10');
  });

  test('a genuine notice for another amount credits nothing and is recorded on the order; the right amount then settles it', async () => {
    const { data, order } = await checkoutAtGateway('ep-mismatch', { kind: 'topup', amount: '10' });
    // Signed by the gateway itself, one fen short of the order's 72.35.
    const short = await fake.notify(order, { method: 'POST', signed: { money: '72.34' } });
    expect({ status: short.status, text: short.text }).toEqual({ status: 400, text: 'fail' });
    expect(await ledgerRows(ctx.strapi, { user_id: 'ep-mismatch' })).toEqual([]);
    const [refused] = await ordersOf('ep-mismatch');
    expect(refused).toMatchObject({ orderNo: data.orderNo, status: 'pending' });
    expect(refused.failureReason).toMatch(/72\.34 CNY.*72\.35 CNY/);

    // One fen more is refused too; the order's exact amount then settles it (the refusals claimed no event).
    expect((await fake.notify(order, { method: 'GET', signed: { money: '72.36' } })).text).toBe('fail');
    expect(await fake.notify(order, { method: 'GET' })).toMatchObject({ status: 200, text: 'success' });
    expect(await ledgerRows(ctx.strapi, { user_id: 'ep-mismatch' })).toEqual([expect.objectContaining({ kind: 'topup', reference: data.orderNo, amount: '10' })]);
    expect((await ordersOf('ep-mismatch'))[0]).toMatchObject({ status: 'paid', tradeNo: order.tradeNo });
  });

  test('a plan bought in period mode: discounted price in CNY at the rate; the notice starts the subscription', async () => {
    await setSettings(ctx.strapi, { mode: 'period' });
    const plan = await createPlan(ctx, suite.admin, { name: 'EPay-Pro', price: '9.99', discount: '20', interval: 'monthly', periodCredit: '5' });
    // 9.99 less 20 % = 7.992 → 7.99 USD; × 7.2345 = 57.803655 → 57.80 CNY.
    const { data, order } = await checkoutAtGateway('ep-plan', { kind: 'plan', planId: plan.id });
    expect(data).toMatchObject({ amount: '7.99', currency: 'USD', payAmount: '57.80', payCurrency: 'CNY' });
    expect(order.params.money).toBe('57.80');
    expect((await adminGet(ctx, suite.admin, '/accounts/ep-plan/subscriptions')).body.data).toEqual([]);

    expect(await fake.notify(order, { method: 'POST' })).toMatchObject({ status: 200, text: 'success' });
    const subscriptions = (await adminGet(ctx, suite.admin, '/accounts/ep-plan/subscriptions')).body.data;
    expect(subscriptions).toEqual([expect.objectContaining({ planId: plan.id, planName: 'EPay-Pro', status: 'active', credit: '5', source: `order:${data.orderNo}` })]);
    const [view] = await ordersOf('ep-plan');
    expect(view).toMatchObject({ kind: 'plan', status: 'paid', planId: plan.id, plan: expect.objectContaining({ finalPrice: '7.99', discount: '20' }) });

    // A repeat does not start or extend anything.
    expect(await fake.notify(order, { method: 'GET' })).toMatchObject({ text: 'success' });
    expect((await adminGet(ctx, suite.admin, '/accounts/ep-plan/subscriptions')).body.data).toEqual(subscriptions);
    expect(await ledgerRows(ctx.strapi, { user_id: 'ep-plan' })).toEqual([]);
  });

  test('API mode: mapi.php (signed, with the client address) answers the pay URL; its trade number is stored', async () => {
    await epaySettings({ mode: 'api' });
    const before = fake.requests.length;
    const res = await checkout('ep-api', { channel: 'epay', kind: 'topup', amount: '2' });
    expect(res.status).toBe(201);
    const [call] = fake.requests.slice(before);
    expect(call).toMatchObject({ method: 'POST', path: '/mapi.php', refusal: null });
    expect(call.params).toMatchObject({ pid: MERCHANT, out_trade_no: res.body.data.orderNo, money: '14.47', device: 'pc', clientip: expect.any(String) }); // 2 × 7.2345 = 14.469
    const gatewayOrder = fake.orders.get(res.body.data.orderNo)!;
    expect(res.body.data).toMatchObject({ payAmount: '14.47', url: `${fake.url}/pay/${gatewayOrder.tradeNo}` });
    expect((await ordersOf('ep-api'))[0]).toMatchObject({ status: 'pending', tradeNo: gatewayOrder.tradeNo });

    expect(await fake.notify(gatewayOrder, { method: 'GET' })).toMatchObject({ status: 200, text: 'success' });
    expect(await balanceOf(ctx.strapi, 'ep-api')).toBe('2');
  });

  test('API mode: a gateway refusing our sign → 502, the order failed with the reason, nothing charged', async () => {
    // The gateway now holds another key for us (rotated on its side only).
    const other = await startFakeEpay({ merchantId: MERCHANT, key: 'rotated-key' });
    try {
      await epaySettings({ mode: 'api', gatewayUrl: other.url });
      const res = await checkout('ep-api-refused', { channel: 'epay', kind: 'topup', amount: '2' });
      expect(res.status).toBe(502);
      expect(res.body.error).toMatchObject({ name: 'PaymentProviderError', message: 'epay: mapi.php refused the order: sign error' });
      expect(JSON.stringify(res.body)).not.toContain(KEY);
      expect((await ordersOf('ep-api-refused'))[0]).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('sign error') });
    } finally {
      await other.close();
    }
  });

  test('checkout refusals: a disabled channel (409), a pay type not offered (400 naming payType); no order written', async () => {
    await epaySettings({ enabled: false });
    const disabled = await checkout('ep-refused', { channel: 'epay', kind: 'topup', amount: '10' });
    expect(disabled.status).toBe(409);
    expect(disabled.body.error).toMatchObject({ name: 'CheckoutNotAvailableError', details: { reason: 'channel-disabled' } });

    await epaySettings();
    const qq = await checkout('ep-refused', { channel: 'epay', kind: 'topup', amount: '10', payType: 'qqpay' });
    expect(qq.status).toBe(400);
    expect(errorFields(qq)).toEqual(['payType']);
    expect(qq.body.error.message).toContain('payType');
    expect(await ordersOf('ep-refused')).toEqual([]);
  });
});
