// Hardening: callers act only on themselves, the 401 guard behaves like the router, the catalog switch
// disables a model, and money code paths that a one-line bug would break unnoticed.
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { adminGet, adminPut, contentGet, fund, gatewaySuite, holdRow, registerUser, setSettings, tableCounts } from '../helpers/metering';

const ctx = bootForTests();

/** Grants the users-permissions Authenticated role these plugin actions (an app's misconfiguration, in some tests). */
async function grantAuthenticated(strapi: Core.Strapi, actions: string[]) {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  for (const action of actions.map((a) => `plugin::usage-billing.${a}`)) {
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
}

describe(`hardening (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  const { post } = suite;

  test('a model switched off in the catalog is refused with 403 ModelNotAllowedError, even with a price', async () => {
    await fund(ctx.strapi, 'h-catalog', '1');
    expect((await post('/authorize', { userId: 'h-catalog', model: 'claude-sonnet-4-5' })).status).toBe(200);
    const off = await adminPut(ctx, suite.admin, '/models/claude-sonnet-4-5', { enabled: false });
    expect(off.status).toBe(200);
    try {
      const res = await post('/authorize', { userId: 'h-catalog', model: 'claude-sonnet-4-5' });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ name: 'ModelNotAllowedError', details: { model: 'claude-sonnet-4-5', reason: 'disabled' } });
    } finally {
      await adminPut(ctx, suite.admin, '/models/claude-sonnet-4-5', { enabled: true });
    }
  });

  describe('callers act only on themselves', () => {
    beforeAll(async () => grantAuthenticated(ctx.strapi, ['gateway.authorize', 'gateway.usage', 'account.show', 'account.usage']));

    test('gateway routes take API tokens only: a logged-in user granted the action by mistake gets 403', async () => {
      const { jwt } = await registerUser(ctx, 'intruder');
      await fund(ctx.strapi, 'h-victim', '5');
      const usage = await request(ctx.server).post('/api/usage-billing/usage').set('Authorization', `Bearer ${jwt}`)
        .send({ requestId: 'h-steal', userId: 'h-victim', model: 'claude-sonnet-4-5', usage: { outputTokens: 100000 } });
      expect(usage.status).toBe(403);
      const auth = await request(ctx.server).post('/api/usage-billing/authorize').set('Authorization', `Bearer ${jwt}`).send({ userId: 'h-victim', model: 'claude-sonnet-4-5' });
      expect(auth.status).toBe(403);
      expect((await contentGet(ctx, suite.token, '/accounts/h-victim')).status).toBe(403); // the gateway token lacks account.show
      const viewer = await apiToken(ctx.strapi, ['account.show']);
      expect((await contentGet(ctx, viewer, '/accounts/h-victim')).body.data.balance).toBe('5');
    });

    test('/accounts/:userId with a user JWT: their own account only', async () => {
      const { jwt, user } = await registerUser(ctx, 'owner');
      expect((await contentGet(ctx, jwt, `/accounts/${user.id}`)).status).toBe(200);
      expect((await contentGet(ctx, jwt, `/accounts/${user.id}/usage`)).status).toBe(200);
      expect((await contentGet(ctx, jwt, '/accounts/h-victim')).status).toBe(403);
      expect((await contentGet(ctx, jwt, '/accounts/h-victim/usage')).status).toBe(403);
    });

    test('/me follows the account linked to the user (an app whose gateway uses its own ids)', async () => {
      const { jwt, user } = await registerUser(ctx, 'linked');
      await fund(ctx.strapi, 'ext-customer-42', '3.5');
      const account = await ctx.strapi.db.query('plugin::usage-billing.account').findOne({ where: { userId: 'ext-customer-42' } });
      await ctx.strapi.db.query('plugin::usage-billing.account').update({ where: { id: account.id }, data: { user: user.id } });
      const me = await contentGet(ctx, jwt, '/me');
      expect(me.body.data).toMatchObject({ userId: 'ext-customer-42', balance: '3.5' });
      expect((await contentGet(ctx, jwt, '/accounts/ext-customer-42')).status).toBe(200);
      expect((await contentGet(ctx, jwt, `/accounts/${user.id}`)).status).toBe(403);
    });

    test('by default /me is the account named by the user id, and it gets linked to the user', async () => {
      const { jwt, user } = await registerUser(ctx, 'plain');
      await fund(ctx.strapi, String(user.id), '1');
      expect((await contentGet(ctx, jwt, '/me')).body.data).toMatchObject({ userId: String(user.id), balance: '1' });
      const account = await ctx.strapi.db.query('plugin::usage-billing.account').findOne({ where: { userId: String(user.id) }, populate: ['user'] });
      expect(account.user.id).toBe(user.id);
    });
  });

  test('the 401 guard: case-insensitive like the router, after CORS, and preflights pass', async () => {
    const shouted = await request(ctx.server).get('/API/USAGE-BILLING/me');
    expect(shouted.status).toBe(401);
    const cors = await request(ctx.server).get('/api/usage-billing/me').set('Origin', 'http://app.example');
    expect(cors.status).toBe(401);
    expect(cors.headers['access-control-allow-origin']).toBeDefined();
    const preflight = await request(ctx.server).options('/api/usage-billing/me').set('Origin', 'http://app.example').set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toBeDefined();
  });

  test('/usage for user B naming user A\'s hold does not settle A\'s hold', async () => {
    await fund(ctx.strapi, 'h-hold-a', '1');
    const auth = await post('/authorize', { userId: 'h-hold-a', model: 'claude-sonnet-4-5', requestId: 'h-hold-a-1' });
    const before = await request(ctx.server).get('/usage-billing/accounts/h-hold-a').set('Authorization', `Bearer ${suite.admin}`);
    const b = await post('/usage', { requestId: 'h-hold-b-1', userId: 'h-hold-b', model: 'claude-sonnet-4-5', holdId: auth.body.data.holdId, usage: { outputTokens: 10 } });
    expect(b.status).toBe(201);
    expect((await holdRow(ctx.strapi, auth.body.data.holdId)).status).toBe('open');
    const after = await adminGet(ctx, suite.admin, '/accounts/h-hold-a');
    expect(after.body.data.available).toBe(before.body.data.available);
    expect(after.body.data.available).toBe('0.9');
  });

  test('a repeated authorize whose hold expired (not swept yet) is a 409 with status expired, not a free pass', async () => {
    await fund(ctx.strapi, 'h-expired', '1');
    const first = await post('/authorize', { userId: 'h-expired', model: 'claude-sonnet-4-5', requestId: 'h-expired-1' });
    await ctx.strapi.db.connection('ub_holds').where({ hold_id: first.body.data.holdId }).update({ expires_at: new Date(Date.now() - 1000) });
    const again = await post('/authorize', { userId: 'h-expired', model: 'claude-sonnet-4-5', requestId: 'h-expired-1' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ requestId: 'h-expired-1', status: 'expired' });
  });

  test('self mode: the daily rollup keeps cost and charged apart (charged 0)', async () => {
    await setSettings(ctx.strapi, { mode: 'self' });
    try {
      const res = await post('/usage', { requestId: 'h-self-1', userId: 'h-self', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000, outputTokens: 1000 } });
      expect(res.body.data).toMatchObject({ cost: '0.018', charged: '0' });
      const stats = await adminGet(ctx, suite.admin, '/usage-logs/stats?groupBy=user&userId=h-self');
      expect(stats.body.data.points).toEqual([expect.objectContaining({ key: 'h-self', cost: '0.018', charged: '0' })]);
    } finally {
      await setSettings(ctx.strapi, { mode: 'usage' });
    }
  });

  test('authorize with the requestId of a call already reported is a 409 (settled), not a pass without a funds check', async () => {
    await fund(ctx.strapi, 'h-settled', '1');
    const auth = await post('/authorize', { userId: 'h-settled', model: 'claude-sonnet-4-5', requestId: 'h-settled-1' });
    await post('/usage', { requestId: 'h-settled-1', userId: 'h-settled', model: 'claude-sonnet-4-5', holdId: auth.body.data.holdId, usage: { outputTokens: 10 } });
    const again = await post('/authorize', { userId: 'h-settled', model: 'claude-sonnet-4-5', requestId: 'h-settled-1' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toMatchObject({ requestId: 'h-settled-1', status: 'settled' });
  });

  test('a retry that sends serviceTier: null where the first report left it out is the same request (200 replay)', async () => {
    await fund(ctx.strapi, 'h-null', '1');
    const body = { requestId: 'h-null-1', userId: 'h-null', model: 'claude-sonnet-4-5', usage: { outputTokens: 10 } };
    const first = await post('/usage', body);
    expect(first.status).toBe(201);
    const retry = await post('/usage', { ...body, serviceTier: null });
    expect(retry.status).toBe(200);
    expect(retry.body.data).toEqual(first.body.data);
  });

  test.each([
    [{ usage: { outputTokens: 1e15 } }, 'usage'],
    [{ usage: { durationSeconds: 1e300 } }, 'usage.durationSeconds'],
    [{ usage: { calls: 2 ** 31 } }, 'usage.calls'],
    [{ latencyMs: 2 ** 31 }, 'latencyMs'],
    [{ tools: [{ tool: 'web_search', calls: 2 ** 31 }] }, 'tools[0].calls'],
    [{ userId: 'a\u0000b' }, 'userId'],
    [{ userId: '   ' }, 'userId'],
    [{ requestId: 'tab\there' }, 'requestId'],
  ])('/usage %j → 400 naming %s, nothing written (a column overflow or a dropped call before)', async (change, field) => {
    await fund(ctx.strapi, 'h-bounds', '1');
    const before = await tableCounts(ctx.strapi);
    const res = await post('/usage', { requestId: `h-bounds-${field}`, userId: 'h-bounds', model: 'claude-sonnet-4-5', usage: { inputTokens: 1 }, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await tableCounts(ctx.strapi)).toEqual(before);
  });

  test('a page number beyond exact offsets is a 400, not a 500', async () => {
    const res = await adminGet(ctx, suite.admin, '/usage-logs?page=20000000000000000');
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].field).toBe('page');
  });
});

describe(`catalog and import limits (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  const catalogCount = async () => Number((await ctx.strapi.db.connection('ub_models').count({ c: '*' }))[0].c);

  test('a gateway pushes 1,000 models in one request (bulk); a second push updates the names it describes', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => `pushed-${i}`);
    const first = await suite.post('/models', { models: names });
    expect(first.status).toBe(201);
    expect(first.body.data.registered).toHaveLength(1000);
    const again = await suite.post('/models', { models: [{ name: 'pushed-7', displayName: 'Pushed Seven', provider: 'acme' }, 'pushed-8'] });
    expect(again.status).toBe(201);
    const listed = (await adminGet(ctx, suite.admin, '/models')).body.data.filter((m: { name: string }) => m.name.startsWith('pushed-'));
    expect(listed).toHaveLength(1000);
    expect(listed.find((m: { name: string }) => m.name === 'pushed-7')).toMatchObject({ displayName: 'Pushed Seven', provider: 'acme', source: 'gateway' });
  });

  test('an import of 5,000 models the catalog does not know is one transaction (a 500 before: one INSERT past the SQLite parameter limit)', async () => {
    const file = { version: 1, currency: 'USD', models: Array.from({ length: 5000 }, (_, i) => ({ model: `bulk-import-${i}`, mode: 'per_call', perCall: '0.01' })) };
    const res = await request(ctx.server).post('/usage-billing/model-prices/import?dryRun=false&allowUnknown=true').set('Authorization', `Bearer ${suite.admin}`).send(file);
    expect(res.status).toBe(200);
    expect(res.body.data.models.new).toHaveLength(5000);
  }, 120000);

  test('GET /models and /model-prices page with LIMIT/OFFSET when asked (?page=, ?pageSize=); without, the whole list', async () => {
    const all = (await adminGet(ctx, suite.admin, '/models')).body.data.map((m: { name: string }) => m.name);
    const page = await adminGet(ctx, suite.admin, '/models?page=2&pageSize=10');
    expect(page.status).toBe(200);
    expect(page.body.meta.pagination).toEqual({ page: 2, pageSize: 10, pageCount: Math.ceil(all.length / 10), total: all.length });
    expect(page.body.data.map((m: { name: string }) => m.name)).toEqual(all.slice(10, 20));
    const prices = (await adminGet(ctx, suite.admin, '/model-prices')).body.data;
    const pricePage = await adminGet(ctx, suite.admin, '/model-prices?pageSize=2');
    expect(pricePage.body.data).toEqual(prices.slice(0, 2));
    expect(pricePage.body.meta.pagination.total).toBe(prices.length);
    expect((await adminGet(ctx, suite.admin, '/models?page=0')).status).toBe(400);
  });

  test('a pricing file with more than 10,000 models is a 400 naming models', async () => {
    const file = { version: 1, currency: 'USD', models: Array.from({ length: 10001 }, (_, i) => ({ model: `m-${i}`, mode: 'free' })) };
    const res = await request(ctx.server).post('/usage-billing/model-prices/import?dryRun=true').set('Authorization', `Bearer ${suite.admin}`).send(file);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { field: string }) => e.field)).toContain('models');
  }, 60000);

  test('calls on unknown models stop growing the catalog past its cap; the calls are still logged, flagged', async () => {
    ctx.strapi.config.set('plugin::usage-billing.maxAutoCatalogModels', await catalogCount());
    try {
      const res = await suite.post('/usage', { requestId: 'cap-1', userId: 'cap-user', model: 'made-up-model-xyz', usage: { inputTokens: 5 } });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ status: 'unpriced', flags: ['unpriced', 'catalog_full'] });
      expect(await ctx.strapi.db.connection('ub_models').where({ name: 'made-up-model-xyz' }).first()).toBeUndefined();
    } finally {
      ctx.strapi.config.set('plugin::usage-billing.maxAutoCatalogModels', 10000);
    }
  });
});
