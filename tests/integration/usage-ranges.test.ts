// Date ranges of the stats, logs and user usage routes: today's calls appear in the charts and the trend,
// a range of plain dates includes both of its days (whole UTC days), a date-time `to` stays exclusive,
// and for the same range the logs totals (the admin's header) equal the sums of the rollup stats (its charts).
import { bootForTests } from '../helpers/boot';
import { apiToken } from '../helpers/auth';
import { nanosToString, toNanos } from '../../server/src/rating';
import { adminGet, contentGet, fund, gatewaySuite, reportVia } from '../helpers/metering';
import { errorFields } from '../helpers/http';

const ctx = bootForTests();

const DAY = 24 * 3600 * 1000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const sum = (amounts: string[]) => nanosToString(amounts.reduce((s, a) => s + toNanos(a), 0n));

describe(`usage date ranges (${process.env.TEST_DB})`, () => {
  const suite = gatewaySuite(ctx);
  let viewer: string;
  let today: string;
  beforeAll(async () => {
    viewer = await apiToken(ctx.strapi, ['account.usage']);
    await fund(ctx.strapi, 'rng-a', '10');
    // Two calls today, reported by the gateway over HTTP as it happens: 0.018 + 0.04.
    for (const body of [
      { requestId: 'rng-t1', userId: 'rng-a', model: 'claude-sonnet-4-5', usage: { inputTokens: 1000, outputTokens: 1000 } },
      { requestId: 'rng-t2', userId: 'rng-a', model: 'gpt-image-1', usage: { calls: 1 } },
    ]) expect((await suite.post('/usage', body)).status).toBe(201);
    today = utcDay(Date.now());
    // The first and the last instant of 2025-03-01..2025-03-02, and the first instant after it.
    const at = (requestId: string, iso: string, calls: number) =>
      reportVia(ctx.strapi, { requestId, userId: 'rng-a', model: 'gpt-image-1', usage: { calls } }, { occurredAt: new Date(iso) });
    await at('rng-first', '2025-03-01T00:00:00.000Z', 1);
    await at('rng-last', '2025-03-02T23:59:59.999Z', 2);
    await at('rng-after', '2025-03-03T00:00:00.000Z', 4);
  });
  const get = (path: string) => adminGet(ctx, suite.admin, path);

  /** Logs totals and rollup stats of one range, and their agreement. */
  const both = async (range: string) => {
    const [logs, days, models] = await Promise.all([
      get(`/usage-logs?${range}`),
      get(`/usage-logs/stats?groupBy=day&${range}`),
      get(`/usage-logs/stats?groupBy=model&${range}`),
    ]);
    for (const res of [logs, days, models]) expect(res.status).toBe(200);
    const { totals } = logs.body.meta;
    for (const { points } of [days.body.data, models.body.data]) {
      expect(points.reduce((n: number, p: any) => n + Number(p.calls), 0)).toBe(totals.calls);
      expect(sum(points.map((p: any) => p.cost))).toBe(totals.cost);
      expect(sum(points.map((p: any) => p.charged))).toBe(totals.charged);
    }
    return { logs: logs.body.data.map((l: any) => l.requestId), totals, points: days.body.data.points };
  };

  test("last 7 days as the admin sends it (6 days ago through today, plain dates): today's calls are in the chart", async () => {
    const r = await both(`from=${utcDay(Date.now() - 6 * DAY)}&to=${today}`);
    expect(r.totals).toMatchObject({ calls: 2, cost: '0.058', charged: '0.058' });
    expect(r.points).toEqual([{ key: today, calls: '2', tokens: '2000', cost: '0.058', charged: '0.058' }]);
  });

  test('a range of instants ending now includes today too', async () => {
    const now = Date.now() + 1000;
    const r = await both(`from=${new Date(now - 7 * DAY).toISOString()}&to=${new Date(now).toISOString()}`);
    expect(r.points).toEqual([{ key: today, calls: '2', tokens: '2000', cost: '0.058', charged: '0.058' }]);
    expect(r.totals.calls).toBe(2);
  });

  test('a custom range of dates includes its last day, up to its last instant', async () => {
    const r = await both('from=2025-03-01&to=2025-03-02');
    expect(r.logs).toEqual(['rng-last', 'rng-first']);
    expect(r.totals).toMatchObject({ calls: 2, cost: '0.12', charged: '0.12' });
    expect(r.points).toEqual([
      { key: '2025-03-01', calls: '1', tokens: '0', cost: '0.04', charged: '0.04' },
      { key: '2025-03-02', calls: '1', tokens: '0', cost: '0.08', charged: '0.08' },
    ]);
    // A one-day range.
    expect((await both('from=2025-03-03&to=2025-03-03')).logs).toEqual(['rng-after']);
  });

  test('a date-time `to` is exclusive (midnight UTC ends the day before)', async () => {
    const r = await both('from=2025-03-01T00:00:00.000Z&to=2025-03-02T00:00:00.000Z');
    expect(r.logs).toEqual(['rng-first']);
    expect(r.points.map((p: any) => p.key)).toEqual(['2025-03-01']);
  });

  test("the user's usage trend: today's calls, and both days of a range of dates", async () => {
    const usage = (range: string) => contentGet(ctx, viewer, `/accounts/rng-a/usage?${range}`);
    const now = await usage(`from=${today}&to=${today}`);
    expect(now.status).toBe(200);
    expect(now.body.data.points).toEqual([{ key: today, calls: '2', tokens: '2000', cost: '0.058', charged: '0.058' }]);
    expect(now.body.data.logs.map((l: any) => l.requestId)).toEqual(['rng-t2', 'rng-t1']);
    const march = await usage('from=2025-03-01&to=2025-03-02&granularity=month');
    expect(march.body.data.points).toEqual([{ key: '2025-03', calls: '2', tokens: '0', cost: '0.12', charged: '0.12' }]);
    expect(march.body.data.logs.map((l: any) => l.requestId)).toEqual(['rng-last', 'rng-first']);
  });

  test.each(['to=2025-02-30', 'from=2025-13-01', 'to=yesterday'])('%s → 400 naming the bound', async (query) => {
    const res = await get(`/usage-logs/stats?${query}`);
    expect(res.status).toBe(400);
    expect(errorFields(res)).toEqual([query.split('=')[0]]);
  });
});
