// Helpers for the metering / accounts / logs integration suites: HTTP shortcuts, exact reads of the
// billing tables (64-bit columns read as TEXT, never through a JS number) and the ledger invariant.
import type { Server } from 'http';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  nanosToString,
  validateRateRequest,
  type Bill,
  type BillLine,
  type ModelPrice,
  type ServiceMultiplier,
  type ToolPrice,
  type ToolUse,
  type ValidatedUsageReport,
} from '../../server/src/rating';
import type { ReportOptions } from '../../server/src/services/metering';
import type { SettingsPatch } from '../../server/src/services/settings';
import { adminToken, apiToken } from './auth';
import { setupBilling } from './fixtures';
import { service } from './services';

export { service };

export const GATEWAY_ACTIONS = ['gateway.authorize', 'gateway.usage', 'gateway.quote', 'gateway.releaseHold', 'gateway.extendHold', 'gateway.registerModels'];

/** What the HTTP helpers need of a test context: the booted instance's HTTP server. */
export interface HasServer {
  server: Server;
}

/**
 * A request body: any JSON value, invalid ones included (the tests send what a client could send).
 * supertest types its argument `string | object`.
 */
export type RequestBody = unknown;
const asSendable = (body: RequestBody) => body as string | object;

/** POST /api/usage-billing<path> with an API token. */
export const gatewayPost = (ctx: HasServer, token: string, path: string, body: RequestBody) =>
  request(ctx.server).post(`/api/usage-billing${path}`).set('Authorization', `Bearer ${token}`).send(asSendable(body));

/** GET /api/usage-billing<path> with an API token or a users-permissions JWT (none when token is falsy). */
export const contentGet = (ctx: HasServer, token: string | null | undefined, path: string) => {
  const req = request(ctx.server).get(`/api/usage-billing${path}`);
  return token ? req.set('Authorization', `Bearer ${token}`) : req;
};

/** Admin routes: /usage-billing<path> with an admin JWT. */
export const adminGet = (ctx: HasServer, jwt: string, path: string) =>
  request(ctx.server).get(`/usage-billing${path}`).set('Authorization', `Bearer ${jwt}`);
export const adminPost = (ctx: HasServer, jwt: string, path: string, body: RequestBody) =>
  request(ctx.server).post(`/usage-billing${path}`).set('Authorization', `Bearer ${jwt}`).send(asSendable(body));
export const adminPut = (ctx: HasServer, jwt: string, path: string, body: RequestBody) =>
  request(ctx.server).put(`/usage-billing${path}`).set('Authorization', `Bearer ${jwt}`).send(asSendable(body));

const knexOf = (strapi: Core.Strapi): Knex => strapi.db.connection;

/** Row counts of every table a metering call can write. */
export async function tableCounts(strapi: Core.Strapi) {
  const knex = knexOf(strapi);
  const count = async (table: string) => Number(((await knex(table).count({ c: '*' }).first()) as { c: number | string }).c);
  return {
    logs: await count('ub_usage_logs'),
    ledger: await count('ub_ledger_entries'),
    accounts: await count('ub_accounts'),
    holds: await count('ub_holds'),
    rollups: await count('ub_usage_rollups'),
  };
}

/** Cached balance of an account as an exact decimal string, or null when the account does not exist. */
export async function balanceOf(strapi: Core.Strapi, userId: string): Promise<string | null> {
  const knex = knexOf(strapi);
  const row: { b: string } | undefined = await knex('ub_accounts').select(knex.raw('CAST(balance AS TEXT) AS b')).where({ user_id: userId }).first();
  return row ? nanosToString(String(row.b)) : null;
}

/** Sum of an account's ledger entries as an exact decimal string. */
export async function ledgerSumOf(strapi: Core.Strapi, userId: string): Promise<string> {
  const knex = knexOf(strapi);
  const row: { s: string } = await knex('ub_ledger_entries')
    .select(knex.raw('CAST(COALESCE(SUM(amount), 0) AS TEXT) AS s'))
    .where({ user_id: userId })
    .first();
  return nanosToString(String(row.s));
}

/** A ledger entry with its amounts as decimal strings. */
export interface LedgerRow {
  user_id: string;
  kind: string;
  reference: string | null;
  actor: string | null;
  note: string | null;
  amount: string;
  balance_after: string;
}

/** Ledger rows (amounts as decimal strings), oldest first. */
export async function ledgerRows(strapi: Core.Strapi, where: Record<string, string>): Promise<LedgerRow[]> {
  const knex = knexOf(strapi);
  const rows: LedgerRow[] = await knex('ub_ledger_entries')
    .select('user_id', 'kind', 'reference', 'actor', 'note', knex.raw('CAST(amount AS TEXT) AS amount'), knex.raw('CAST(balance_after AS TEXT) AS balance_after'))
    .where(where)
    .orderBy('id');
  return rows.map((r) => ({ ...r, amount: nanosToString(String(r.amount)), balance_after: nanosToString(String(r.balance_after)) }));
}

/** A usage log's snapshot column: the prices the call was rated with, their version, and the bill. */
export interface LogSnapshot {
  version: number | null;
  price: ModelPrice | null;
  tools: ToolPrice[];
  multipliers: ServiceMultiplier[];
  bill: Bill;
}

/**
 * A usage log row: the table's other columns as the driver returns them, money as decimal strings and
 * the JSON columns parsed.
 */
