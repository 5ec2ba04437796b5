'use strict';
// Admin reads at scale on PostgreSQL: BENCH_LOGS usage logs (default 1,000,000; the issue's target is
// 10,000,000) are loaded with one SQL statement (their daily rollups with a second), then the Billing
// pages' queries are timed over HTTP with an admin JWT: the log list (first page, the deepest numbered page,
// the oldest page by keyset cursor, filtered by user, by status), the charts' stats, an account's page, and the
// CSV export (rows/s). The baseline in the same run is the raw database: the same first page and a
// COUNT(*) over all logs issued directly with `pg`. Read the ratios; machines here are noisy.
const { Pool } = require('pg');
const request = require('supertest');
const { createPgDatabase, dropPgDatabase, startStrapi } = require('../tests/helpers/boot');

const LOGS = Number(process.env.BENCH_LOGS || 1_000_000);
const USERS = 1000;
const MODELS = ['gpt-bench-a', 'gpt-bench-b', 'claude-bench', 'gemini-bench', 'free-bench'];
const DAYS = 90;
const REPEAT = 3;

/** Loads `LOGS` logs spread over USERS users, MODELS models and the last DAYS days, and their rollups. */
async function loadLogs(knex) {
  const started = Date.now();
  const models = `(ARRAY[${MODELS.map((m) => `'${m}'`).join(',')}])[1 + (g % ${MODELS.length})]`;
  await knex.raw(`
    INSERT INTO ub_usage_logs (document_id, request_id, request_hash, user_id, model, pricing_mode, billing_mode,
      input_tokens, output_tokens, calls, cost, charged, currency, status, occurred_at, created_at, updated_at, published_at)
    SELECT 'bl' || lpad(g::text, 22, '0'), 'bench-' || g, 'h', 'u-' || (g % ${USERS}), ${models}, 'token', 'usage',
      100 + g % 900, 10 + g % 90, 1, (1000 + g % 100000)::bigint, (1000 + g % 100000)::bigint, 'USD',
      CASE WHEN g % 50 = 0 THEN 'error' ELSE 'success' END,
      now() - make_interval(secs => (g::double precision / ${LOGS}) * ${DAYS} * 86400), now(), now(), now()
    FROM generate_series(1, ${LOGS}) g`);
  await knex.raw(`
    INSERT INTO ub_usage_rollups (document_id, day, user_id, model, calls, tokens, cost, charged, created_at, updated_at, published_at)
    SELECT 'br' || lpad((row_number() OVER ())::text, 22, '0'), day, user_id, model, calls, tokens, cost, charged, now(), now(), now()
    FROM (SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, user_id, model, COUNT(*) AS calls,
            SUM(input_tokens + output_tokens) AS tokens, SUM(cost) AS cost, SUM(charged) AS charged
          FROM ub_usage_logs GROUP BY 1, 2, 3) r`);
  await knex.raw(`
    INSERT INTO ub_accounts (document_id, user_id, balance, status, created_at, updated_at, published_at)
    SELECT 'ba' || lpad(g::text, 22, '0'), 'u-' || g, 0, 'active', now(), now(), now() FROM generate_series(0, ${USERS - 1}) g`);
  await knex.raw('ANALYZE ub_usage_logs');
  await knex.raw('ANALYZE ub_usage_rollups');
  return (Date.now() - started) / 1000;
}

async function adminJwt(strapi) {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const email = `bench-${process.pid}@example.com`;
  const password = 'Bench-Admin-1234';
  await strapi.service('admin::user').create({ email, firstname: 'Bench', lastname: 'Admin', password, isActive: true, registrationToken: null, roles: [role.id] });
  const res = await request(strapi.server.httpServer).post('/admin/login').send({ email, password });
  return res.body.data.token;
}

