// The log list on a large table (PostgreSQL only: SQLite stays small and always sums exactly): a filter the
// rollups cannot answer gets exact totals while the sum is quick, and the planner's estimate (flagged
// `source: "estimate"`, sums null) when it would take longer than logTotalsTimeoutMs — the page itself still
// answers. Rollup-backed totals stay exact however large the table. Timings are measured by `npm run bench`.
import { bootForTests } from '../helpers/boot';
import { adminToken } from '../helpers/auth';
import { adminGet } from '../helpers/metering';

const ctx = bootForTests();
const LOGS = 200_000;
const onPostgres = process.env.TEST_DB === 'postgres';

(onPostgres ? describe : describe.skip)(`admin usage logs at scale (${process.env.TEST_DB})`, () => {
  let admin = '';
  const timeoutKey = 'plugin::usage-billing.logTotalsTimeoutMs';
  beforeAll(async () => {
    admin = await adminToken(ctx.strapi);
    const knex = ctx.strapi.db.connection;
    // One call in 50 failed; each log costs 1,000 nanos and used 3 tokens.
    await knex.raw(`
      INSERT INTO ub_usage_logs (document_id, request_id, request_hash, user_id, model, pricing_mode, billing_mode,
        input_tokens, output_tokens, calls, cost, charged, currency, status, occurred_at, created_at, updated_at, published_at)
      SELECT 'sc' || lpad(g::text, 22, '0'), 'scale-' || g, 'h', 'u-' || (g % 100), 'scale-model', 'token', 'usage',
        2, 1, 1, 1000, 1000, 'USD', CASE WHEN g % 50 = 0 THEN 'error' ELSE 'success' END,
        TIMESTAMPTZ '2025-03-01T00:00:00Z' + make_interval(secs => g), now(), now(), now()
      FROM generate_series(1, ${LOGS}) g`);
    await knex.raw(`
      INSERT INTO ub_usage_rollups (document_id, day, user_id, model, calls, tokens, cost, charged, created_at, updated_at, published_at)
      SELECT 'sr' || lpad((row_number() OVER ())::text, 22, '0'), day, user_id, model, calls, tokens, cost, charged, now(), now(), now()
      FROM (SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, user_id, model, COUNT(*) AS calls,
              SUM(input_tokens + output_tokens) AS tokens, SUM(cost) AS cost, SUM(charged) AS charged
            FROM ub_usage_logs WHERE request_id LIKE 'scale-%' GROUP BY 1, 2, 3) r`);
    await knex.raw('ANALYZE ub_usage_logs');
  });
  afterEach(() => ctx.strapi.config.set(timeoutKey, 400));

  test('totals of a whole-day filter come from the rollups, exact to the nano, however many logs', async () => {
    const res = await adminGet(ctx, admin, '/usage-logs?pageSize=5&model=scale-model');
    expect(res.status).toBe(200);
    expect(res.body.meta.totals).toEqual({ calls: LOGS, cost: '0.2', charged: '0.2', tokens: String(3 * LOGS), source: 'rollups' });
    expect(res.body.meta.pagination).toMatchObject({ total: LOGS, pageCount: LOGS / 5 });
    expect(res.body.data.map((l: any) => l.requestId)).toEqual([`scale-${LOGS}`, `scale-${LOGS - 1}`, `scale-${LOGS - 2}`, `scale-${LOGS - 3}`, `scale-${LOGS - 4}`]);
  });

  test('a filter only the logs can answer: exact while the sum is quick', async () => {
    const res = await adminGet(ctx, admin, '/usage-logs?pageSize=5&status=error');
    expect(res.body.meta.totals).toEqual({ calls: LOGS / 50, cost: '0.004', charged: '0.004', tokens: String((3 * LOGS) / 50), source: 'logs' });
  });

  test('…and the planner\'s estimate when summing would take longer than logTotalsTimeoutMs; the page still answers', async () => {
    ctx.strapi.config.set(timeoutKey, 1);
    const res = await adminGet(ctx, admin, '/usage-logs?pageSize=5&status=success');
    expect(res.status).toBe(200);
    expect(res.body.meta.totals).toMatchObject({ source: 'estimate', cost: null, charged: null, tokens: null });
    const exact = LOGS - LOGS / 50;
    // An estimate from the table's statistics: near the real count, not equal by construction.
    expect(res.body.meta.totals.calls).toBeGreaterThan(exact * 0.8);
    expect(res.body.meta.totals.calls).toBeLessThan(exact * 1.2);
    expect(res.body.data).toHaveLength(5);
    expect(res.body.data.every((l: any) => l.status === 'success')).toBe(true);
  });
});