export type LogRow = Record<string, unknown> & {
  cost: string;
  charged: string;
  lines: BillLine[];
  snapshot: LogSnapshot;
  flags: string[];
  tools: ToolUse[];
};

/** Parses a JSON column: PostgreSQL (jsonb) returns it parsed, SQLite as text. */
const fromJsonColumn = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** The usage log row of a request (money as decimal strings, JSON parsed), or undefined. */
export async function logRow(strapi: Core.Strapi, requestId: string): Promise<LogRow | undefined> {
  const knex = knexOf(strapi);
  const row: Record<string, unknown> | undefined = await knex('ub_usage_logs')
    .select('*', knex.raw('CAST(cost AS TEXT) AS cost_text'), knex.raw('CAST(charged AS TEXT) AS charged_text'))
    .where({ request_id: requestId })
    .first();
  if (!row) return undefined;
  return {
    ...row,
    cost: nanosToString(String(row.cost_text)),
    charged: nanosToString(String(row.charged_text)),
    lines: fromJsonColumn<BillLine[]>(row.lines),
    snapshot: fromJsonColumn<LogSnapshot>(row.snapshot),
    flags: fromJsonColumn<string[]>(row.flags),
    tools: fromJsonColumn<ToolUse[]>(row.tools),
  };
}

/** A hold row, its amount in nanos as text. */
export interface HoldRowText {
  hold_id: string;
  user_id: string;
  request_id: string | null;
  status: string;
  /** A Date on PostgreSQL, epoch milliseconds on SQLite. */
  expires_at: Date | number | string;
  amount: string;
}

/** The hold with this id; throws when there is none. */
export async function holdRow(strapi: Core.Strapi, holdId: string): Promise<HoldRowText> {
  const knex = knexOf(strapi);
  const row: HoldRowText | undefined = await knex('ub_holds')
    .select('hold_id', 'user_id', 'request_id', 'status', 'expires_at', knex.raw('CAST(amount AS TEXT) AS amount'))
    .where({ hold_id: holdId })
    .first();
  if (!row) throw new Error(`no hold ${holdId}`);
  return row;
}

/**
 * The ledger invariant: for every account, the cached balance equals the sum of its ledger entries
 * (compared as exact integers of nanos), and reconcile() reports no mismatch.
 */
export async function expectLedgerConsistent(strapi: Core.Strapi): Promise<void> {
  const knex = knexOf(strapi);
  const accounts: { user_id: string; b: string }[] = await knex('ub_accounts').select('user_id', knex.raw('CAST(balance AS TEXT) AS b'));
  const sums: { user_id: string; s: string }[] = await knex('ub_ledger_entries').select('user_id', knex.raw('CAST(SUM(amount) AS TEXT) AS s')).groupBy('user_id');
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
export const fund = (strapi: Core.Strapi, userId: string, amount: string) =>
  service(strapi, 'ledger').adjust({ userId, amount, reason: 'test funding', actor: 'test' });

export const setSettings = (strapi: Core.Strapi, patch: SettingsPatch) => service(strapi, 'settings').update(patch);

/** A /usage body after validation, defaults applied: what the metering service takes. */
export function validatedReport(body: unknown): ValidatedUsageReport {
  const result = validateRateRequest(body, { requireIds: true });
  if (!result.ok) throw new Error(`invalid report in test: ${JSON.stringify(result.errors)}`);
  return result.request;
}

/** Records a call through the service (bypassing HTTP), optionally at a given time. */
export const reportVia = (strapi: Core.Strapi, body: unknown, options: ReportOptions = {}) =>
  service(strapi, 'metering').report(validatedReport(body), options);

/** What POST /api/auth/local/register answers. */
export interface RegisteredUser {
  jwt: string;
  user: { id: number; username: string; email: string };
}

let userCounter = 0;
/** Registers a users-permissions user; returns { jwt, user }. */
export async function registerUser(ctx: HasServer, prefix = 'member'): Promise<RegisteredUser> {
  userCounter += 1;
  const name = `${prefix}${userCounter}x${process.pid}`;
  const res = await request(ctx.server)
    .post('/api/auth/local/register')
    .send({ username: name, email: `${name}@example.com`, password: 'Member-Pass-1234' });
  if (res.status !== 200) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The suite of gatewaySuite(): read `token` / `admin` inside tests (they are set by its beforeAll). */
export interface GatewaySuite {
  token: string;
  admin: string;
  /** A gateway route (`/authorize`, `/usage`…) called with the suite's token. */
  post: (path: string, body: RequestBody) => request.Test;
}

/**
 * The usual suite setup: billing (usage mode by default) with the example prices, a gateway token and
 * an admin JWT, and the ledger invariant checked after every test. Read `suite.token` / `suite.admin`
 * inside tests; `suite.post(path, body)` calls a gateway route with the token.
 */
export function gatewaySuite(ctx: HasServer & { strapi: Core.Strapi }, settings: SettingsPatch = { mode: 'usage', prepaidAmount: '0.1' }): GatewaySuite {
  const suite: GatewaySuite = { token: '', admin: '', post: (path, body) => gatewayPost(ctx, suite.token, path, body) };
  beforeAll(async () => {
    await setupBilling(ctx.strapi, settings);
    suite.token = await apiToken(ctx.strapi, GATEWAY_ACTIONS);
    suite.admin = await adminToken(ctx.strapi);
  });
  afterEach(async () => expectLedgerConsistent(ctx.strapi));
  return suite;
}
