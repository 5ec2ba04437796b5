// Bad input on the gateway routes: 400 ValidationError naming the offending field, 413 for an oversized
// body, and in every case nothing written (usage logs, ledger entries, accounts, holds, rollups).
import request from 'supertest';
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { setupBilling } from '../helpers/fixtures';
import { GATEWAY_ACTIONS, balanceOf, expectLedgerConsistent, fund, gatewayPost, tableCounts } from '../helpers/metering';
import { errorFields } from '../helpers/http';

const ctx = bootForTests();

const VALID = { requestId: 'v-ok', userId: 'val-user', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 } };

describe(`gateway input validation (${process.env.TEST_DB})`, () => {
  let token: string;
  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage', prepaidAmount: '0.1' });
    token = await apiToken(ctx.strapi, GATEWAY_ACTIONS);
    await fund(ctx.strapi, 'val-user', '1');
  });
  afterEach(async () => expectLedgerConsistent(ctx.strapi));
  const post = (path: string, body: unknown) => gatewayPost(ctx, token, path, body);

  /** Sends a bad body and checks: 400, ValidationError, `field` among the named fields, no row written. */
  const expectRejected = async (path: string, body: unknown, field: string) => {
    const before = await tableCounts(ctx.strapi);
    const res = await post(path, body);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(errorFields(res)).toContain(field);
    expect(await tableCounts(ctx.strapi)).toEqual(before);
    expect(await balanceOf(ctx.strapi, 'val-user')).toBe('1');
    return res;
  };

  test('the valid body used as the base of the bad ones is accepted', async () => {
    const res = await post('/quote', { model: VALID.model, usage: VALID.usage });
    expect(res.status).toBe(200);
    expect(res.body.data.total).toBe('0.003');
  });

  test.each([
    ['negative tokens', { ...VALID, usage: { inputTokens: -5 } }, 'usage.inputTokens'],
    ['a string for a token count', { ...VALID, usage: { inputTokens: '1000' } }, 'usage.inputTokens'],
    ['a fractional token count', { ...VALID, usage: { outputTokens: 1.5 } }, 'usage.outputTokens'],
    ['a string for durationSeconds', { ...VALID, usage: { durationSeconds: '3' } }, 'usage.durationSeconds'],
    ['negative durationSeconds', { ...VALID, usage: { durationSeconds: -1 } }, 'usage.durationSeconds'],
    ['a missing userId', { requestId: 'v-1', model: 'claude-sonnet-4-5', usage: {} }, 'userId'],
    ['a missing requestId', { userId: 'val-user', model: 'claude-sonnet-4-5', usage: {} }, 'requestId'],
    ['an empty userId', { ...VALID, userId: '' }, 'userId'],
    ['a numeric userId', { ...VALID, userId: 42 }, 'userId'],
    ['a missing usage object', { requestId: 'v-1', userId: 'val-user', model: 'claude-sonnet-4-5' }, 'usage'],
    ['an unknown top-level field', { ...VALID, costOverride: '0' }, 'costOverride'],
    ['an unknown usage field', { ...VALID, usage: { inputTokens: 1, reasoningTokens: 5 } }, 'usage.reasoningTokens'],
    ['an unknown tool-use field', { ...VALID, tools: [{ tool: 'web_search', calls: 1, price: '0' }] }, 'tools[0].price'],
    ['negative tool calls', { ...VALID, tools: [{ tool: 'web_search', calls: -1 }] }, 'tools[0].calls'],
    ['a numeric holdId', { ...VALID, holdId: 123 }, 'holdId'],
    ['an object holdId', { ...VALID, holdId: { id: 'x' } }, 'holdId'],
    ['a bad status', { ...VALID, status: 'failed' }, 'status'],
    ['a negative latencyMs', { ...VALID, latencyMs: -3 }, 'latencyMs'],
    ['a numeric serviceTier', { ...VALID, serviceTier: 2 }, 'serviceTier'],
    ['a routeSource over 64 characters', { ...VALID, routeSource: 'r'.repeat(65) }, 'routeSource'],
    ['a model name over 191 characters', { ...VALID, model: 'm'.repeat(192) }, 'model'],
    ['an array body', [VALID], ''],
  ])('/usage with %s → 400 naming the field, nothing written', async (_what, body, field) => {
    await expectRejected('/usage', body, field);
  });

  test('/usage with a non-JSON (text/plain) body → 400, nothing written', async () => {
    const before = await tableCounts(ctx.strapi);
    const res = await request(ctx.server)
      .post('/api/usage-billing/usage')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/plain')
      .send('requestId=v-text&userId=val-user');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(errorFields(res)).toEqual(['']);
    expect(await tableCounts(ctx.strapi)).toEqual(before);
  });

  test.each([
    ['a missing userId', { model: 'claude-sonnet-4-5' }, 'userId'],
    ['a numeric userId', { userId: 7, model: 'claude-sonnet-4-5' }, 'userId'],
    ['a missing model', { userId: 'val-user' }, 'model'],
    ['an empty requestId', { userId: 'val-user', model: 'claude-sonnet-4-5', requestId: '' }, 'requestId'],
    ['a numeric serviceTier', { userId: 'val-user', model: 'claude-sonnet-4-5', serviceTier: 1 }, 'serviceTier'],
    ['an array body', [{ userId: 'val-user', model: 'claude-sonnet-4-5' }], ''],
  ])('/authorize with %s → 400 naming the field, no hold or account written', async (_what, body, field) => {
    await expectRejected('/authorize', body, field);
  });

  test('/authorize with an unknown field → 400 whose error names that field', async () => {
    await expectRejected('/authorize', { userId: 'val-user', model: 'claude-sonnet-4-5', amount: '0' }, 'amount');
  });

  test('/usage with a 10 MB JSON body → 413, nothing written', async () => {
    const before = await tableCounts(ctx.strapi);
    const big = { ...VALID, requestId: 'v-big', routeSource: 'x'.repeat(10 * 1024 * 1024) };
    const res = await post('/usage', big);
    expect(res.status).toBe(413);
    expect(await tableCounts(ctx.strapi)).toEqual(before);
    // The server still answers normally afterwards.
    const ok = await post('/usage', { ...VALID, requestId: 'v-after-big' });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ cost: '0.003', charged: '0.003', balance: '0.997' });
  });

  test('/authorize with a 10 MB JSON body → 413, nothing written', async () => {
    const before = await tableCounts(ctx.strapi);
    const res = await post('/authorize', { userId: 'val-big', model: 'claude-sonnet-4-5', requestId: 'y'.repeat(10 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await tableCounts(ctx.strapi)).toEqual(before);
  });

  test('releasing an unknown hold → 404 and nothing changes', async () => {
    const before = await tableCounts(ctx.strapi);
    const res = await post('/holds/hold_does_not_exist/release', {});
    expect(res.status).toBe(404);
    expect(await tableCounts(ctx.strapi)).toEqual(before);
  });
});
