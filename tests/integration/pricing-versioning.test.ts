// Price versions: every edit bumps `version`; a usage log keeps the snapshot (price + version) and cost it
// was rated with, so editing, re-importing or deleting a price never changes an old log.
import { bootForTests } from '../helpers/boot';
import { adminToken, apiToken } from '../helpers/auth';
import { PRICING, setupBilling } from '../helpers/fixtures';
import { client, countRows, usageLog, type UsageLogView } from '../helpers/pricing';
import { service } from '../helpers/services';

const ctx = bootForTests();
const MODEL = 'claude-sonnet-4-5';
const USER = 'u-versions';

describe(`price versions and usage log snapshots (${process.env.TEST_DB})`, () => {
  let api: ReturnType<typeof client>;
  let gw: ReturnType<typeof client>;
  const oldLogs: Record<string, UsageLogView> = {};

  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage' });
    api = client(ctx.server, await adminToken(ctx.strapi));
    gw = client(ctx.server, await apiToken(ctx.strapi, ['gateway.usage']), '/api/usage-billing');
    await service(ctx.strapi, 'ledger').adjust({ userId: USER, amount: '10', reason: 'test', actor: 'test' });
  });

  // 1,000 input + 1,000 output + 10,000 cache-read tokens.
  const report = (requestId: string, extra: object = {}) =>
    gw.post('/usage', { requestId, userId: USER, model: MODEL, usage: { inputTokens: 1000, outputTokens: 1000, cacheReadTokens: 10000 }, ...extra });
  const version = async (model = MODEL) => (await api.get('/model-prices')).body.data.find((p: any) => p.model === model)?.version;
  /** Every log written so far must read exactly as it did right after it was written. */
  const expectOldLogsUnchanged = async () => {
    for (const [requestId, log] of Object.entries(oldLogs)) expect(await usageLog(ctx.strapi, requestId)).toEqual(log);
  };

  test('a log written at version 1 stores the version-1 price, its bill and its cost in nanos', async () => {
    const res = await report('ver-1');
    expect(res.status).toBe(201);
    // 1000 × 3 + 1000 × 15 + 10000 × 0.3 per 1M = 0.003 + 0.015 + 0.003
    expect(res.body.data).toMatchObject({ cost: '0.021', charged: '0.021', balance: '9.979' });
    const log = await usageLog(ctx.strapi, 'ver-1');
    expect(log.cost).toBe('21000000');
    expect(log.snapshot.version).toBe(1);
    expect(log.snapshot.price).toEqual({ ...PRICING.models[0], enabled: true });
    expect(log.snapshot.bill.total).toBe('0.021');
    oldLogs['ver-1'] = log;
  });

  test('editing the price bumps the version; the next log uses the new price, the old log is unchanged', async () => {
    const edit = await api.put(`/model-prices/${MODEL}`, { mode: 'token', input: '6', output: '30', cacheRead: '0.6', cacheWrite: '7.5' });
    expect(edit.status).toBe(200);
    expect(await version()).toBe(2);

    const res = await report('ver-2');
    expect(res.status).toBe(201);
    expect(res.body.data.cost).toBe('0.042');
    const log = await usageLog(ctx.strapi, 'ver-2');
    expect(log.cost).toBe('42000000');
    expect(log.snapshot.version).toBe(2);
    expect(log.snapshot.price).toMatchObject({ input: '6', output: '30', cacheRead: '0.6' });
    await expectOldLogsUnchanged();
    oldLogs['ver-2'] = log;
  });

  test('an identical edit does not bump the version', async () => {
    await api.put(`/model-prices/${MODEL}`, { mode: 'token', input: '6.0', output: '30', cacheRead: '0.60', cacheWrite: '7.5' });
    expect(await version()).toBe(2);
  });

  test('concurrent edits with distinct prices each get their own version', async () => {
    expect((await api.post('/model-prices', { model: 'race-model', mode: 'per_call', perCall: '1' })).status).toBe(201);
    const edits = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.put('/model-prices/race-model', { mode: 'per_call', perCall: String(i + 2) })),
    );
    expect(edits.map((e) => e.status)).toEqual(Array(10).fill(200));
    expect(await version('race-model')).toBe(11);
  });

  test('a retry of the version-1 request after the edit replays the stored result at the old price', async () => {
    const replay = await report('ver-1');
    expect(replay.status).toBe(200);
    expect(replay.body.data).toMatchObject({ requestId: 'ver-1', cost: '0.021', charged: '0.021' });
    expect(await countRows(ctx.strapi, 'ub_usage_logs', { request_id: 'ver-1' })).toBe(1);
    await expectOldLogsUnchanged();
  });

  test('an import that changes the price bumps the version; importing it again does not', async () => {
    const file = { version: 1, models: [{ model: MODEL, mode: 'token', input: '1', output: '2' }] };
    const first = await api.post('/model-prices/import?dryRun=false', file);
    expect(first.status).toBe(200);
    expect(first.body.data.models.changed.map((c: any) => c.model)).toEqual([MODEL]);
    expect(await version()).toBe(3);
    const again = await api.post('/model-prices/import?dryRun=false', file);
    expect(again.body.data.models.unchanged).toEqual([MODEL]);
    expect(await version()).toBe(3);

    // 1000 × 1 + 1000 × 2 + 10000 cache reads at the input price (the file gives no cache price) per 1M
    expect((await report('ver-3')).body.data.cost).toBe('0.013');
    const log = await usageLog(ctx.strapi, 'ver-3');
    expect(log.snapshot.version).toBe(3);
    expect(log.snapshot.price).toEqual({ model: MODEL, mode: 'token', enabled: true, input: '1', output: '2' });
    await expectOldLogsUnchanged();
    oldLogs['ver-3'] = log;
  });

  test('the snapshot keeps the multiplier and tool prices: editing them leaves the old log as it was', async () => {
    const extra = { serviceTier: 'priority', tools: [{ tool: 'web_search', calls: 2 }] };
    const before = await report('ver-tier-1', extra);
    // model 0.013 × 2 + 2 × 0.01
    expect(before.body.data.cost).toBe('0.046');
    oldLogs['ver-tier-1'] = await usageLog(ctx.strapi, 'ver-tier-1');
    expect(oldLogs['ver-tier-1'].snapshot.multipliers).toEqual([{ name: 'priority', factor: '2' }]);
    expect(oldLogs['ver-tier-1'].snapshot.tools).toEqual([{ tool: 'web_search', perCall: '0.01', enabled: true }]);

    expect((await api.put('/multipliers/priority', { factor: '3' })).status).toBe(200);
    expect((await api.put('/tool-prices/web_search', { perCall: '0.02' })).status).toBe(200);
    const after = await report('ver-tier-2', extra);
    // model 0.013 × 3 + 2 × 0.02
    expect(after.body.data.cost).toBe('0.079');
    const log = await usageLog(ctx.strapi, 'ver-tier-2');
    expect(log.snapshot.multipliers).toEqual([{ name: 'priority', factor: '3' }]);
    expect(log.snapshot.bill).toMatchObject({ multiplier: '3', modelCost: '0.039', toolCost: '0.04', total: '0.079' });
    await expectOldLogsUnchanged();
  });

  test('metering.report() called directly records the version it rated with', async () => {
    const { replayed, result } = await service(ctx.strapi, 'metering').report({
      requestId: 'ver-svc', userId: USER, model: MODEL, status: 'success', tools: [],
      usage: { inputTokens: 500000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, durationSeconds: 0, calls: 1 },
    });
    expect(replayed).toBe(false);
    expect(result.cost).toBe('0.5');
    const log = await usageLog(ctx.strapi, 'ver-svc');
    expect(log).toMatchObject({ cost: '500000000', snapshot: { version: 3, price: { input: '1' } } });
    await expectOldLogsUnchanged();
  });

  test('deleting the price: the next call is unpriced (version null), old logs are unchanged', async () => {
    expect((await api.del(`/model-prices/${MODEL}`)).status).toBe(200);
    const res = await report('ver-deleted');
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ cost: '0', charged: '0', status: 'unpriced', flags: ['unpriced'] });
    const log = await usageLog(ctx.strapi, 'ver-deleted');
    expect(log).toMatchObject({ cost: '0', snapshot: { version: null, price: null } });
    await expectOldLogsUnchanged();
  });

  test('re-creating a deleted price applies to the next call only', async () => {
    expect((await api.post('/model-prices', { model: MODEL, mode: 'token', input: '7' })).status).toBe(201);
    // (1000 + 10000 cache reads at the input price) × 7 per 1M; no output price: 0
    expect((await report('ver-recreated')).body.data.cost).toBe('0.077');
    expect((await usageLog(ctx.strapi, 'ver-recreated')).snapshot.price).toEqual({ model: MODEL, mode: 'token', enabled: true, input: '7' });
    await expectOldLogsUnchanged();
  });
});
