// Idempotency and atomicity of metering: duplicate and conflicting /usage reports, repeated /authorize,
// a price edited between two calls, and an injected failure after the charge (no partial write).
import { bootForTests } from '../helpers/boot';
import {
  adminGet, adminPut, balanceOf, fund, gatewaySuite, holdRow, ledgerRows, logRow, service, tableCounts, validatedReport,
} from '../helpers/metering';

const ctx = bootForTests();

describe(`metering retries and atomicity (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx);
  const { post } = suite;

  test('a sequential duplicate /usage answers 200 with the same data and charges once', async () => {
    const userId = 'retry-dup';
    await fund(ctx.strapi, userId, '1');
    const auth = await post('/authorize', { userId, model: 'claude-sonnet-4-5', requestId: 'rd-1' });
    const body = { requestId: 'rd-1', userId, model: 'claude-sonnet-4-5', holdId: auth.body.data.holdId, usage: { inputTokens: 2000, outputTokens: 1200 } };
    const first = await post('/usage', body);
    expect(first.status).toBe(201);
    // 2000 × 3 + 1200 × 15 per 1M = 0.006 + 0.018
    expect(first.body.data).toMatchObject({ cost: '0.024', charged: '0.024', balance: '0.976' });
    const counts = await tableCounts(ctx.strapi);
    for (let i = 0; i < 3; i += 1) {
      const again = await post('/usage', body);
      expect(again.status).toBe(200);
      expect(again.body.data).toEqual(first.body.data);
    }
    // Keys in another order hash the same: still a replay.
    const reordered = await post('/usage', { usage: { outputTokens: 1200, inputTokens: 2000 }, holdId: body.holdId, model: body.model, userId, requestId: 'rd-1' });
    expect(reordered.status).toBe(200);
    expect(await tableCounts(ctx.strapi)).toEqual(counts);
    const entries = await ledgerRows(ctx.strapi, { kind: 'usage', reference: 'rd-1' });
    expect(entries.map((e) => e.amount)).toEqual(['-0.024']);
    expect(await balanceOf(ctx.strapi, userId)).toBe('0.976');
  });

  test('the same requestId with another body → 409 IdempotencyConflictError and nothing written', async () => {
    const userId = 'retry-conflict';
    await fund(ctx.strapi, userId, '1');
    const body = { requestId: 'rc-1', userId, model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 } };
    expect((await post('/usage', body)).status).toBe(201);
    const counts = await tableCounts(ctx.strapi);
    const balance = await balanceOf(ctx.strapi, userId);
    const variants = [
      { ...body, usage: { inputTokens: 1001 } },
      { ...body, model: 'gpt-image-1' },
      { ...body, status: 'error' },
      { ...body, userId: 'retry-conflict-other' },
    ];
    for (const variant of variants) {
      const res = await post('/usage', variant);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ name: 'IdempotencyConflictError', details: { requestId: 'rc-1' } });
    }
    expect(await tableCounts(ctx.strapi)).toEqual(counts);
    expect(await balanceOf(ctx.strapi, userId)).toBe(balance);
    expect(await balanceOf(ctx.strapi, 'retry-conflict-other')).toBeNull();
    expect((await logRow(ctx.strapi, 'rc-1'))!.cost).toBe('0.003');
  });

  test('a conflicting retry naming a model never seen → 409 and not even a catalog entry is written', async () => {
    await fund(ctx.strapi, 'retry-catalog', '1');
    const body = { requestId: 'rcat-1', userId: 'retry-catalog', model: 'claude-sonnet-4-5', usage: { inputTokens: 1 } };
    expect((await post('/usage', body)).status).toBe(201);
    const models = async () => (await ctx.strapi.db.connection('ub_models').pluck('name')).sort();
    const before = await models();
    const res = await post('/usage', { ...body, model: 'never-reported-model' });
    expect(res.status).toBe(409);
    expect(await models()).toEqual(before);
  });

  test('a repeated /authorize with the same requestId returns the same hold and reserves once', async () => {
    const userId = 'retry-auth';
    await fund(ctx.strapi, userId, '0.15');
    const first = await post('/authorize', { userId, model: 'claude-sonnet-4-5', requestId: 'ra-1' });
    expect(first.body.data).toMatchObject({ held: '0.1', available: '0.05' });
    const holds = (await tableCounts(ctx.strapi)).holds;
    const second = await post('/authorize', { userId, model: 'claude-sonnet-4-5', requestId: 'ra-1' });
    expect(second.status).toBe(200);
    expect(second.body.data).toMatchObject({ allowed: true, mode: 'usage', holdId: first.body.data.holdId, held: '0.1' });
    expect((await tableCounts(ctx.strapi)).holds).toBe(holds);
    const detail = await adminGet(ctx, suite.admin, `/accounts/${userId}`);
    expect(detail.body.data).toMatchObject({ balance: '0.15', held: '0.1', available: '0.05' });
    expect(detail.body.data.holds.map((h: any) => h.holdId)).toEqual([first.body.data.holdId]);
    // Settled by its usage, the hold belongs to a call already reported: a late authorize under the same
    // requestId is a 409 naming it (never a pass without a funds check), and reserves nothing.
    await post('/usage', { requestId: 'ra-1', userId, model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 } });
    const late = await post('/authorize', { userId, model: 'claude-sonnet-4-5', requestId: 'ra-1' });
    expect(late.status).toBe(409);
    expect(late.body.error.details).toMatchObject({ holdId: first.body.data.holdId, status: 'settled' });
    expect((await tableCounts(ctx.strapi)).holds).toBe(holds);
  });

  test('another user authorizing an already-held requestId gets 409, not a server error, and nothing is written', async () => {
    await fund(ctx.strapi, 'retry-owner', '1');
    await fund(ctx.strapi, 'retry-intruder', '1');
    const owner = await post('/authorize', { userId: 'retry-owner', model: 'claude-sonnet-4-5', requestId: 'ra-shared' });
    expect(owner.status).toBe(200);
    const counts = await tableCounts(ctx.strapi);
    const res = await post('/authorize', { userId: 'retry-intruder', model: 'claude-sonnet-4-5', requestId: 'ra-shared' });
    expect(await tableCounts(ctx.strapi)).toEqual(counts);
    expect(res.status).toBe(409);
    expect(res.body.error.name).toBe('IdempotencyConflictError');
  });

  test('a price edited between two calls: each log keeps its own snapshot (version, price) and cost', async () => {
    const userId = 'retry-price';
    await fund(ctx.strapi, userId, '10');
    const usage = { inputTokens: 1000000 };
    const before = await post('/usage', { requestId: 'rp-1', userId, model: 'claude-sonnet-4-5', usage });
    expect(before.body.data).toMatchObject({ cost: '3', charged: '3', balance: '7' });

    const edited = await adminPut(ctx, suite.admin, '/model-prices/claude-sonnet-4-5', { mode: 'token', input: '4', output: '15', cacheRead: '0.3', cacheWrite: '3.75' });
    expect(edited.status).toBe(200);
    try {
      const after = await post('/usage', { requestId: 'rp-2', userId, model: 'claude-sonnet-4-5', usage });
      expect(after.body.data).toMatchObject({ cost: '4', charged: '4', balance: '3' });

      const [old, now] = [await logRow(ctx.strapi, 'rp-1'), await logRow(ctx.strapi, 'rp-2')];
      expect([old!.cost, old!.snapshot.price?.input, now!.cost, now!.snapshot.price?.input]).toEqual(['3', '3', '4', '4']);
      expect(now!.snapshot.version).toBe(old!.snapshot.version! + 1);
      // A replay of the first call still answers with its original price.
      const replay = await post('/usage', { requestId: 'rp-1', userId, model: 'claude-sonnet-4-5', usage });
      expect(replay.status).toBe(200);
      expect(replay.body.data.cost).toBe('3');
      const logs = await adminGet(ctx, suite.admin, `/usage-logs?userId=${userId}`);
      expect(logs.body.data.map((l: any) => [l.requestId, l.cost, l.snapshot.price.input])).toEqual([['rp-2', '4', '4'], ['rp-1', '3', '3']]);
      expect(await balanceOf(ctx.strapi, userId)).toBe('3');
    } finally {
      await service(ctx.strapi, 'modelPrices').update({ model: 'claude-sonnet-4-5', mode: 'token', enabled: true, input: '3', output: '15', cacheRead: '0.3', cacheWrite: '3.75' });
    }
  });

  describe('fault injection: failAfterCharge', () => {
    const metering = () => service(ctx.strapi, 'metering');

    test('throws and leaves no partial write: no log, no ledger entry, no rollup, balance unchanged, hold still open', async () => {
      const userId = 'fault-1';
      await fund(ctx.strapi, userId, '1');
      const auth = await post('/authorize', { userId, model: 'claude-sonnet-4-5', requestId: 'fi-1' });
      const body = { requestId: 'fi-1', userId, model: 'claude-sonnet-4-5', holdId: auth.body.data.holdId, usage: { inputTokens: 10000, outputTokens: 1000 }, tools: [{ tool: 'web_search', calls: 1 }] };
      const counts = await tableCounts(ctx.strapi);

      await expect(metering().report(validatedReport(body), { failAfterCharge: true })).rejects.toThrow(/injected failure/);

      expect(await tableCounts(ctx.strapi)).toEqual(counts);
      expect(await logRow(ctx.strapi, 'fi-1')).toBeUndefined();
      expect(await ledgerRows(ctx.strapi, { reference: 'fi-1' })).toEqual([]);
      expect(await balanceOf(ctx.strapi, userId)).toBe('1');
      expect((await holdRow(ctx.strapi, auth.body.data.holdId)).status).toBe('open');
      const view = await service(ctx.strapi, 'accounts').detail(userId);
      expect(view).toMatchObject({ balance: '1', held: '0.1', available: '0.9', usage: { calls: '0', cost: '0' } });

      // The gateway's retry then goes through, charged exactly once: 0.03 + 0.015 + 0.01
      const retry = await post('/usage', body);
      expect(retry.status).toBe(201);
      expect(retry.body.data).toMatchObject({ cost: '0.055', charged: '0.055', balance: '0.945' });
      expect((await ledgerRows(ctx.strapi, { reference: 'fi-1' })).map((e) => e.amount)).toEqual(['-0.055']);
      expect((await holdRow(ctx.strapi, auth.body.data.holdId)).status).toBe('settled');
    });

    test('in self mode a failed report writes nothing either (not even the account row)', async () => {
      await service(ctx.strapi, 'settings').update({ mode: 'self' });
      try {
        const counts = await tableCounts(ctx.strapi);
        const body = { requestId: 'fi-self', userId: 'fault-self-new', model: 'gpt-image-1', usage: { calls: 2 } };
        await expect(metering().report(validatedReport(body), { failAfterCharge: true })).rejects.toThrow(/injected failure/);
        expect(await tableCounts(ctx.strapi)).toEqual(counts);
        expect(await balanceOf(ctx.strapi, 'fault-self-new')).toBeNull();
      } finally {
        await service(ctx.strapi, 'settings').update({ mode: 'usage' });
      }
    });
  });
});
