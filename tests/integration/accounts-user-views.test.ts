// The user-facing account views /api/usage-billing/accounts/:userId[/usage] (API token), in each billing
// mode, with exact balances, holds and usage totals. The /me routes are in accounts-me.test.ts.
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { setupBilling } from '../helpers/fixtures';
import {
  GATEWAY_ACTIONS, contentGet, expectLedgerConsistent, fund, gatewayPost, reportVia, setSettings,
} from '../helpers/metering';
import { errorFields } from '../helpers/http';

const ctx = bootForTests();

describe(`user account views (${process.env.TEST_DB})`, () => {
  let gateway: string;
  let viewer: string;
  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage', prepaidAmount: '0.1' });
    gateway = await apiToken(ctx.strapi, GATEWAY_ACTIONS);
    viewer = await apiToken(ctx.strapi, ['account.show', 'account.usage']);

    // view-u: 2 funded, one open hold, one charged call of 0.018 today.
    await fund(ctx.strapi, 'view-u', '2');
    await gatewayPost(ctx, gateway, '/authorize', { userId: 'view-u', model: 'claude-sonnet-4-5', requestId: 'vu-open' });
    await gatewayPost(ctx, gateway, '/usage', { requestId: 'vu-1', userId: 'view-u', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000, outputTokens: 1000 } });
    // view-trend: calls on three days in two months.
    await fund(ctx.strapi, 'view-trend', '10');
    const at = (requestId: string, iso: string, calls: number) =>
      reportVia(ctx.strapi, { requestId, userId: 'view-trend', model: 'gpt-image-1', usage: { calls }, routeSource: 'images' }, { occurredAt: new Date(iso) });
    await at('vt-1', '2025-03-01T08:00:00.000Z', 1);
    await at('vt-2', '2025-03-01T20:00:00.000Z', 2);
    await at('vt-3', '2025-03-02T12:00:00.000Z', 4);
    await at('vt-4', '2025-04-10T12:00:00.000Z', 8);
  });
  afterEach(async () => expectLedgerConsistent(ctx.strapi));
  const show = (userId: string, token = viewer) => contentGet(ctx, token, `/accounts/${encodeURIComponent(userId)}`);

  test('usage mode: balance, held, available, open holds, usage totals, and the redeem action', async () => {
    const res = await show('view-u');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      userId: 'view-u', mode: 'usage', currency: 'USD',
      usage: { calls: '1', tokens: '2000', cost: '0.018', charged: '0.018' },
      // No payment channel is configured: no top-up is offered (tests/integration/payments-checkout.test.ts).
      actions: ['redeem'], payments: null,
      balance: '1.982', held: '0.1', available: '1.882',
      holds: [{ holdId: expect.stringMatching(/^hold_/), amount: '0.1', expiresAt: expect.any(String) }],
    });
  });

  test('usage mode: an account never used reads as empty (and is not created by reading it)', async () => {
    const res = await show('view-nobody');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ balance: '0', held: '0', available: '0', holds: [], usage: { calls: '0', tokens: '0', cost: '0', charged: '0' } });
    expect(await ctx.strapi.db.connection('ub_accounts').where({ user_id: 'view-nobody' }).first()).toBeUndefined();
  });

  test('tokens: no token → 401, a token without account.show → 403, account.show alone cannot read /usage', async () => {
    expect((await show('view-u', '')).status).toBe(401);
    expect((await show('view-u', gateway)).status).toBe(403);
    const showOnly = await apiToken(ctx.strapi, ['account.show']);
    expect((await show('view-u', showOnly)).status).toBe(200);
    expect((await contentGet(ctx, showOnly, '/accounts/view-u/usage')).status).toBe(403);
  });

  test('usage?granularity=day → daily points (sums of that day) and the logs, newest first', async () => {
    const res = await contentGet(ctx, viewer, '/accounts/view-trend/usage?granularity=day');
    expect(res.status).toBe(200);
    expect(res.body.data.granularity).toBe('day');
    // gpt-image-1 at 0.04 per call
    expect(res.body.data.points).toEqual([
      { key: '2025-03-01', calls: '2', tokens: '0', cost: '0.12', charged: '0.12' },
      { key: '2025-03-02', calls: '1', tokens: '0', cost: '0.16', charged: '0.16' },
      { key: '2025-04-10', calls: '1', tokens: '0', cost: '0.32', charged: '0.32' },
    ]);
    expect(res.body.data.logs.map((l: any) => [l.requestId, l.cost, l.charged, l.routeSource, l.status])).toEqual([
      ['vt-4', '0.32', '0.32', 'images', 'success'], ['vt-3', '0.16', '0.16', 'images', 'success'],
      ['vt-2', '0.08', '0.08', 'images', 'success'], ['vt-1', '0.04', '0.04', 'images', 'success'],
    ]);
    expect(res.body.data.logs[0].occurredAt).toBe('2025-04-10T12:00:00.000Z');
    expect(res.body.data.meta.pagination).toMatchObject({ page: 1, total: 4 });
  });

  test('usage?granularity=month and a from/to window; a bad granularity is a 400 naming it', async () => {
    const month = await contentGet(ctx, viewer, '/accounts/view-trend/usage?granularity=month');
    expect(month.body.data.points.map((p: any) => [p.key, p.calls, p.cost])).toEqual([['2025-03', '3', '0.28'], ['2025-04', '1', '0.32']]);
    const window = await contentGet(ctx, viewer, '/accounts/view-trend/usage?from=2025-03-02&to=2025-04-01');
    expect(window.body.data.points.map((p: any) => p.key)).toEqual(['2025-03-02']);
    expect(window.body.data.logs.map((l: any) => l.requestId)).toEqual(['vt-3']);
    const bad = await contentGet(ctx, viewer, '/accounts/view-trend/usage?granularity=week');
    expect(bad.status).toBe(400);
    expect(errorFields(bad)).toContain('granularity');
  });

  test('self mode: usage totals and no actions, no balance/held/holds fields', async () => {
    await setSettings(ctx.strapi, { mode: 'self' });
    try {
      const res = await show('view-u');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        userId: 'view-u', mode: 'self', currency: 'USD', actions: [],
        usage: { calls: '1', tokens: '2000', cost: '0.018', charged: '0.018' },
      });
    } finally {
      await setSettings(ctx.strapi, { mode: 'usage' });
    }
  });

  test('period mode: subscription null, the (empty) plan list, no balance', async () => {
    await setSettings(ctx.strapi, { mode: 'period' });
    try {
      const res = await show('view-u');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        userId: 'view-u', mode: 'period', currency: 'USD', actions: ['redeem'], payments: null, subscription: null, plans: [],
        usage: { calls: '1', tokens: '2000', cost: '0.018', charged: '0.018' },
      });
      // The usage trend is served in every mode.
      expect((await contentGet(ctx, viewer, '/accounts/view-trend/usage')).body.data.points).toHaveLength(3);
    } finally {
      await setSettings(ctx.strapi, { mode: 'usage' });
    }
  });
});
