'use strict';
// Helpers for the metering / accounts / logs integration suites: HTTP shortcuts, exact reads of the
// billing tables (64-bit columns read as TEXT, never through a JS number) and the ledger invariant.
const request = require('supertest');
const { adminToken, apiToken } = require('./auth');
const { setupBilling } = require('./fixtures');

/** The compiled rating module (validateRateRequest, nanosToString, toNanos…): Strapi loads dist too. */
const rating = () => require('../../dist/rating');

const GATEWAY_ACTIONS = ['gateway.authorize', 'gateway.usage', 'gateway.quote', 'gateway.releaseHold', 'gateway.registerModels'];

const service = (strapi, name) => strapi.plugin('usage-billing').service(name);

/** POST /api/usage-billing<path> with an API token. */
const gatewayPost = (ctx, token, path, body) =>
  request(ctx.server).post(`/api/usage-billing${path}`).set('Authorization', `Bearer ${token}`).send(body);

/** GET /api/usage-billing<path> with an API token or a users-permissions JWT (none when token is falsy). */
const contentGet = (ctx, token, path) => {
  const req = request(ctx.server).get(`/api/usage-billing${path}`);
  return token ? req.set('Authorization', `Bearer ${token}`) : req;
};

/** Admin routes: /usage-billing<path> with an admin JWT. */
const adminGet = (ctx, jwt, path) => request(ctx.server).get(`/usage-billing${path}`).set('Authorization', `Bearer ${jwt}`);
const adminPost = (ctx, jwt, path, body) =>
  request(ctx.server).post(`/usage-billing${path}`).set('Authorization', `Bearer ${jwt}`).send(body);
const adminPut = (ctx, jwt, path, body) =>
  request(ctx.server).put(`/usage-billing${path}`).set('Authorization', `Bearer ${jwt}`).send(body);

const knexOf = (strapi) => strapi.db.connection;

/** Row counts of every table a metering call can write. */
async function tableCounts(strapi) {
  const knex = knexOf(strapi);
  const count = async (table) => Number((await knex(table).count({ c: '*' }).first()).c);
  return {
    logs: await count('ub_usage_logs'),
    ledger: await count('ub_ledger_entries'),
    accounts: await count('ub_accounts'),
    holds: await count('ub_holds'),
    rollups: await count('ub_usage_rollups'),
  };
}

/** Cached balance of an account as an exact decimal string, or null when the account does not exist. */
async function balanceOf(strapi, userId) {
  const knex = knexOf(strapi);
  const row = await knex('ub_accounts').select(knex.raw('CAST(balance AS TEXT) AS b')).where({ user_id: userId }).first();
  return row ? rating().nanosToString(String(row.b)) : null;
}

/** Sum of an account's ledger entries as an exact decimal string. */
async function ledgerSumOf(strapi, userId) {
  const knex = knexOf(strapi);
  const row = await knex('ub_ledger_entries')
    .select(knex.raw('CAST(COALESCE(SUM(amount), 0) AS TEXT) AS s'))
    .where({ user_id: userId })
    .first();
  return rating().nanosToString(String(row.s));
}

/** Ledger rows (amounts as decimal strings), oldest first. */
async function ledgerRows(strapi, where) {
  const knex = knexOf(strapi);
  const rows = await knex('ub_ledger_entries')
    .select('user_id', 'kind', 'reference', 'actor', 'note', knex.raw('CAST(amount AS TEXT) AS amount'), knex.raw('CAST(balance_after AS TEXT) AS balance_after'))
    .where(where)
    .orderBy('id');
  return rows.map((r) => ({ ...r, amount: rating().nanosToString(String(r.amount)), balance_after: rating().nanosToString(String(r.balance_after)) }));
}

/** The usage log row of a request (money as decimal strings, JSON parsed), or undefined. */
async function logRow(strapi, requestId) {
  const knex = knexOf(strapi);
  const row = await knex('ub_usage_logs')
    .select('*', knex.raw('CAST(cost AS TEXT) AS cost_text'), knex.raw('CAST(charged AS TEXT) AS charged_text'))
    .where({ request_id: requestId })
    .first();
  if (!row) return undefined;
  const json = (v) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    ...row,
    cost: rating().nanosToString(String(row.cost_text)),
    charged: rating().nanosToString(String(row.charged_text)),
    lines: json(row.lines),
    snapshot: json(row.snapshot),
    flags: json(row.flags),
    tools: json(row.tools),
  };
}

