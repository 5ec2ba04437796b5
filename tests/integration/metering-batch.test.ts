// POST /usage/batch: each report answered exactly as POST /usage would answer it, in request order, whatever
// else the batch holds (a bad report, a duplicate, a retry of an earlier report, a conflict, an unpriced
// model), and the money exact. On PostgreSQL (usage mode) the batch is written by the set-based fast path; on
// SQLite, in self mode and after an injected failure, by the per-account path with a savepoint per report.
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { errorFields } from '../helpers/http';
import {
  balanceOf, fund, gatewayPost, gatewaySuite, holdRow, ledgerRows, logRow, service, setSettings, tableCounts,
} from '../helpers/metering';

const ctx = bootForTests();

/** A rollup row's counters (money as nanos text), or undefined. */
async function rollup(userId: string, model: string) {
  const knex = ctx.strapi.db.connection;
  const row = await knex('ub_usage_rollups')
    .select('calls', 'tokens', knex.raw('CAST(cost AS TEXT) AS cost'), knex.raw('CAST(charged AS TEXT) AS charged'))
    .where({ user_id: userId, model })
    .first();
  return row && { calls: Number(row.calls), tokens: Number(row.tokens), cost: String(row.cost), charged: String(row.charged) };
}

/**
 * PostgreSQL only: how many transactions wrote the logs of these requestIds (the distinct xmin of their
 * rows: the id of the transaction that inserted each row; a row written inside a savepoint carries the
 * savepoint's own id, so this counts the fast path's single transaction, not the per-account path's). SQLite
 * keeps no such trace: null.
 */
async function writingTransactions(requestIds: string[]): Promise<number | null> {
  if (ctx.kind !== 'postgres') return null;
  const rows = await ctx.strapi.db.connection('ub_usage_logs').whereIn('request_id', requestIds).distinct(ctx.strapi.db.connection.raw('xmin::text AS x'));
  return rows.length;
}

