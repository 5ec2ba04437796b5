// Admin usage logs: filtered pages with exact totals, the CSV export (filters, escaping) and the stats
// read from the daily rollups, whose sums must equal the logs' sums for every grouping.
import request from 'supertest';
import { bootForTests } from '../helpers/boot';
import { adminToken, limitedAdminToken } from '../helpers/auth';
import { setupBilling } from '../helpers/fixtures';
import { nanosToString, toNanos } from '../../server/src/rating';
import { adminGet, expectLedgerConsistent, fund, reportVia, setSettings } from '../helpers/metering';
import { errorFields } from '../helpers/http';
import { service } from '../helpers/services';

const ctx = bootForTests();

const FORMULA = '=HYPERLINK("x"),evil';
const CSV_HEADER = [
  'occurredAt', 'requestId', 'userId', 'model', 'pricingMode', 'billingMode', 'routeSource', 'serviceTier', 'inputTokens',
  'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'durationSeconds', 'calls', 'cost', 'charged', 'currency',
  'latencyMs', 'status', 'flags',
  // The other kinds of token, after the columns of the first version.
  'cacheWrite1hTokens', 'inputAudioTokens', 'cacheReadAudioTokens', 'inputImageTokens', 'cacheReadImageTokens', 'inputVideoTokens',
  'outputAudioTokens', 'outputImageTokens', 'outputVideoTokens',
  // Then the reason of a failed call.
  'errorMessage',
];

