'use strict';
// Metering throughput on PostgreSQL: authorize+usage pairs over real HTTP (a real API token) against a
// Strapi instance in its own process, with 64 concurrent clients, over (a) 1,000 accounts and (b) one hot
// account; (c) usage reports sent in batches of 100 over 1,000 accounts (POST /usage/batch). In the same
// run, a baseline: the same SQL work (lock account, update balance, insert log, insert ledger entry) issued
// directly with `pg` at the same concurrency and pool size, one transaction per call. Figures are printed
// with the ratio plugin/baseline, and after every section the money is checked to the nano: balances =
// ledger = seeded − charged, in the plugin's database and in the baseline's.
const net = require('node:net');
const { Pool } = require('pg');
const { createPgDatabase, dropPgDatabase } = require('../tests/helpers/boot');
const { spawnServer } = require('../tests/helpers/server-process');

const CONCURRENCY = 64;
const POOL_MAX = Number(process.env.BENCH_POOL || 10);
const DURATION_MS = Number(process.env.BENCH_SECONDS || 8) * 1000;
const ACCOUNTS = 1000;
const PRICE = '0.001';
const PRICE_NANOS = 1000000n;
const SEEDED_NANOS = 1000000000000n;
const BATCH_SIZE = 100;
// Batches are what a gateway sends every so often, not per call: fewer senders, each with 100 reports.
const BATCH_CONCURRENCY = Number(process.env.BENCH_BATCH_CLIENTS || 8);

const freePort = () =>
  new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

// Each comparison alternates its workloads in ROUNDS slices (plugin, baseline, plugin, baseline…) instead of
// running one for DURATION_MS and then the other: other processes on a shared 2-core machine come and go,
// and alternating makes a change of background load hit both sides of a ratio alike.
const ROUNDS = Number(process.env.BENCH_ROUNDS || 4);

