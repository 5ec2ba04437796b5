// Checkout rules every channel shares (the channels' own protocols are in payments-stripe and payments-epay):
// validation naming fields, the mode rules (409 CheckoutNotAvailableError), disabled or unconfigured
// channels, the top-up minimum, the plan's discount and action, the user view's payment options, and the
// admin's orders list, channel status and test payment with their RBAC actions. EPay in page mode builds
// its URL without calling the gateway, so no fake is needed here; nothing is ever written on a refusal.
import request from 'supertest';
import { bootForTests } from '../helpers/boot';
import { apiToken, limitedAdminToken } from '../helpers/auth';
import { adminGet, adminPost, contentGet, gatewaySuite, registerUser, setSettings } from '../helpers/metering';
import { createPlan } from '../helpers/plans';

const ctx = bootForTests();

const EPAY = {
  payments: {
    publicUrl: 'https://billing.example.com',
    usdToCnyRate: '7.2345',
    topupMinimum: '2',
    topupPresets: ['5', '20'],
    epay: { enabled: true, gatewayUrl: 'https://pay.example.com', merchantId: '1001', key: 'epay-test-key', payTypes: ['alipay', 'wxpay'] },
  },
};

describe(`checkout rules (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  let backend = '';
  beforeAll(async () => {
    backend = await apiToken(ctx.strapi, ['account.checkout', 'account.show']);
    await setSettings(ctx.strapi, EPAY);
  });
  afterEach(async () => setSettings(ctx.strapi, { mode: 'usage', payments: { epay: { enabled: true } } }));

  const checkout = (userId: string, body: unknown) =>
    request(ctx.server).post(`/api/usage-billing/accounts/${userId}/checkout`).set('Authorization', `Bearer ${backend}`).send(body as object);
  const orderCount = async () => Number((await ctx.strapi.db.connection('ub_orders').count({ count: '*' }))[0].count);

  test('a top-up: 201 with the order, CNY at the configured rate rounded half-up to the fen, a pending order with the rate snapshotted', async () => {
    const res = await checkout('co-1', { channel: 'epay', kind: 'topup', amount: '10.07', payType: 'wxpay' });
    expect(res.status).toBe(201);
    // 10.07 × 7.2345 = 72.851415 → 72.85
    expect(res.body.data).toMatchObject({ channel: 'epay', amount: '10.07', currency: 'USD', payAmount: '72.85', payCurrency: 'CNY' });
    expect(res.body.data.orderNo).toMatch(/^UB[0-9A-Z]{30,}$/);
    expect(res.body.data.url).toMatch(/^https:\/\/pay\.example\.com\/submit\.php\?/);
    const url = new URL(res.body.data.url);
    expect(url.searchParams.get('money')).toBe('72.85');
    expect(url.searchParams.get('type')).toBe('wxpay');
    expect(url.searchParams.get('notify_url')).toBe('https://billing.example.com/api/usage-billing/webhooks/epay');

    const orders = await adminGet(ctx, suite.admin, '/orders?userId=co-1');
    expect(orders.status).toBe(200);
    expect(orders.body.data).toEqual([
      expect.objectContaining({ orderNo: res.body.data.orderNo, status: 'pending', kind: 'topup', amount: '10.07', payAmount: '72.85', rate: '7.2345', payType: 'wxpay', test: false }),
    ]);
    expect(orders.body.meta.pagination).toMatchObject({ total: 1, page: 1 });
  });

  test('bad bodies are 400s naming the field, and write nothing', async () => {
    const before = await orderCount();
    const cases: Array<[unknown, string]> = [
      [{ kind: 'topup', amount: '5' }, 'channel'],
      [{ channel: 'paypal', kind: 'topup', amount: '5' }, 'channel'],
      [{ channel: 'epay', kind: 'gift', amount: '5' }, 'kind'],
      [{ channel: 'epay', kind: 'topup' }, 'amount'],
      [{ channel: 'epay', kind: 'topup', amount: 5 }, 'amount'],
      [{ channel: 'epay', kind: 'topup', amount: '0' }, 'amount'],
      [{ channel: 'epay', kind: 'topup', amount: '-5' }, 'amount'],
      [{ channel: 'epay', kind: 'topup', amount: '1.99' }, 'amount'],
      [{ channel: 'epay', kind: 'topup', amount: '5.001' }, 'amount'],
      [{ channel: 'epay', kind: 'topup', amount: '5', planId: 1 }, 'planId'],
      [{ channel: 'epay', kind: 'plan' }, 'planId'],
      [{ channel: 'epay', kind: 'topup', amount: '5', payType: 'paypal' }, 'payType'],
      [{ channel: 'stripe', kind: 'topup', amount: '5', payType: 'alipay' }, 'payType'],
      [{ channel: 'epay', kind: 'topup', amount: '5', extra: true }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await checkout('co-bad', body);
      expect({ body, status: res.status, name: res.body.error?.name }).toEqual({ body, status: 400, name: 'ValidationError' });
      const fields = res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'));
      if (field) expect({ body, fields }).toEqual({ body, fields: expect.arrayContaining([field]) });
    }
    expect(await orderCount()).toBe(before);
  });

  test('the mode rules and the channel state: 409 CheckoutNotAvailableError with the reason, nothing written', async () => {
    const plan = await createPlan(ctx, suite.admin, { name: 'Checkout-rules', price: '10', periodCredit: '5' });
    const before = await orderCount();
    const refused = async (userId: string, body: unknown, reason: string) => {
      const res = await checkout(userId, body);
      expect({ status: res.status, name: res.body.error?.name, reason: res.body.error?.details?.reason }).toEqual({ status: 409, name: 'CheckoutNotAvailableError', reason });
    };
    await refused('co-m', { channel: 'epay', kind: 'plan', planId: plan.id }, 'mode');
    await setSettings(ctx.strapi, { mode: 'period' });
    await refused('co-m', { channel: 'epay', kind: 'topup', amount: '5' }, 'mode');
    await setSettings(ctx.strapi, { mode: 'self' });
    await refused('co-m', { channel: 'epay', kind: 'topup', amount: '5' }, 'mode');
    await refused('co-m', { channel: 'epay', kind: 'plan', planId: plan.id }, 'mode');
    await setSettings(ctx.strapi, { mode: 'usage' });
    await refused('co-m', { channel: 'stripe', kind: 'topup', amount: '5' }, 'channel-disabled');
    await setSettings(ctx.strapi, { payments: { epay: { enabled: false } } });
    await refused('co-m', { channel: 'epay', kind: 'topup', amount: '5' }, 'channel-disabled');
    await setSettings(ctx.strapi, { payments: { epay: { enabled: true, merchantId: '' } } });
    const res = await checkout('co-m', { channel: 'epay', kind: 'topup', amount: '5' });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ reason: 'channel-not-configured', problems: ['payments.epay.merchantId is empty'] });
    await setSettings(ctx.strapi, { payments: { epay: { merchantId: '1001' } } });
    expect(await orderCount()).toBe(before);
  });

  test('a plan: its final price (discount applied, rounded to the cent), the action it does for this user, terms snapshotted; a disabled plan is 409', async () => {
    await setSettings(ctx.strapi, { mode: 'period' });
    const plan = await createPlan(ctx, suite.admin, { name: 'Checkout-pro', price: '9.99', discount: '20', periodCredit: '12', interval: 'monthly' });
    const res = await checkout('co-plan', { channel: 'epay', kind: 'plan', planId: plan.id });
    expect(res.status).toBe(201);
    // 9.99 × 0.8 = 7.992 → 7.99 USD; × 7.2345 = 57.803655 → 57.80 CNY
    expect(res.body.data).toMatchObject({ amount: '7.99', payAmount: '57.80', payCurrency: 'CNY' });
    const [order] = (await adminGet(ctx, suite.admin, `/orders?userId=co-plan&kind=plan`)).body.data;
    expect(order).toMatchObject({
      planId: plan.id,
      planAction: 'subscribe',
      plan: { name: 'Checkout-pro', interval: 'monthly', price: '9.99', discount: '20', finalPrice: '7.99', periodCredit: '12', currency: 'USD' },
    });

    const disabled = await createPlan(ctx, suite.admin, { name: 'Checkout-off', price: '3', periodCredit: '1', enabled: false });
    const off = await checkout('co-plan', { channel: 'epay', kind: 'plan', planId: disabled.id });
    expect(off.status).toBe(409);
    expect(off.body.error.details).toMatchObject({ reason: 'plan-unavailable', planId: disabled.id });
    expect((await checkout('co-plan', { channel: 'epay', kind: 'plan', planId: 987654 })).status).toBe(409);
  });

  test('the user view lists the ready channels, pay types and top-up presets, and offers topup / subscribe only while a channel is ready', async () => {
    const usage = await request(ctx.server).get('/api/usage-billing/accounts/co-view').set('Authorization', `Bearer ${backend}`);
    expect(usage.body.data.actions).toEqual(['topup', 'redeem']);
    expect(usage.body.data.payments).toEqual({
      channels: [{ channel: 'epay', payTypes: ['alipay', 'wxpay'] }],
      topup: { minimum: '2', presets: ['5', '20'], currency: 'USD' },
    });
    await setSettings(ctx.strapi, { mode: 'period' });
    const period = await request(ctx.server).get('/api/usage-billing/accounts/co-view').set('Authorization', `Bearer ${backend}`);
    expect(period.body.data.actions).toEqual(['subscribe', 'redeem']);
    expect(period.body.data.payments).toEqual({ channels: [{ channel: 'epay', payTypes: ['alipay', 'wxpay'] }] });
    await setSettings(ctx.strapi, { mode: 'usage', payments: { epay: { enabled: false } } });
    const none = await request(ctx.server).get('/api/usage-billing/accounts/co-view').set('Authorization', `Bearer ${backend}`);
    expect(none.body.data).toMatchObject({ actions: ['redeem'], payments: null });
  });

  test('/me/checkout: a logged-in user pays for their own account; without a login it is a 401', async () => {
    const { jwt, user } = await registerUser(ctx, 'payer');
    const res = await request(ctx.server).post('/api/usage-billing/me/checkout').set('Authorization', `Bearer ${jwt}`).send({ channel: 'epay', kind: 'topup', amount: '5' });
    expect(res.status).toBe(201);
    const [order] = (await adminGet(ctx, suite.admin, `/orders?q=${res.body.data.orderNo}`)).body.data;
    expect(order.userId).toBe(String(user.id));
    expect((await request(ctx.server).post('/api/usage-billing/me/checkout').send({ channel: 'epay', kind: 'topup', amount: '5' })).status).toBe(401);
    const me = await contentGet(ctx, jwt, '/me');
    expect(me.body.data.actions).toContain('topup');
  });

  test('admin: channel status with webhook URLs and the Stripe events to enable; test payment for the admin\'s own test account; RBAC', async () => {
    const status = await adminGet(ctx, suite.admin, '/payments');
    expect(status.status).toBe(200);
    const byChannel = Object.fromEntries(status.body.data.channels.map((c: { channel: string }) => [c.channel, c]));
    expect(byChannel.epay).toEqual({ channel: 'epay', enabled: true, problems: [], webhookUrl: 'https://billing.example.com/api/usage-billing/webhooks/epay', events: [] });
    expect(byChannel.stripe).toMatchObject({ enabled: false, webhookUrl: 'https://billing.example.com/api/usage-billing/webhooks/stripe' });
    expect(byChannel.stripe.events).toEqual(expect.arrayContaining(['checkout.session.completed', 'invoice.paid', 'charge.refunded']));
    expect(byChannel.stripe.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(status.body)).not.toContain('epay-test-key');

    // Allowed in every mode and below the minimum: 1.00 for the admin's own test account.
    await setSettings(ctx.strapi, { mode: 'self' });
    const test = await adminPost(ctx, suite.admin, '/payments/test', { channel: 'epay' });
    expect(test.status).toBe(201);
    expect(test.body.data.userId).toMatch(/^admin-test-\d+$/);
    const [order] = (await adminGet(ctx, suite.admin, `/orders?q=${test.body.data.orderNo}`)).body.data;
    expect(order).toMatchObject({ test: true, amount: '1.00', payAmount: '7.23', status: 'pending', actor: expect.stringMatching(/^admin:\d+/) });
    expect((await adminPost(ctx, suite.admin, '/payments/test', { channel: 'stripe' })).status).toBe(409);
    expect((await adminPost(ctx, suite.admin, '/payments/test', { channel: 'nope' })).status).toBe(400);

    const reader = await limitedAdminToken(ctx.strapi, ['orders.read']);
    expect((await adminGet(ctx, reader, '/orders')).status).toBe(200);
    expect((await adminGet(ctx, reader, '/payments')).status).toBe(200);
    expect((await adminPost(ctx, reader, '/payments/test', { channel: 'epay' })).status).toBe(403);
    const other = await limitedAdminToken(ctx.strapi, ['logs.read']);
    expect((await adminGet(ctx, other, '/orders')).status).toBe(403);
    expect((await adminGet(ctx, other, '/payments')).status).toBe(403);
  });

  test('order filters are validated (400 naming the field)', async () => {
    const res = await adminGet(ctx, suite.admin, '/orders?status=lost');
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['status']);
  });

  test('a webhook body larger than 1 MB is refused (413) before it is read whole', async () => {
    const res = await request(ctx.server).post('/api/usage-billing/webhooks/stripe').set('Content-Type', 'application/json').send(`{"x":"${'a'.repeat(1024 * 1024)}"}`);
    expect(res.status).toBe(413);
    expect(res.body.error.name).toBe('PayloadTooLargeError');
  });
});
