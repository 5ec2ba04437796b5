// /api/usage-billing/me and /me/usage with a users-permissions JWT (the playground app has users-permissions).
import { bootForTests } from '../helpers/boot';
import { adminToken, apiToken } from '../helpers/auth';
import { setupBilling } from '../helpers/fixtures';
import {
  GATEWAY_ACTIONS, contentGet, expectLedgerConsistent, fund, gatewayPost, registerUser, setSettings,
} from '../helpers/metering';

const ctx = bootForTests();

const today = () => new Date().toISOString().slice(0, 10);

describe(`/me account views (${process.env.TEST_DB})`, () => {
  let gateway: string;
  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage', prepaidAmount: '0.1' });
    gateway = await apiToken(ctx.strapi, GATEWAY_ACTIONS);
  });
  afterEach(async () => expectLedgerConsistent(ctx.strapi));

  test('the Authenticated role was granted account.me and account.meUsage on boot', async () => {
    const role = await ctx.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const actions = (await ctx.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } })).map((p: any) => p.action);
    expect(actions).toEqual(expect.arrayContaining(['plugin::usage-billing.account.me', 'plugin::usage-billing.account.meUsage']));
  });

  test('/me shows the usage-mode view of userId = String(user.id): balance, holds, usage totals, actions', async () => {
    const { jwt, user } = await registerUser(ctx);
    const userId = String(user.id);
    await fund(ctx.strapi, userId, '3');
    const auth = await gatewayPost(ctx, gateway, '/authorize', { userId, model: 'claude-sonnet-4-5', requestId: 'me-open' });
    expect(auth.status).toBe(200);
    const used = await gatewayPost(ctx, gateway, '/usage', { requestId: 'me-1', userId, model: 'claude-sonnet-4-5', usage: { outputTokens: 1000 } });
    expect(used.body.data).toMatchObject({ cost: '0.015', balance: '2.985' });

    const me = await contentGet(ctx, jwt, '/me');
    expect(me.status).toBe(200);
    expect(me.body.data).toEqual({
      userId, mode: 'usage', currency: 'USD', actions: ['redeem'], payments: null,
      usage: { calls: '1', tokens: '1000', cost: '0.015', charged: '0.015' },
      balance: '2.985', held: '0.1', available: '2.885',
      holds: [{ holdId: auth.body.data.holdId, amount: '0.1', expiresAt: expect.any(String) }],
    });

    const usage = await contentGet(ctx, jwt, '/me/usage?granularity=day');
    expect(usage.status).toBe(200);
    expect(usage.body.data.points).toEqual([{ key: today(), calls: '1', tokens: '1000', cost: '0.015', charged: '0.015' }]);
    expect(usage.body.data.logs.map((l: any) => [l.requestId, l.model, l.cost, l.charged])).toEqual([['me-1', 'claude-sonnet-4-5', '0.015', '0.015']]);
  });

  test('each user sees only its own account; a new user reads as empty and no account row is created', async () => {
    const a = await registerUser(ctx);
    const b = await registerUser(ctx);
    await fund(ctx.strapi, String(a.user.id), '5');
    const viewB = await contentGet(ctx, b.jwt, '/me');
    expect(viewB.status).toBe(200);
    expect(viewB.body.data).toMatchObject({ userId: String(b.user.id), balance: '0', held: '0', available: '0', usage: { calls: '0', cost: '0' } });
    expect(await ctx.strapi.db.connection('ub_accounts').where({ user_id: String(b.user.id) }).first()).toBeUndefined();
    expect((await contentGet(ctx, a.jwt, '/me')).body.data.balance).toBe('5');
  });

  test('/me follows the billing mode: self → no balance, no actions; period → subscription null, the plans', async () => {
    const { jwt, user } = await registerUser(ctx);
    await fund(ctx.strapi, String(user.id), '1');
    await setSettings(ctx.strapi, { mode: 'self' });
    try {
      const self = await contentGet(ctx, jwt, '/me');
      expect(self.body.data).toEqual({
        userId: String(user.id), mode: 'self', currency: 'USD', actions: [], usage: { calls: '0', tokens: '0', cost: '0', charged: '0' },
      });
      await setSettings(ctx.strapi, { mode: 'period' });
      const period = await contentGet(ctx, jwt, '/me');
      expect(period.body.data).toMatchObject({ mode: 'period', subscription: null, plans: [], actions: ['redeem'] });
      expect(period.body.data).not.toHaveProperty('balance');
    } finally {
      await setSettings(ctx.strapi, { mode: 'usage' });
    }
  });

  test('without a users-permissions JWT: no token, an admin JWT or a gateway API token → 401/403', async () => {
    const admin = await adminToken(ctx.strapi);
    for (const path of ['/me', '/me/usage']) {
      expect([401, 403]).toContain((await contentGet(ctx, '', path)).status);
      expect([401, 403]).toContain((await contentGet(ctx, admin, path)).status);
      expect([401, 403]).toContain((await contentGet(ctx, gateway, path)).status);
    }
  });
});
