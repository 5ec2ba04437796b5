import request from 'supertest';
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { setupBilling } from '../helpers/fixtures';
import { service } from '../helpers/services';

const ctx = bootForTests();
const ALL = ['gateway.authorize', 'gateway.usage', 'gateway.quote', 'gateway.releaseHold', 'gateway.registerModels'];

describe(`gateway routes (${process.env.TEST_DB})`, () => {
  let token: string;
  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage', prepaidAmount: '0.05' });
    token = await apiToken(ctx.strapi, ALL);
    await service(ctx.strapi, 'ledger').adjust({ userId: 'u-1', amount: '1', reason: 'test', actor: 'test' });
  });
  const post = (path: string, body: unknown, key = token) =>
    request(ctx.server).post(`/api/usage-billing${path}`).set('Authorization', `Bearer ${key}`).send(body as string | object);

  test('missing or invalid token → 401; a token without the action → 403', async () => {
    expect((await request(ctx.server).post('/api/usage-billing/quote').send({ model: 'x', usage: {} })).status).toBe(401);
    expect((await post('/quote', { model: 'x', usage: {} }, 'not-a-token')).status).toBe(401);
    const quoteOnly = await apiToken(ctx.strapi, ['gateway.quote']);
    expect((await post('/quote', { model: 'claude-sonnet-4-5', usage: {} }, quoteOnly)).status).toBe(200);
    const denied = await post('/usage', { requestId: 'r', userId: 'u', model: 'm', usage: {} }, quoteOnly);
    expect(denied.status).toBe(403);
    expect(await ctx.strapi.db.query('plugin::usage-billing.usage-log').count({ where: { requestId: 'r' } })).toBe(0);
  });

  test('authorize opens a hold, usage charges the real bill and settles it', async () => {
    const auth = await post('/authorize', { userId: 'u-1', model: 'claude-sonnet-4-5', requestId: 'req-a' });
    expect(auth.status).toBe(200);
    expect(auth.body.data).toMatchObject({ allowed: true, mode: 'usage', held: '0.05', available: '0.95' });
    const again = await post('/authorize', { userId: 'u-1', model: 'claude-sonnet-4-5', requestId: 'req-a' });
    expect(again.body.data.holdId).toBe(auth.body.data.holdId);

    const body = {
      requestId: 'req-a', userId: 'u-1', model: 'claude-sonnet-4-5', holdId: auth.body.data.holdId,
      usage: { inputTokens: 1000, outputTokens: 500, cacheReadTokens: 2000, cacheWriteTokens: 1000 },
      tools: [{ tool: 'web_search', calls: 3 }], routeSource: 'chat', latencyMs: 1840,
    };
    const used = await post('/usage', body);
    expect(used.status).toBe(201);
    // 1000×3 + 500×15 + 2000×0.3 + 1000×3.75 per 1M = 0.003 + 0.0075 + 0.0006 + 0.00375 = 0.01485; + 3 × 0.01
    expect(used.body.data).toMatchObject({ cost: '0.04485', charged: '0.04485', balance: '0.95515', mode: 'usage', currency: 'USD' });
    const replay = await post('/usage', body);
    expect(replay.status).toBe(200);
    expect(replay.body.data).toEqual(used.body.data);
    const conflict = await post('/usage', { ...body, usage: { ...body.usage, outputTokens: 501 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.name).toBe('IdempotencyConflictError');
    const hold = await ctx.strapi.db.query('plugin::usage-billing.hold').findOne({ where: { holdId: auth.body.data.holdId } });
    expect(hold.status).toBe('settled');
  });
});