/** Minimal RFC 4180 reader: quoted cells, doubled quotes, commas and newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const sum = (amounts: string[]) => nanosToString(amounts.reduce((s, a) => s + toNanos(a), 0n));

describe(`admin usage logs, CSV and stats (${process.env.TEST_DB})`, () => {
  let admin: string;
  beforeAll(async () => {
    await setupBilling(ctx.strapi, { mode: 'usage', prepaidAmount: '0.1' });
    admin = await adminToken(ctx.strapi);
    await fund(ctx.strapi, 'log-a', '10');
    await fund(ctx.strapi, 'log-b', '10');
    const at = (iso: string, body: Record<string, unknown>) => reportVia(ctx.strapi, body, { occurredAt: new Date(iso) });
    await at('2025-01-10T10:00:00.000Z', { requestId: 'L1', userId: 'log-a', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000, outputTokens: 1000 }, routeSource: 'chat', latencyMs: 900 });
    await at('2025-01-10T23:59:59.000Z', { requestId: 'L2', userId: 'log-a', model: 'gpt-image-1', usage: { calls: 2 }, routeSource: 'images' });
    await at('2025-01-11T00:00:00.000Z', { requestId: 'L3', userId: 'log-b', model: 'claude-sonnet-4-5', usage: { inputTokens: 2000 }, routeSource: 'chat', status: 'error' });
    await at('2025-02-01T12:00:00.000Z', { requestId: 'L4', userId: 'log-b', model: 'sora-2', usage: { durationSeconds: 3.3 }, routeSource: 'video' });
    await at('2025-02-02T00:00:00.000Z', { requestId: 'L5', userId: 'log-b', model: 'log-mystery', usage: { inputTokens: 500 } });
    await setSettings(ctx.strapi, { mode: 'self' });
    await at('2025-02-03T00:00:00.000Z', { requestId: 'L6', userId: 'log-a', model: 'claude-sonnet-4-5', usage: { outputTokens: 100 } });
    await setSettings(ctx.strapi, { mode: 'usage' });
    await at('2025-02-04T00:00:00.000Z', { requestId: 'L7', userId: 'log-a', model: 'claude-sonnet-4-5', usage: { inputTokens: 1 }, routeSource: FORMULA });
  });
  afterAll(async () => expectLedgerConsistent(ctx.strapi));
  // A stalled response (e.g. a failed CSV stream) fails fast instead of hitting the 60 s jest timeout.
  const get = (path: string, jwt = admin) => adminGet(ctx, jwt, path).timeout({ deadline: 15000 });

  test('unfiltered list: every log newest first, with exact totals and each log\'s own lines/snapshot', async () => {
    const res = await get('/usage-logs');
    expect(res.status).toBe(200);
    expect(res.body.data.map((l: any) => l.requestId)).toEqual(['L7', 'L6', 'L5', 'L4', 'L3', 'L2', 'L1']);
    // cost 0.018 + 0.08 + 0.006 + 0.33 + 0 + 0.0015 + 0.000003; self-mode L6 is not charged
    // No filter the daily rollups cannot answer: the totals come from them (tokens: every kind, 3501 in + 1100 out).
    expect(res.body.meta.totals).toEqual({ calls: 7, cost: '0.435503', charged: '0.434003', tokens: '4601', source: 'rollups' });
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 7 });
    const byId = Object.fromEntries(res.body.data.map((l: any) => [l.requestId, l]));
    expect(byId.L4).toMatchObject({ pricingMode: 'per_second', billingMode: 'usage', durationSeconds: '3.3', cost: '0.33', charged: '0.33', status: 'success' });
    expect(byId.L4.lines).toEqual([{ item: 'duration', quantity: '3.3', unitPrice: '0.1', unit: 'second', amount: '0.33' }]);
    expect(byId.L4.snapshot.price).toMatchObject({ model: 'sora-2', mode: 'per_second', perSecond: '0.1' });
    expect(byId.L5).toMatchObject({ status: 'unpriced', cost: '0', charged: '0', flags: ['unpriced'] });
    expect(byId.L6).toMatchObject({ billingMode: 'self', cost: '0.0015', charged: '0' });
    expect(byId.L1).toMatchObject({ latencyMs: 900, routeSource: 'chat', occurredAt: '2025-01-10T10:00:00.000Z' });
  });

  // Whole UTC days, users and models: the rollups answer; any other filter sums the logs themselves. Both exact.
  test.each([
    ['userId=log-a', ['L7', 'L6', 'L2', 'L1'], '0.099503', '0.098003', 'rollups'],
    ['model=claude-sonnet-4-5', ['L7', 'L6', 'L3', 'L1'], '0.025503', '0.024003', 'rollups'],
    ['billingMode=self', ['L6'], '0.0015', '0', 'logs'],
    ['routeSource=chat', ['L3', 'L1'], '0.024', '0.024', 'logs'],
    ['status=error', ['L3'], '0.006', '0.006', 'logs'],
    ['status=unpriced', ['L5'], '0', '0', 'logs'],
    // `to` is exclusive: L3 at exactly 2025-01-11T00:00Z is out.
    ['from=2025-01-10T00:00:00.000Z&to=2025-01-11T00:00:00.000Z', ['L2', 'L1'], '0.098', '0.098', 'rollups'],
    ['from=2025-02-01&userId=log-b', ['L5', 'L4'], '0.33', '0.33', 'rollups'],
    // An instant inside a day: only the logs can say which calls of 2025-01-10 are after 10:00:01.
    ['from=2025-01-10T10:00:01.000Z&to=2025-01-11T00:00:00.000Z', ['L2'], '0.08', '0.08', 'logs'],
  ])('filter %s → exactly those logs, totals = their sums', async (query, ids, cost, charged, source) => {
    const res = await get(`/usage-logs?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((l: any) => l.requestId)).toEqual(ids);
    expect(res.body.meta.totals).toMatchObject({ calls: ids.length, cost, charged, source });
    expect(sum(res.body.data.map((l: any) => l.cost))).toBe(cost);
  });

  test('pagination: page 2 of size 3; totals still cover every matching log', async () => {
    const res = await get('/usage-logs?page=2&pageSize=3');
    expect(res.body.data.map((l: any) => l.requestId)).toEqual(['L4', 'L3', 'L2']);
    expect(res.body.meta.pagination).toEqual({ page: 2, pageSize: 3, pageCount: 3, total: 7 });
    expect(res.body.meta.totals.cost).toBe('0.435503');
  });

  test('keyset pages: meta.cursor.next walks the whole list in order, newest first, and ends with null', async () => {
    const seen: string[] = [];
    let res = await get('/usage-logs?pageSize=3');
    seen.push(...res.body.data.map((l: any) => l.requestId));
    while (res.body.meta.cursor.next) {
      res = await get(`/usage-logs?pageSize=3&cursor=${encodeURIComponent(res.body.meta.cursor.next)}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((l: any) => l.requestId));
    }
    expect(seen).toEqual(['L7', 'L6', 'L5', 'L4', 'L3', 'L2', 'L1']);
    // Filters apply along the way, and the totals still cover every matching log.
    const first = await get('/usage-logs?pageSize=1&userId=log-a');
    const second = await get(`/usage-logs?pageSize=1&userId=log-a&cursor=${encodeURIComponent(first.body.meta.cursor.next)}`);
    expect(second.body.data.map((l: any) => l.requestId)).toEqual(['L6']);
    expect(second.body.meta.totals).toMatchObject({ calls: 4, cost: '0.099503' });
  });

  test('pages past the first 10,000 logs are refused by number (400 naming page): they are read by cursor; a forged cursor is a 400', async () => {
    const deep = await get('/usage-logs?page=402&pageSize=25');
    expect(deep.status).toBe(400);
    expect(errorFields(deep)).toEqual(['page']);
    expect((await get('/usage-logs?page=401&pageSize=25')).status).toBe(200);
    const forged = await get(`/usage-logs?cursor=${Buffer.from('yesterday|1').toString('base64url')}`);
    expect(forged.status).toBe(400);
    expect(errorFields(forged)).toEqual(['cursor']);
  });

  test.each([
    ['billingMode=monthly', 'billingMode'],
    ['status=ok', 'status'],
    ['pageSize=501', 'pageSize'],
    ['page=0', 'page'],
    ['from=yesterday', 'from'],
  ])('invalid filter %s → 400 naming %s', async (query, field) => {
    const res = await get(`/usage-logs?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(errorFields(res)).toContain(field);
  });

  test('CSV export: header + one line per log, exact money, quoting and formula neutralised', async () => {
    const res = await get('/usage-logs/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="usage-logs-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(8);
    const records = rows.slice(1).map((r) => Object.fromEntries(CSV_HEADER.map((h, i) => [h, r[i]])));
    expect(records.map((r) => r.requestId).sort()).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7']);
    expect(sum(records.map((r) => r.cost))).toBe('0.435503');
    expect(sum(records.map((r) => r.charged))).toBe('0.434003');
    const byId = Object.fromEntries(records.map((r) => [r.requestId, r]));
    expect(byId.L4).toMatchObject({ userId: 'log-b', model: 'sora-2', durationSeconds: '3.3', cost: '0.33', charged: '0.33', currency: 'USD', status: 'success', errorMessage: '' });
    expect(byId.L1).toMatchObject({ occurredAt: '2025-01-10T10:00:00.000Z', inputTokens: '1000', outputTokens: '1000', cost: '0.018', latencyMs: '900', routeSource: 'chat' });
    expect(byId.L5).toMatchObject({ status: 'unpriced', flags: 'unpriced', cost: '0' });
    expect(byId.L7.routeSource).toBe(`'${FORMULA}`);
  });

  test('CSV export applies the same filters as the list', async () => {
    for (const [query, ids] of [['userId=log-b', ['L3', 'L4', 'L5']], ['status=unpriced', ['L5']], ['billingMode=period', []]] as const) {
      const rows = parseCsv((await get(`/usage-logs/export?${query}`)).text);
      expect(rows[0]).toEqual(CSV_HEADER);
      expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(ids);
    }
    expect((await get('/usage-logs/export?billingMode=monthly')).status).toBe(400);
  });

  test('stats by day and by month come from the rollups and match the logs exactly', async () => {
    const day = await get('/usage-logs/stats?groupBy=day');
    expect(day.status).toBe(200);
    expect(day.body.data).toEqual({
      groupBy: 'day',
      points: [
        { key: '2025-01-10', calls: '2', tokens: '2000', cost: '0.098', charged: '0.098' },
        { key: '2025-01-11', calls: '1', tokens: '2000', cost: '0.006', charged: '0.006' },
        { key: '2025-02-01', calls: '1', tokens: '0', cost: '0.33', charged: '0.33' },
        { key: '2025-02-02', calls: '1', tokens: '500', cost: '0', charged: '0' },
        { key: '2025-02-03', calls: '1', tokens: '100', cost: '0.0015', charged: '0' },
        { key: '2025-02-04', calls: '1', tokens: '1', cost: '0.000003', charged: '0.000003' },
      ],
    });
    const month = await get('/usage-logs/stats?groupBy=month');
    expect(month.body.data.points).toEqual([
      { key: '2025-01', calls: '3', tokens: '4000', cost: '0.104', charged: '0.104' },
      { key: '2025-02', calls: '4', tokens: '601', cost: '0.331503', charged: '0.330003' },
    ]);
  });

  test('stats by model and by user are ordered by cost and match the logs; filters narrow them', async () => {
    const model = await get('/usage-logs/stats?groupBy=model');
    expect(model.body.data.points.map((p: any) => [p.key, p.calls, p.cost])).toEqual([
      ['sora-2', '1', '0.33'], ['gpt-image-1', '1', '0.08'], ['claude-sonnet-4-5', '4', '0.025503'], ['log-mystery', '1', '0'],
    ]);
    const user = await get('/usage-logs/stats?groupBy=user');
    expect(user.body.data.points.map((p: any) => [p.key, p.calls, p.cost, p.charged])).toEqual([
      ['log-b', '3', '0.336', '0.336'], ['log-a', '4', '0.099503', '0.098003'],
    ]);
    const window = await get('/usage-logs/stats?groupBy=day&from=2025-02-01&to=2025-02-03&userId=log-b');
    expect(window.body.data.points.map((p: any) => p.key)).toEqual(['2025-02-01', '2025-02-02']);
    expect((await get('/usage-logs/stats?groupBy=week')).status).toBe(400);
  });

  // The admin's charts follow the list's user and model filters: the rollups hold (day, user, model).
  test.each([
    ['model=claude-sonnet-4-5', ['L7', 'L6', 'L3', 'L1']],
    ['userId=log-a', ['L7', 'L6', 'L2', 'L1']],
    ['userId=log-a&model=claude-sonnet-4-5', ['L7', 'L6', 'L1']],
    ['userId=log-b&model=gpt-image-1', []],
  ])('stats with %s: every series (day, model, user) sums exactly the logs the list shows', async (query, ids) => {
    const list = await get(`/usage-logs?${query}`);
    expect(list.body.data.map((l: any) => l.requestId)).toEqual(ids);
    const days = new Map<string, { calls: number; cost: string[] }>();
    for (const log of list.body.data) {
      const day = days.get(log.occurredAt.slice(0, 10)) ?? { calls: 0, cost: [] };
      days.set(log.occurredAt.slice(0, 10), { calls: day.calls + 1, cost: [...day.cost, log.cost] });
    }
    const byDay = (await get(`/usage-logs/stats?groupBy=day&${query}`)).body.data.points;
    expect(byDay.map((p: any) => [p.key, Number(p.calls), p.cost])).toEqual(
      [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => [day, d.calls, sum(d.cost)]),
    );
    for (const groupBy of ['model', 'user']) {
      const points = (await get(`/usage-logs/stats?groupBy=${groupBy}&${query}`)).body.data.points;
      expect([groupBy, points.reduce((n: number, p: any) => n + Number(p.calls), 0), sum(points.map((p: any) => p.cost))]).toEqual([
        groupBy, ids.length, list.body.meta.totals.cost,
      ]);
    }
  });

  test.each(['billingMode=usage', 'routeSource=chat', 'status=error'])(
    'stats with %s → 400 naming it: the daily rollups do not hold it (the admin says so on its charts)',
    async (query) => {
      const res = await get(`/usage-logs/stats?groupBy=day&${query}`);
      expect(res.status).toBe(400);
      expect(errorFields(res)).toEqual([query.split('=')[0]]);
    },
  );

  test('for every grouping, the stats sums equal the sums of the logs', async () => {
    const logs = await get('/usage-logs?pageSize=500');
    const tokens = logs.body.data.reduce((s: bigint, l: any) => s + BigInt(l.inputTokens) + BigInt(l.outputTokens) + BigInt(l.cacheReadTokens) + BigInt(l.cacheWriteTokens), 0n);
    for (const groupBy of ['day', 'month', 'model', 'user']) {
      const points = (await get(`/usage-logs/stats?groupBy=${groupBy}`)).body.data.points;
      expect([groupBy, sum(points.map((p: any) => p.cost)), sum(points.map((p: any) => p.charged))]).toEqual([groupBy, logs.body.meta.totals.cost, logs.body.meta.totals.charged]);
      expect(points.reduce((s: number, p: any) => s + Number(p.calls), 0)).toBe(logs.body.meta.totals.calls);
      expect(points.reduce((s: bigint, p: any) => s + BigInt(p.tokens), 0n)).toBe(tokens);
    }
  });

  // Last: its logs (another user) would change the unfiltered totals the tests above assert.
  test('CSV rows come in the table\'s order (newest call first, id breaking ties), not in arrival order, across keyset chunks', async () => {
    await fund(ctx.strapi, 'log-c', '10');
    // Reported out of time order (a late batch, a retry): C4 arrives last but shares C1's instant.
    for (const [requestId, iso] of [['C1', '2025-03-02T00:00:00.000Z'], ['C2', '2025-03-01T00:00:00.000Z'], ['C3', '2025-03-03T00:00:00.000Z'], ['C4', '2025-03-02T00:00:00.000Z']]) {
      await reportVia(ctx.strapi, { requestId, userId: 'log-c', model: 'claude-sonnet-4-5', usage: { inputTokens: 1 } }, { occurredAt: new Date(iso) });
    }
    const table = (await get('/usage-logs?userId=log-c')).body.data.map((l: any) => l.requestId);
    expect(table).toEqual(['C3', 'C4', 'C1', 'C2']);
    const csv = parseCsv((await get('/usage-logs/export?userId=log-c')).text).slice(1);
    expect(csv.map((r) => r[1])).toEqual(table);
    expect(csv.map((r) => r[0])).toEqual(['2025-03-03T00:00:00.000Z', '2025-03-02T00:00:00.000Z', '2025-03-02T00:00:00.000Z', '2025-03-01T00:00:00.000Z']);
    // Every chunk boundary (the tie C4/C1 included) continues from the last row written: no row lost or repeated.
    for (const chunk of [1, 2, 3]) {
      const stream = service(ctx.strapi, 'usageLogs').exportCsv({ userId: 'log-c' }, { chunk });
      let text = '';
      for await (const part of stream) text += part;
      expect([chunk, parseCsv(text).slice(1).map((r) => r[1])]).toEqual([chunk, table]);
    }
    // The whole export too: the same rows, in the same order, as the whole list.
    const all = (await get('/usage-logs?pageSize=500')).body.data.map((l: any) => l.requestId);
    expect(parseCsv((await get('/usage-logs/export')).text).slice(1).map((r) => r[1])).toEqual(all);
  });

  test('RBAC: no JWT → 401; accounts.read alone → 403 on list, export and stats; logs.read → 200', async () => {
    expect((await request(ctx.server).get('/usage-billing/usage-logs')).status).toBe(401);
    const accountsOnly = await limitedAdminToken(ctx.strapi, ['accounts.read']);
    const logsOnly = await limitedAdminToken(ctx.strapi, ['logs.read']);
    for (const path of ['/usage-logs', '/usage-logs/export', '/usage-logs/stats']) {
      expect((await get(path, accountsOnly)).status).toBe(403);
      expect((await get(path, logsOnly)).status).toBe(200);
    }
  });
});