describe(`usage batch (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx, { mode: 'usage', prepaidAmount: '0.1' });
  let batchToken = '';
  beforeAll(async () => {
    batchToken = await apiToken(ctx.strapi, ['gateway.usageBatch']);
  });
  const batch = (reports: unknown) => gatewayPost(ctx, batchToken, '/usage/batch', { reports });

  test('a batch with a bad report, a duplicate, a retry of an earlier report, conflicts and an unpriced model', async () => {
    await fund(ctx.strapi, 'b-one', '1');
    await fund(ctx.strapi, 'b-two', '1');
    // Recorded earlier, one at a time: 0.003 and 0.006.
    const earlier = { requestId: 'b-earlier', userId: 'b-one', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000 } };
    const earlierRes = await suite.post('/usage', earlier);
    expect(earlierRes.status).toBe(201);
    const recorded = { requestId: 'b-recorded', userId: 'b-one', model: 'claude-sonnet-4-5', usage: { inputTokens: 2000 } };
    expect((await suite.post('/usage', recorded)).body.data.balance).toBe('0.991');
    const auth = await suite.post('/authorize', { userId: 'b-two', model: 'gpt-image-1', requestId: 'b-held' });
    expect(auth.status).toBe(200);

    const first = { requestId: 'b-1', userId: 'b-one', model: 'claude-sonnet-4-5', usage: { inputTokens: 10000, outputTokens: 1000 } };
    const reports = [
      first, // 0.03 + 0.015
      { requestId: 'b-bad', userId: 'b-one', model: 'claude-sonnet-4-5', usage: { inputTokens: -5 } },
      { ...first }, // the same report again in the same batch: a replay of the first
      earlier, // an identical retry of a report recorded before the batch
      { ...recorded, usage: { inputTokens: 2001 } }, // another body under a recorded requestId
      { requestId: 'b-unpriced', userId: 'b-two', model: 'never-priced-model', usage: { inputTokens: 500 } },
      { requestId: 'b-held', userId: 'b-two', model: 'gpt-image-1', holdId: auth.body.data.holdId, usage: { calls: 2 } },
      { ...first, usage: { inputTokens: 1 } }, // another body under a requestId recorded earlier in this batch
      42,
      { requestId: 'b-2', userId: 'b-one', model: 'gpt-image-1', usage: { calls: 1 } },
    ];
    const res = await batch(reports);
    expect(res.status).toBe(200);
    const items = res.body.data;
    expect(items.map((i: any) => [i.requestId, i.status])).toEqual([
      ['b-1', 201], ['b-bad', 400], ['b-1', 200], ['b-earlier', 200], ['b-recorded', 409],
      ['b-unpriced', 201], ['b-held', 201], ['b-1', 409], [null, 400], ['b-2', 201],
    ]);
    // Each account's reports are charged in request order: every answer's balance is the one after it.
    expect(items[0].data).toMatchObject({ userId: 'b-one', cost: '0.045', charged: '0.045', balance: '0.946', status: 'success', flags: [] });
    expect(items[9].data).toMatchObject({ cost: '0.04', charged: '0.04', balance: '0.906' });
    expect(items[2].data).toEqual(items[0].data);
    expect(items[3].data).toEqual(earlierRes.body.data);
    expect(items[4].error).toMatchObject({ status: 409, name: 'IdempotencyConflictError', details: { requestId: 'b-recorded' } });
    expect(items[7].error).toMatchObject({ status: 409, name: 'IdempotencyConflictError', details: { requestId: 'b-1' } });
    // A bad report's error is /usage's 400, fields named relative to the report.
    expect(items[1].error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(errorFields({ body: { error: items[1].error } })).toEqual(['usage.inputTokens']);
    expect(items[8].error).toMatchObject({ status: 400, name: 'ValidationError', message: expect.stringContaining('must be a JSON object') });
    expect(errorFields({ body: { error: items[8].error } })).toEqual(['']);
    expect(items[5].data).toMatchObject({ status: 'unpriced', cost: '0', charged: '0', balance: '1' });
    expect(items[6].data).toMatchObject({ cost: '0.08', charged: '0.08', balance: '0.92' });
    expect(items.filter((i: any) => i.status >= 400).every((i: any) => i.data === undefined)).toBe(true);

    expect(await balanceOf(ctx.strapi, 'b-one')).toBe('0.906');
    expect(await balanceOf(ctx.strapi, 'b-two')).toBe('0.92');
    const entries = await ledgerRows(ctx.strapi, { user_id: 'b-one', kind: 'usage' });
    expect(entries.map((e) => [e.reference, e.amount, e.balance_after])).toEqual([
      ['b-earlier', '-0.003', '0.997'], ['b-recorded', '-0.006', '0.991'], ['b-1', '-0.045', '0.946'], ['b-2', '-0.04', '0.906'],
    ]);
    expect((await ledgerRows(ctx.strapi, { user_id: 'b-two', kind: 'usage' })).map((e) => [e.reference, e.amount])).toEqual([['b-held', '-0.08']]);
    expect((await holdRow(ctx.strapi, auth.body.data.holdId)).status).toBe('settled');
    expect(await logRow(ctx.strapi, 'b-bad')).toBeUndefined();
    const log = (await logRow(ctx.strapi, 'b-1'))!;
    expect([log.cost, log.charged, log.request_hash]).toEqual(['0.045', '0.045', expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(await logRow(ctx.strapi, 'b-unpriced')).toMatchObject({ status: 'unpriced', cost: '0', charged: '0' });
    const catalog = await ctx.strapi.db.connection('ub_models').where({ name: 'never-priced-model' }).first('source');
    expect(catalog).toEqual({ source: 'auto' });
    expect(await rollup('b-one', 'claude-sonnet-4-5')).toEqual({ calls: 3, tokens: 14000, cost: '54000000', charged: '54000000' });
    expect(await rollup('b-one', 'gpt-image-1')).toEqual({ calls: 1, tokens: 0, cost: '40000000', charged: '40000000' });
    expect(await rollup('b-two', 'never-priced-model')).toEqual({ calls: 1, tokens: 500, cost: '0', charged: '0' });
    // PostgreSQL, usage mode: the four new reports of two accounts were written by one transaction.
    expect(await writingTransactions(['b-1', 'b-unpriced', 'b-held', 'b-2'])).toBe(ctx.kind === 'postgres' ? 1 : null);

    // The whole batch again: every recorded report replays with its first answer, nothing is written.
    const counts = await tableCounts(ctx.strapi);
    const again = await batch(reports);
    expect(again.body.data.map((i: any) => i.status)).toEqual([200, 400, 200, 200, 409, 200, 200, 409, 400, 200]);
    for (const i of [0, 2, 5, 6, 9]) expect(again.body.data[i].data).toEqual(items[i].data);
    expect(await tableCounts(ctx.strapi)).toEqual(counts);
    expect(await balanceOf(ctx.strapi, 'b-one')).toBe('0.906');
  });

  test('a report of a batch that fails while being written rolls back alone; the others, same account included, are recorded', async () => {
    await fund(ctx.strapi, 'b-fault', '1');
    await fund(ctx.strapi, 'b-fault-2', '1');
    const reports = [
      { requestId: 'bf-1', userId: 'b-fault', model: 'gpt-image-1', usage: { calls: 1 } },
      { requestId: 'bf-2', userId: 'b-fault', model: 'gpt-image-1', usage: { calls: 2 } },
      { requestId: 'bf-3', userId: 'b-fault', model: 'gpt-image-1', usage: { calls: 3 } },
      { requestId: 'bf-4', userId: 'b-fault-2', model: 'gpt-image-1', usage: { calls: 1 } },
    ];
    const results = await service(ctx.strapi, 'metering').reportBatch(reports, { failAfterChargeFor: ['bf-2'] });
    expect(results.map((r) => [r.requestId, r.status])).toEqual([['bf-1', 201], ['bf-2', 500], ['bf-3', 201], ['bf-4', 201]]);
    expect(results[1].error).toEqual({ status: 500, name: 'InternalServerError', message: 'Internal Server Error', details: {} });
    expect(results.map((r) => r.data?.balance)).toEqual(['0.96', undefined, '0.84', '0.96']);
    expect(await balanceOf(ctx.strapi, 'b-fault')).toBe('0.84');
    expect((await ledgerRows(ctx.strapi, { user_id: 'b-fault' })).map((e) => [e.reference, e.amount, e.balance_after]).slice(1)).toEqual([
      ['bf-1', '-0.04', '0.96'], ['bf-3', '-0.12', '0.84'],
    ]);
    expect(await logRow(ctx.strapi, 'bf-2')).toBeUndefined();
    // Nothing of it stayed behind: reported again, it is new.
    const retry = await batch([reports[1]]);
    expect(retry.body.data[0]).toMatchObject({ requestId: 'bf-2', status: 201, data: { charged: '0.08', balance: '0.76' } });
  });

  test('self mode: the batch is recorded and charged nothing', async () => {
    await setSettings(ctx.strapi, { mode: 'self' });
    try {
      const res = await batch([
        { requestId: 'bs-1', userId: 'b-self', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000000 } },
        { requestId: 'bs-2', userId: 'b-self-2', model: 'gpt-image-1', usage: { calls: 1 } },
        { requestId: 'bs-3', userId: 'b-self', model: 'claude-sonnet-4-5', usage: { inputTokens: 'many' } },
      ]);
      expect(res.body.data.map((i: any) => i.status)).toEqual([201, 201, 400]);
      expect(res.body.data[0].data).toMatchObject({ mode: 'self', cost: '3', charged: '0' });
      expect(res.body.data[0].data.balance).toBeUndefined();
      expect(await balanceOf(ctx.strapi, 'b-self')).toBe('0');
      expect(await ledgerRows(ctx.strapi, { user_id: 'b-self' })).toEqual([]);
      expect((await logRow(ctx.strapi, 'bs-2'))!.cost).toBe('0.04');
    } finally {
      await setSettings(ctx.strapi, { mode: 'usage' });
    }
  });

  test('1,000 reports over 10 accounts fit in one batch under the default 1 MB body limit; 1,001 are refused whole, a body over 1 MB is a 413', async () => {
    for (let a = 0; a < 10; a += 1) await fund(ctx.strapi, `b-many-${a}`, '100');
    const reports = Array.from({ length: 1000 }, (_, i) => ({
      requestId: `bm-${String(i).padStart(4, '0')}-${'x'.repeat(24)}`,
      userId: `b-many-${i % 10}`,
      model: 'claude-sonnet-4-5',
      holdId: `hold_${'0'.repeat(24)}`,
      usage: { inputTokens: 1000 + i, outputTokens: 200 + i, cacheReadTokens: 5000 },
      tools: [{ tool: 'web_search', calls: 1 }],
      routeSource: 'chat',
      latencyMs: 1234,
      status: 'success',
    }));
    const bytes = Buffer.byteLength(JSON.stringify({ reports }));
    expect(bytes).toBeLessThan(1024 * 1024);
    const res = await batch(reports);
    expect(res.status).toBe(200);
    expect(res.body.data.every((i: any) => i.status === 201)).toBe(true);
    // Per report: (1000+i)·3 + (200+i)·15 + 5000·0.3 per 1M, + 0.01 for the tool.
    const nanos = (i: number) => BigInt(1000 + i) * 3000n + BigInt(200 + i) * 15000n + 5000n * 300n + 10000000n;
    for (let a = 0; a < 10; a += 1) {
      let charged = 0n;
      for (let i = a; i < 1000; i += 10) charged += nanos(i);
      const expected = 100000000000n - charged;
      const knex = ctx.strapi.db.connection;
      const row = await knex('ub_accounts').select(knex.raw('CAST(balance AS TEXT) AS b')).where({ user_id: `b-many-${a}` }).first();
      expect(String(row.b)).toBe(expected.toString());
    }

    expect(await writingTransactions(reports.map((r) => r.requestId))).toBe(ctx.kind === 'postgres' ? 1 : null);

    const counts = await tableCounts(ctx.strapi);
    const tooMany = await batch([...reports, { ...reports[0], requestId: 'bm-extra' }]);
    expect(tooMany.status).toBe(400);
    expect(errorFields(tooMany)).toEqual(['reports']);
    // Over the default 1 MB JSON limit of strapi::body: 413 before anything is read.
    const oversized = reports.map((r) => ({ ...r, routeSource: 'x'.repeat(1100) }));
    expect(Buffer.byteLength(JSON.stringify({ reports: oversized }))).toBeGreaterThan(1024 * 1024);
    expect((await batch(oversized)).status).toBe(413);
    expect(await tableCounts(ctx.strapi)).toEqual(counts);
  });

  test('the envelope: reports must be a non-empty array and nothing else may be sent; the action is its own', async () => {
    for (const [body, field] of [
      [{}, 'reports'],
      [{ reports: [] }, 'reports'],
      [{ reports: {} }, 'reports'],
      [{ reports: [{}], dryRun: true }, 'dryRun'],
      [[{ requestId: 'x' }], ''],
    ] as const) {
      const res = await gatewayPost(ctx, batchToken, '/usage/batch', body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
      expect(errorFields(res)).toEqual([field]);
    }
    // POST /usage's action does not open the batch route, nor the reverse.
    const single = await apiToken(ctx.strapi, ['gateway.usage']);
    expect((await gatewayPost(ctx, single, '/usage/batch', { reports: [{}] })).status).toBe(403);
    expect((await gatewayPost(ctx, batchToken, '/usage', { requestId: 'b-x', userId: 'b-x', model: 'gpt-image-1', usage: {} })).status).toBe(403);
  });
});
