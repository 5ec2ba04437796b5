'use strict';
// Metering throughput on PostgreSQL: authorize+usage pairs over real HTTP against a Strapi instance in
// its own process, with 64 concurrent clients, over (a) 1,000 accounts and (b) one hot account. In the
// same run, a baseline: the same SQL work (lock account, update balance, insert log, insert ledger
// entry) issued directly with `pg` at the same concurrency and pool size. Figures are printed with the
// ratio plugin/baseline, and every run checks that no cent was lost or invented.
const net = require('node:net');
const { Pool } = require('pg');
const { createPgDatabase, dropPgDatabase } = require('../tests/helpers/boot');
const { spawnServer } = require('../tests/helpers/server-process');

const CONCURRENCY = 64;
const POOL_MAX = Number(process.env.BENCH_POOL || 10);
const DURATION_MS = Number(process.env.BENCH_SECONDS || 8) * 1000;
const ACCOUNTS = 1000;
const PRICE = '0.001';

const freePort = () =>
  new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Runs `op(i)` from CONCURRENCY workers for DURATION_MS; returns ops/s and latency percentiles (ms). */
async function load(op) {
  const latencies = [];
  const deadline = Date.now() + DURATION_MS;
  let counter = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        const i = counter++;
        const t0 = process.hrtime.bigint();
        try {
          await op(i);
        } catch (error) {
          errors++;
          if (errors < 3) console.error(error.message);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { ops: latencies.length, errors, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function postJson(url, body, token) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${url} → ${res.status} ${JSON.stringify(json.error)}`);
  return json.data;
}

async function pluginScenario(server, userIdFor, label) {
  let n = 0;
  return load(async (i) => {
    const userId = userIdFor(i);
    const requestId = `${label}-${process.pid}-${i}-${n++}`;
    const auth = await postJson(`${server.url}/api/usage-billing/authorize`, { userId, model: 'bench-call', requestId }, server.token);
    await postJson(
      `${server.url}/api/usage-billing/usage`,
      { requestId, userId, model: 'bench-call', holdId: auth.holdId, usage: { calls: 1 } },
      server.token,
    );
  });
}

/**
 * The same authorize + report through the plugin's services in-process (no HTTP, no token check), to
 * tell the plugin's own cost from the cost of Strapi's request pipeline.
 */
async function serviceScenario(strapi, userIdFor, label) {
  const { validateRateRequest } = require('../dist/rating');
  const metering = strapi.plugin('usage-billing').service('metering');
  let n = 0;
  return load(async (i) => {
    const userId = userIdFor(i);
    const requestId = `${label}-${process.pid}-${i}-${n++}`;
    const auth = await metering.authorize({ userId, model: 'bench-call', requestId });
    const report = validateRateRequest({ requestId, userId, model: 'bench-call', holdId: auth.holdId, usage: { calls: 1 } }, { requireIds: true });
    await metering.report(report.request);
  });
}

async function baselineScenario(pool, accountFor, label) {
  return load(async (i) => {
    const client = await pool.connect();
    try {
      const id = accountFor(i);
      await client.query('BEGIN');
      const { rows } = await client.query('SELECT balance FROM bench_accounts WHERE id = $1 FOR UPDATE', [id]);
      const after = BigInt(rows[0].balance) - 1000000n;
      await client.query('UPDATE bench_accounts SET balance = $2 WHERE id = $1', [id, after.toString()]);
      await client.query('INSERT INTO bench_logs (account_id, request_id, cost) VALUES ($1, $2, $3)', [id, `${label}-${i}`, '1000000']);
      await client.query('INSERT INTO bench_ledger (account_id, amount, balance_after) VALUES ($1, $2, $3)', [id, '-1000000', after.toString()]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  });
}

async function setupBaseline(url) {
  const pool = new Pool({ connectionString: url, max: POOL_MAX });
  await pool.query(`
    CREATE TABLE bench_accounts (id int PRIMARY KEY, balance bigint NOT NULL);
    CREATE TABLE bench_logs (id bigserial PRIMARY KEY, account_id int NOT NULL, request_id varchar(191) UNIQUE NOT NULL, cost bigint NOT NULL);
    CREATE TABLE bench_ledger (id bigserial PRIMARY KEY, account_id int NOT NULL, amount bigint NOT NULL, balance_after bigint NOT NULL);
    INSERT INTO bench_accounts SELECT g, 1000000000000 FROM generate_series(0, ${ACCOUNTS}) g;`);
  return pool;
}

async function benchMetering() {
  const pluginDb = await createPgDatabase('ub_bench');
  const baselineDb = await createPgDatabase('ub_bench_base');
  const dbEnv = { DATABASE_CLIENT: 'postgres', DATABASE_URL: pluginDb.url, DATABASE_POOL_MAX: String(POOL_MAX), STRAPI_LOG_LEVEL: 'error' };
  let server;
  let pool;
  try {
    server = await spawnServer({ port: await freePort(), dbEnv, tokenActions: ['gateway.authorize', 'gateway.usage'] });
    // Seed through the admin-independent services of a short-lived in-process instance.
    const { startStrapi } = require('../tests/helpers/boot');
    const seeder = await startStrapi({ dbEnv });
    const plugin = seeder.plugin('usage-billing');
    await plugin.service('settings').update({ mode: 'usage', prepaidAmount: PRICE });
    const { validatePricingFile } = require('../dist/rating');
    await plugin.service('pricingFile').importFile(
      validatePricingFile({ version: 1, currency: 'USD', models: [{ model: 'bench-call', mode: 'per_call', perCall: PRICE }] }).file,
      { dryRun: false, allowUnknown: true },
    );
    const knex = seeder.db.connection;
    const now = new Date();
    const rows = Array.from({ length: ACCOUNTS + 1 }, (_, i) => ({
      document_id: `benchacct${String(i).padStart(15, '0')}`, user_id: `u-${i}`, balance: '1000000000000', status: 'active',
      created_at: now, updated_at: now, published_at: now,
    }));
    await knex.batchInsert('ub_accounts', rows, 500);
    // Keep the ledger invariant for the seeded balances.
    await knex.batchInsert('ub_ledger_entries', rows.map((r) => ({
      document_id: r.document_id.replace('acct', 'ledg'), user_id: r.user_id, kind: 'adjustment', amount: r.balance, balance_after: r.balance,
      actor: 'bench', created_at: now, updated_at: now, published_at: now,
    })), 500);
    pool = await setupBaseline(baselineDb.url);

    const results = {};
    results.pluginSpread = await pluginScenario(server, (i) => `u-${i % ACCOUNTS}`, 'spread');
    results.baselineSpread = await baselineScenario(pool, (i) => i % ACCOUNTS, 'spread');
    results.pluginHot = await pluginScenario(server, () => `u-${ACCOUNTS}`, 'hot');
    results.baselineHot = await baselineScenario(pool, () => ACCOUNTS, 'hot');
    results.servicesSpread = await serviceScenario(seeder, (i) => `u-${i % ACCOUNTS}`, 'svc');

    const { rows: [check] } = await seeder.db.connection.raw(`
      SELECT (SELECT CAST(SUM(balance) AS TEXT) FROM ub_accounts) AS balances,
             (SELECT CAST(SUM(amount) AS TEXT) FROM ub_ledger_entries) AS ledger,
             (SELECT CAST(SUM(charged) AS TEXT) FROM ub_usage_logs) AS charged,
             (SELECT COUNT(*) FROM ub_usage_logs) AS logs`);
    const seeded = BigInt(ACCOUNTS + 1) * 1000000000000n;
    const exact = BigInt(check.balances) === BigInt(check.ledger) && seeded - BigInt(check.charged) === BigInt(check.balances);
    const expectedCharged = BigInt(check.logs) * 1000000n;
    await seeder.destroy();

    const fmt = (r) => `${r.perSecond.toFixed(0).padStart(6)} ops/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  (${r.ops} ops, ${r.errors} errors)`;
    console.log(`\n== Metering on PostgreSQL (${CONCURRENCY} concurrent clients, pool ${POOL_MAX}, ${DURATION_MS / 1000}s each)`);
    console.log('   one op = plugin: POST /authorize + POST /usage over HTTP; baseline: one pg transaction (lock, update, insert log, insert ledger)');
    console.log(`(a) ${ACCOUNTS} accounts   plugin   ${fmt(results.pluginSpread)}`);
    console.log(`                     baseline ${fmt(results.baselineSpread)}`);
    console.log(`                     ratio plugin/baseline ${(results.pluginSpread.perSecond / results.baselineSpread.perSecond).toFixed(2)}`);
    console.log(`    same, plugin services in-process (no HTTP, no token check)`);
    console.log(`                     services ${fmt(results.servicesSpread)}`);
    console.log(`                     ratio services/baseline ${(results.servicesSpread.perSecond / results.baselineSpread.perSecond).toFixed(2)}`);
    console.log(`(b) one hot account  plugin   ${fmt(results.pluginHot)}`);
    console.log(`                     baseline ${fmt(results.baselineHot)}`);
    console.log(`                     ratio plugin/baseline ${(results.pluginHot.perSecond / results.baselineHot.perSecond).toFixed(2)}`);
    console.log(`money check: balances = ledger sum: ${BigInt(check.balances) === BigInt(check.ledger)}; seeded − charged = balances: ${exact}; charged = logs × price: ${BigInt(check.charged) === expectedCharged}`);
    return { ...results, exact: exact && BigInt(check.charged) === expectedCharged };
  } finally {
    if (pool) await pool.end();
    if (server) await server.stop();
    await dropPgDatabase(pluginDb.name);
    await dropPgDatabase(baselineDb.name);
  }
}

module.exports = { benchMetering };