/** Runs `op()` from `clients` workers for `ms`; returns the raw latencies (ms), errors and elapsed seconds. */
async function run(op, clients, ms) {
  const latencies = [];
  const deadline = Date.now() + ms;
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const t0 = process.hrtime.bigint();
        try {
          await op();
        } catch (error) {
          errors++;
          if (errors < 3) console.error(error.message);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return { latencies, errors, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/**
 * Measures `workloads` ({ name: { op, clients } }) in alternation, DURATION_MS each in all; returns
 * { name: { ops, errors, perSecond, p50, p99 } } (latencies in ms).
 */
async function interleaved(workloads) {
  const raw = Object.fromEntries(Object.keys(workloads).map((name) => [name, { latencies: [], errors: 0, seconds: 0 }]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, { op, clients }] of Object.entries(workloads)) {
      const r = await run(op, clients, DURATION_MS / ROUNDS);
      raw[name].latencies.push(...r.latencies);
      raw[name].errors += r.errors;
      raw[name].seconds += r.seconds;
    }
  }
  return Object.fromEntries(
    Object.entries(raw).map(([name, r]) => {
      const sorted = r.latencies.sort((a, b) => a - b);
      return [name, { ops: sorted.length, errors: r.errors, perSecond: sorted.length / r.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
    }),
  );
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

/** authorize + usage over HTTP, 64 clients; `userIdFor(n)` picks the account of the n-th pair. */
function pluginPairs(server, userIdFor, label) {
  let n = 0;
  return {
    clients: CONCURRENCY,
    op: async () => {
      const i = n++;
      const userId = userIdFor(i);
      const requestId = `${label}-${process.pid}-${i}`;
      const auth = await postJson(`${server.url}/api/usage-billing/authorize`, { userId, model: 'bench-call', requestId }, server.token);
      await postJson(
        `${server.url}/api/usage-billing/usage`,
        { requestId, userId, model: 'bench-call', holdId: auth.holdId, usage: { calls: 1 } },
        server.token,
      );
    },
  };
}

/** Per-call /usage reports without authorize (what a gateway reporting after the fact sends one by one). */
function pluginReports(server, label) {
  let n = 0;
  return {
    clients: CONCURRENCY,
    op: async () => {
      const i = n++;
      await postJson(`${server.url}/api/usage-billing/usage`, { requestId: `${label}-${process.pid}-${i}`, userId: `u-${i % ACCOUNTS}`, model: 'bench-call', usage: { calls: 1 } }, server.token);
    },
  };
}

/**
 * POST /usage/batch with BATCH_SIZE reports each, every batch over BATCH_SIZE different accounts of the
 * 1,000, from BATCH_CONCURRENCY senders. Each report must come back 201 (a new call, charged once).
 */
function pluginBatches(server, label) {
  let n = 0;
  return {
    clients: BATCH_CONCURRENCY,
    op: async () => {
      const i = n++;
      const reports = Array.from({ length: BATCH_SIZE }, (_, j) => ({
        requestId: `${label}-${process.pid}-${i}-${j}`,
        userId: `u-${(i * BATCH_SIZE + j) % ACCOUNTS}`,
        model: 'bench-call',
        usage: { calls: 1 },
      }));
      const items = await postJson(`${server.url}/api/usage-billing/usage/batch`, { reports }, server.token);
      const bad = items.find((item) => item.status !== 201);
      if (bad) throw new Error(`batch item ${bad.requestId} → ${bad.status} ${JSON.stringify(bad.error)}`);
    },
  };
}

/**
 * Exact to the nano, in both databases: the balances equal the ledger (plugin) and the seeded money minus
 * what the logs say was charged; every log charged exactly the price of one call.
 */
async function moneyCheck(knex, pool) {
  const { rows: [p] } = await knex.raw(`
    SELECT (SELECT CAST(SUM(balance) AS TEXT) FROM ub_accounts) AS balances,
           (SELECT CAST(SUM(amount) AS TEXT) FROM ub_ledger_entries) AS ledger,
           (SELECT CAST(COALESCE(SUM(charged), 0) AS TEXT) FROM ub_usage_logs) AS charged,
           (SELECT CAST(COUNT(*) AS TEXT) FROM ub_usage_logs) AS logs`);
  const { rows: [b] } = await pool.query(`
    SELECT (SELECT CAST(SUM(balance) AS TEXT) FROM bench_accounts) AS balances,
           (SELECT CAST(COALESCE(SUM(amount), 0) AS TEXT) FROM bench_ledger) AS ledger,
           (SELECT CAST(COALESCE(SUM(cost), 0) AS TEXT) FROM bench_logs) AS charged,
           (SELECT CAST(COUNT(*) AS TEXT) FROM bench_logs) AS logs`);
  const seeded = BigInt(ACCOUNTS + 1) * SEEDED_NANOS;
  const plugin = BigInt(p.balances) === BigInt(p.ledger) && BigInt(p.balances) === seeded - BigInt(p.charged) && BigInt(p.charged) === BigInt(p.logs) * PRICE_NANOS;
  const baseline = BigInt(b.balances) === seeded + BigInt(b.ledger) && BigInt(b.balances) === seeded - BigInt(b.charged) && BigInt(b.charged) === BigInt(b.logs) * PRICE_NANOS;
  return { exact: plugin && baseline, line: `money check: plugin ${p.logs} calls, balances = ledger = seeded − charged: ${plugin}; baseline ${b.logs} calls: ${baseline}` };
}

/**
 * The same authorize + report through the plugin's services in-process (no HTTP, no token check), to
 * tell the plugin's own cost from the cost of Strapi's request pipeline.
 */
function servicePairs(strapi, userIdFor, label) {
  const { validateRateRequest } = require('../dist/rating');
  const metering = strapi.plugin('usage-billing').service('metering');
  let n = 0;
  return {
    clients: CONCURRENCY,
    op: async () => {
      const i = n++;
      const userId = userIdFor(i);
      const requestId = `${label}-${process.pid}-${i}`;
      const auth = await metering.authorize({ userId, model: 'bench-call', requestId });
      const report = validateRateRequest({ requestId, userId, model: 'bench-call', holdId: auth.holdId, usage: { calls: 1 } }, { requireIds: true });
      await metering.report(report.request);
    },
  };
}

/**
 * What a pair costs before any billing work: two requests through Strapi that touch no database. `health`
 * is Strapi's own GET /_health (its middleware stack alone); `refused` is POST /authorize with an empty body,
 * which crosses the whole content-API pipeline — the plugin's token check from memory, the route, the
 * validation — and is answered 400 before any query. Their pairs/s bound what any plugin on this Strapi,
 * machine and load generator can reach, so the ratio left for the billing work is measured, not guessed.
 */
function floorPairs(server, kind) {
  const once = async () => {
    const res =
      kind === 'health'
        ? await fetch(`${server.url}/_health`)
        : await fetch(`${server.url}/api/usage-billing/authorize`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
            body: '{}',
          });
    await res.arrayBuffer();
    const expected = kind === 'health' ? 204 : 400;
    if (res.status !== expected) throw new Error(`${kind} floor → ${res.status}, expected ${expected}`);
  };
  return { clients: CONCURRENCY, op: async () => { await once(); await once(); } };
}

/** The baseline: one pg transaction per call (lock the account, update its balance, insert log and ledger entry). */
function baselineCalls(pool, accountFor, label) {
  let n = 0;
  return {
    clients: CONCURRENCY,
    op: async () => {
      const i = n++;
      const client = await pool.connect();
      try {
        const id = accountFor(i);
        await client.query('BEGIN');
        const { rows } = await client.query('SELECT balance FROM bench_accounts WHERE id = $1 FOR UPDATE', [id]);
        const after = BigInt(rows[0].balance) - PRICE_NANOS;
        await client.query('UPDATE bench_accounts SET balance = $2 WHERE id = $1', [id, after.toString()]);
        await client.query('INSERT INTO bench_logs (account_id, request_id, cost) VALUES ($1, $2, $3)', [id, `${label}-${i}`, PRICE_NANOS.toString()]);
        await client.query('INSERT INTO bench_ledger (account_id, amount, balance_after) VALUES ($1, $2, $3)', [id, (-PRICE_NANOS).toString(), after.toString()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
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
    server = await spawnServer({ port: await freePort(), dbEnv, tokenActions: ['gateway.authorize', 'gateway.usage', 'gateway.usageBatch'] });
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

    const knexOf = seeder.db.connection;
    const fmt = (r) => `${r.perSecond.toFixed(0).padStart(6)} ops/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  (${r.ops} ops, ${r.errors} errors)`;
    const ratio = (a, b) => (a / b).toFixed(2);
    const checks = [];
    const check = async () => {
      const c = await moneyCheck(knexOf, pool);
      checks.push(c.exact);
      console.log(`    ${c.line}`);
    };
    console.log(`\n== Metering on PostgreSQL (${CONCURRENCY} concurrent clients, pool ${POOL_MAX}, ${DURATION_MS / 1000}s each, in ${ROUNDS} alternating slices)`);
    console.log('   pair = plugin: POST /authorize + POST /usage over HTTP with an API token; baseline: one pg transaction per call (lock, update, insert log, insert ledger)');
    const spread = (i) => `u-${i % ACCOUNTS}`;
    const a = await interleaved({ plugin: pluginPairs(server, spread, 'spread'), baseline: baselineCalls(pool, (i) => i % ACCOUNTS, 'spread') });
    console.log(`(a) ${ACCOUNTS} accounts   plugin   ${fmt(a.plugin)}`);
    console.log(`                     baseline ${fmt(a.baseline)}`);
    console.log(`                     ratio plugin/baseline ${ratio(a.plugin.perSecond, a.baseline.perSecond)}`);
    await check();

    const b = await interleaved({ plugin: pluginPairs(server, () => `u-${ACCOUNTS}`, 'hot'), baseline: baselineCalls(pool, () => ACCOUNTS, 'hot') });
    console.log(`(b) one hot account  plugin   ${fmt(b.plugin)}`);
    console.log(`                     baseline ${fmt(b.baseline)}`);
    console.log(`                     ratio plugin/baseline ${ratio(b.plugin.perSecond, b.baseline.perSecond)}`);
    await check();

    const c = await interleaved({
      batch: pluginBatches(server, 'batch'),
      baseline: baselineCalls(pool, (i) => i % ACCOUNTS, 'percall'),
      single: pluginReports(server, 'single'),
    });
    const reportsPerSecond = c.batch.perSecond * BATCH_SIZE;
    console.log(`(c) usage reports over ${ACCOUNTS} accounts: POST /usage/batch of ${BATCH_SIZE}, ${BATCH_CONCURRENCY} senders`);
    console.log(`                     batches  ${fmt(c.batch)}`);
    console.log(`                     = ${reportsPerSecond.toFixed(0)} reports/s`);
    console.log(`                     baseline ${fmt(c.baseline)}  (one transaction per call)`);
    console.log(`                     ratio batch reports/s / baseline calls/s ${ratio(reportsPerSecond, c.baseline.perSecond)}`);
    console.log(`    plugin POST /usage, one report per call: ${fmt(c.single)}`);
    console.log(`                     ratio batch / per-call /usage ${ratio(reportsPerSecond, c.single.perSecond)}`);
    await check();

    const d = await interleaved({ services: servicePairs(seeder, spread, 'svc'), baseline: baselineCalls(pool, (i) => i % ACCOUNTS, 'svc') });
    console.log(`    (a) through the plugin's services in-process (no HTTP, no token check; the load generator shares the process)`);
    console.log(`                     services ${fmt(d.services)}`);
    console.log(`                     baseline ${fmt(d.baseline)}`);
    console.log(`                     ratio services/baseline ${ratio(d.services.perSecond, d.baseline.perSecond)}`);
    await check();

    const e = await interleaved({
      health: floorPairs(server, 'health'),
      refused: floorPairs(server, 'refused'),
      plugin: pluginPairs(server, spread, 'floor'),
      baseline: baselineCalls(pool, (i) => i % ACCOUNTS, 'floor'),
    });
    console.log('(e) the floor: pairs of requests through Strapi that touch no database, against the same baseline');
    console.log(`    GET /_health ×2          ${fmt(e.health)}   ratio ${ratio(e.health.perSecond, e.baseline.perSecond)}`);
    console.log(`    POST /authorize {} ×2    ${fmt(e.refused)}   ratio ${ratio(e.refused.perSecond, e.baseline.perSecond)}  (token, route, validation → 400)`);
    console.log(`    plugin pairs (a)         ${fmt(e.plugin)}   ratio ${ratio(e.plugin.perSecond, e.baseline.perSecond)}`);
    console.log(`                     baseline ${fmt(e.baseline)}`);
    console.log(`    the billing work's share of a pair: 1 − plugin/refused pairs/s = ${(1 - e.plugin.perSecond / e.refused.perSecond).toFixed(2)}`);
    await check();
    await seeder.destroy();
    return { a, b, c, d, e, exact: checks.every(Boolean) };
  } finally {
    if (pool) await pool.end();
    if (server) await server.stop();
    await dropPgDatabase(pluginDb.name);
    await dropPgDatabase(baselineDb.name);
  }
}

module.exports = { benchMetering };