/** Median of REPEAT timings of `fn` (ms), and its last result. */
async function timed(fn) {
  const times = [];
  let result;
  for (let i = 0; i < REPEAT; i += 1) {
    const t0 = process.hrtime.bigint();
    result = await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

async function benchAdminReads() {
  const db = await createPgDatabase('ub_bench_reads');
  const dbEnv = { DATABASE_CLIENT: 'postgres', DATABASE_URL: db.url, STRAPI_LOG_LEVEL: 'error' };
  let strapi;
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    strapi = await startStrapi({ dbEnv });
    const loadSeconds = await loadLogs(strapi.db.connection);
    const jwt = await adminJwt(strapi);
    const server = strapi.server.httpServer;
    const get = (path) => async () => {
      const res = await request(server).get(`/usage-billing${path}`).set('Authorization', `Bearer ${jwt}`);
      if (res.status !== 200) throw new Error(`${path} → ${res.status} ${JSON.stringify(res.body.error ?? res.text).slice(0, 300)}`);
      return res;
    };

    const rows = [];
    const measure = async (label, fn, check) => {
      const { ms, result } = await timed(fn);
      if (check) check(result);
      rows.push({ label, ms });
    };
    const today = new Date().toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
    const ninetyAgo = new Date(Date.now() - 90 * 86400000).toISOString().slice(0, 10);
    let firstPage;
    await measure('logs: first page (totals, count)', get('/usage-logs?pageSize=25'), (res) => {
      firstPage = res.body;
      if (res.body.meta.pagination.total !== LOGS) throw new Error(`total ${res.body.meta.pagination.total} ≠ ${LOGS}`);
    });
    await measure('logs: whole days (90), first page', get(`/usage-logs?pageSize=25&from=${ninetyAgo}&to=${today}`));
    await measure('logs: page 400 (offset 10,000)', get('/usage-logs?pageSize=25&page=400'));
    await measure('logs: last 30 days, first page', get(`/usage-logs?pageSize=25&from=${monthAgo}&to=${today}`));
    await measure('logs: one user, first page', get('/usage-logs?pageSize=25&userId=u-7'));
    await measure('logs: status=error, first page', get('/usage-logs?pageSize=25&status=error'));
    // The oldest page, read by keyset: a cursor at the 26th oldest log (the list's cursors are opaque to
    // clients; the bench builds one the way the server does, `<occurredAt ISO>|<id>` in base64url).
    const { rows: [deep] } = await pool.query('SELECT occurred_at, id FROM ub_usage_logs ORDER BY occurred_at ASC, id ASC OFFSET 25 LIMIT 1');
    const deepCursor = Buffer.from(`${deep.occurred_at.toISOString()}|${deep.id}`).toString('base64url');
    await measure('logs: oldest page (keyset cursor)', get(`/usage-logs?pageSize=25&cursor=${deepCursor}`), (res) => {
      if (res.body.data.length !== 25 || res.body.meta.cursor.next === null) throw new Error('the oldest page by cursor is not full');
    });
    await measure('logs: next page by cursor from page 1', get(`/usage-logs?pageSize=25&cursor=${firstPage.meta.cursor.next}`));
    await measure('stats: calls per day, 90 days', get('/usage-logs/stats?groupBy=day'));
    await measure('stats: top models', get('/usage-logs/stats?groupBy=model'));
    await measure('accounts: first page', get('/accounts?pageSize=25'));
    await measure('account detail', get('/accounts/u-7'));

    // The raw database doing the first page's work, for the ratio: one ordered page, and one COUNT(*).
    const { ms: rawPage } = await timed(() => pool.query('SELECT * FROM ub_usage_logs ORDER BY occurred_at DESC, id DESC LIMIT 25'));
    const { ms: rawCount } = await timed(() => pool.query('SELECT COUNT(*) FROM ub_usage_logs'));

    // CSV export: stream the first 200,000 rows of the whole export and count them.
    const exportRows = Math.min(LOGS, 200_000);
    const t0 = Date.now();
    const streamed = await new Promise((resolve, reject) => {
      let lines = 0;
      const req = request(server)
        .get('/usage-billing/usage-logs/export')
        .set('Authorization', `Bearer ${jwt}`)
        .buffer(false)
        .parse((res, done) => {
          res.on('data', (chunk) => {
            for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) lines += 1;
            if (lines >= exportRows) res.destroy();
          });
          res.on('close', () => done(null, lines));
          res.on('end', () => done(null, lines));
          res.on('error', () => done(null, lines));
        });
      req.end((error) => (error && lines < exportRows ? reject(error) : resolve(lines)));
    });
    const exportSeconds = (Date.now() - t0) / 1000;

    console.log(`\n== Admin reads on PostgreSQL with ${LOGS.toLocaleString('en')} usage logs (${USERS} users, ${MODELS.length} models, ${DAYS} days; loaded in ${loadSeconds.toFixed(0)} s; median of ${REPEAT})`);
    for (const { label, ms } of rows) console.log(`   ${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms   ${(ms / rawPage).toFixed(1).padStart(7)} × raw page`);
    console.log(`   baseline (pg): ordered first page ${rawPage.toFixed(1)} ms; COUNT(*) over all logs ${rawCount.toFixed(0)} ms`);
    console.log(`   CSV export: ${streamed.toLocaleString('en')} rows in ${exportSeconds.toFixed(1)} s = ${(streamed / exportSeconds).toFixed(0)} rows/s`);
    const slowest = Math.max(...rows.map((r) => r.ms));
    console.log(`   slowest page ${slowest.toFixed(0)} ms (target < 1,000 ms at 10,000,000 logs)`);
    return { rows, rawPage, rawCount, exportRowsPerSecond: streamed / exportSeconds };
  } finally {
    await pool.end();
    if (strapi) await strapi.destroy();
    await dropPgDatabase(db.name);
  }
}

module.exports = { benchAdminReads };

if (require.main === module) {
  benchAdminReads().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