async function holdRow(strapi, holdId) {
  const knex = knexOf(strapi);
  return knex('ub_holds').select('hold_id', 'user_id', 'request_id', 'status', 'expires_at', knex.raw('CAST(amount AS TEXT) AS amount')).where({ hold_id: holdId }).first();
}

/**
 * The ledger invariant: for every account, the cached balance equals the sum of its ledger entries
 * (compared as exact integers of nanos), and reconcile() reports no mismatch.
 */
async function expectLedgerConsistent(strapi) {
  const knex = knexOf(strapi);
  const accounts = await knex('ub_accounts').select('user_id', knex.raw('CAST(balance AS TEXT) AS b'));
  const sums = await knex('ub_ledger_entries').select('user_id', knex.raw('CAST(SUM(amount) AS TEXT) AS s')).groupBy('user_id');
  const sumByUser = new Map(sums.map((r) => [r.user_id, BigInt(String(r.s))]));
  const mismatches = accounts
    .filter((a) => BigInt(String(a.b)) !== (sumByUser.get(a.user_id) ?? 0n))
    .map((a) => ({ userId: a.user_id, balance: String(a.b), ledger: String(sumByUser.get(a.user_id) ?? 0n) }));
  expect(mismatches).toEqual([]);
  // Every ledger entry belongs to an account.
  const known = new Set(accounts.map((a) => a.user_id));
  expect([...sumByUser.keys()].filter((u) => !known.has(u))).toEqual([]);
  const reconcile = await service(strapi, 'ledger').reconcile();
  expect(reconcile.mismatches).toEqual([]);
  expect(reconcile.accounts).toBe(accounts.length);
}

/** Credits (or debits) an account through the ledger service, as an admin would. */
const fund = (strapi, userId, amount) => service(strapi, 'ledger').adjust({ userId, amount, reason: 'test funding', actor: 'test' });

const setSettings = (strapi, patch) => service(strapi, 'settings').update(patch);

/** A /usage body after validation, defaults applied: what the metering service takes. */
function validatedReport(body) {
  const result = rating().validateRateRequest(body, { requireIds: true });
  if (!result.ok) throw new Error(`invalid report in test: ${JSON.stringify(result.errors)}`);
  return result.request;
}

/** Records a call through the service (bypassing HTTP), optionally at a given time. */
const reportVia = (strapi, body, options = {}) => service(strapi, 'metering').report(validatedReport(body), options);

let userCounter = 0;
/** Registers a users-permissions user; returns { jwt, user }. */
async function registerUser(ctx, prefix = 'member') {
  userCounter += 1;
  const name = `${prefix}${userCounter}x${process.pid}`;
  const res = await request(ctx.server)
    .post('/api/auth/local/register')
    .send({ username: name, email: `${name}@example.com`, password: 'Member-Pass-1234' });
  if (res.status !== 200) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * The usual suite setup: billing (usage mode by default) with the example prices, a gateway token and
 * an admin JWT, and the ledger invariant checked after every test. Read `suite.token` / `suite.admin`
 * inside tests; `suite.post(path, body)` calls a gateway route with the token.
 */
function gatewaySuite(ctx, settings = { mode: 'usage', prepaidAmount: '0.1' }) {
  const suite = { token: '', admin: '', post: (path, body) => gatewayPost(ctx, suite.token, path, body) };
  beforeAll(async () => {
    await setupBilling(ctx.strapi, settings);
    suite.token = await apiToken(ctx.strapi, GATEWAY_ACTIONS);
    suite.admin = await adminToken(ctx.strapi);
  });
  afterEach(async () => expectLedgerConsistent(ctx.strapi));
  return suite;
}

module.exports = {
  gatewaySuite,
  GATEWAY_ACTIONS,
  rating,
  service,
  gatewayPost,
  contentGet,
  adminGet,
  adminPost,
  adminPut,
  tableCounts,
  balanceOf,
  ledgerSumOf,
  ledgerRows,
  logRow,
  holdRow,
  expectLedgerConsistent,
  fund,
  setSettings,
  validatedReport,
  reportVia,
  registerUser,
};
