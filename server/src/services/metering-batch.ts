import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { nanosToString, toNanos } from '../rating';
import { PLUGIN_ID } from '../../../contracts/plugin';
import { BillingError, IdempotencyConflictError } from '../errors';
import { getService } from '../utils/get-service';
import { parseUsageReport } from '../validation/gateway';
import { TABLES, asText, fromJson, insertRowsPg, isUniqueViolation, onPostgres, rowMeta, withTransaction, type Trx } from './db';
import { logEntry, usageResult, type PreparedReport, type UsageResult } from './report-parts';
import { addToRollups, rollupDelta, usageLogRow, type RollupDelta } from './usage-logs/record';

/** A failed item, in the shape of Strapi's `error` member (what POST /usage would have answered). */
export interface BatchItemError {
  status: number;
  name: string;
  message: string;
  details: Record<string, unknown>;
}

/** One report's outcome, at the report's position in the batch. */
export interface BatchItemResult {
  /** The report's requestId, or null when it had none (a 400). */
  requestId: string | null;
  /** What POST /usage would have answered: 201 recorded, 200 replay, 409 conflict, 400 invalid, 500. */
  status: number;
  data?: UsageResult;
  error?: BatchItemError;
}

export interface BatchOptions {
  /** Test-only fault injection: these requestIds throw after their charge, before their log is written. */
  failAfterChargeFor?: string[];
}

interface Item {
  index: number;
  prepared: PreparedReport;
}

// Rollup rows per upsert (7 parameters each; PostgreSQL allows 65,535 a statement).
const INSERT_CHUNK = 500;
// requestIds per `IN (…)` of the replay check (SQLite's parameter limit is the tighter one).
const LOOKUP_CHUNK = 500;
// A per-account transaction that lost a deadlock (40P01) or a serialization race is run again this often
// before its reports fall back to one transaction each.
const GROUP_ATTEMPTS = 3;

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** PostgreSQL gave up on one of two transactions waiting on each other: safe to run it again. */
const isLockConflict = (error: unknown) => ['40P01', '40001'].includes((error as { code?: string })?.code ?? '');

/** An item's error as POST /usage answers it; an unexpected one is logged and answered as a 500. */
function itemError(strapi: Core.Strapi, error: unknown): BatchItemError {
  if (error instanceof BillingError) return { status: error.status, name: error.name, message: error.message, details: error.details ?? {} };
  if (error instanceof errors.ValidationError) return { status: 400, name: 'ValidationError', message: error.message, details: (error.details ?? {}) as Record<string, unknown> };
  strapi.log.error(`${PLUGIN_ID}: batch usage report failed: ${(error as Error)?.stack ?? error}`);
  return { status: 500, name: 'InternalServerError', message: 'Internal Server Error', details: {} };
}

const failed = (strapi: Core.Strapi, requestId: string | null, error: unknown): BatchItemResult => {
  const e = itemError(strapi, error);
  return { requestId, status: e.status, error: e };
};

/**
 * POST /usage/batch: every report gets exactly the answer POST /usage would give it, in request order, as if
 * the reports had been sent one after the other. How it is written:
 *
 * 1. Each report is validated and priced on its own (one read of the settings and one per model for the
 *    whole batch); an invalid one is its own 400 and the others go on.
 * 2. The first report of each requestId is checked against the stored logs in one query: a recorded one is
 *    answered 200 (identical) or 409 (another body) without any write, as /usage's own replay check does.
 * 3. The new ones are written. On PostgreSQL in usage mode, all of them in ONE transaction of a handful of
 *    set-based statements (see writeSetBased). Otherwise, or when that transaction meets a concurrent writer
 *    of the same requestId (unique key) or any other error, one transaction per account, each report in its
 *    own savepoint, so that a failing report rolls back alone (writeByAccount).
 * 4. A requestId seen again later in the same batch is then handled like a retry of the first: each such
 *    report goes through /usage's own path, in request order (200 replay, 409 conflict, or 201 when the
 *    first one was not recorded).
 */
export async function reportBatch(strapi: Core.Strapi, bodies: unknown[], options: BatchOptions = {}): Promise<BatchItemResult[]> {
  const failing = new Set(options.failAfterChargeFor ?? []);
  const metering = getService('metering');
  const results: BatchItemResult[] = new Array(bodies.length);
  const context = await metering.prepareContext();
  const firsts: Item[] = [];
  const repeats: Item[] = [];
  const seen = new Set<string>();

  for (let index = 0; index < bodies.length; index += 1) {
    const body = bodies[index] as { requestId?: unknown } | null;
    const requestId = body && typeof body === 'object' && typeof body.requestId === 'string' ? body.requestId : null;
    try {
      const prepared = await metering.prepare(parseUsageReport(body, 'A report must be a JSON object'), context);
      (seen.has(prepared.request.requestId) ? repeats : firsts).push({ index, prepared });
      seen.add(prepared.request.requestId);
    } catch (error) {
      results[index] = failed(strapi, requestId, error);
    }
  }

  const fresh = await answerRecorded(strapi, firsts, results);
  if (fresh.length) {
    const written = onPostgres(strapi.db.connection) && context.settings.mode === 'usage' ? await writeSetBased(strapi, fresh, failing) : null;
    if (written) fresh.forEach((item, i) => (results[item.index] = { requestId: item.prepared.request.requestId, status: 201, data: written[i] }));
    else await writeByAccount(strapi, fresh, results, failing);
  }

  for (const item of repeats) {
    try {
      const { replayed, result } = await metering.reportPrepared(item.prepared);
      results[item.index] = { requestId: item.prepared.request.requestId, status: replayed ? 200 : 201, data: result };
    } catch (error) {
      results[item.index] = failed(strapi, item.prepared.request.requestId, error);
    }
  }
  return results;
}

/**
 * Answers the items already recorded (200 replay or 409 conflict, read in one query per 500) and returns
 * the others, still to be written.
 */
async function answerRecorded(strapi: Core.Strapi, items: Item[], results: BatchItemResult[]): Promise<Item[]> {
  const metering = getService('metering');
  const db = strapi.db.connection;
  const stored = new Map<string, { request_hash: string; response: unknown }>();
  for (const ids of chunks(items.map((item) => item.prepared.request.requestId), LOOKUP_CHUNK)) {
    const rows = await db(TABLES.logs).select('request_id', 'request_hash', 'response').whereIn('request_id', ids);
    for (const row of rows) stored.set(row.request_id, row);
  }
  const fresh: Item[] = [];
  for (const item of items) {
    const { requestId } = item.prepared.request;
    const row = stored.get(requestId);
    if (!row) fresh.push(item);
    else if (metering.matchesStored(item.prepared, row.request_hash)) results[item.index] = { requestId, status: 200, data: fromJson<UsageResult>(row.response)! };
    else results[item.index] = failed(strapi, requestId, new IdempotencyConflictError(requestId));
  }
  return fresh;
}

/**
 * Models without a price are added to the catalog before anything else is locked, in name order: /usage adds
 * its model before it touches the hold or the account, and taking locks in one order everywhere is what keeps
 * concurrent writers from deadlocking. Returns, per model, whether the catalog was full (flag catalog_full).
 */
async function registerUnpriced(trx: Trx, items: Item[]): Promise<Map<string, boolean>> {
  const models = [...new Set(items.filter((item) => !item.prepared.book.price).map((item) => item.prepared.request.model))].sort();
  const full = new Map<string, boolean>();
  for (const model of models) full.set(model, !(await getService('catalog').registerReported(trx, model)));
  return full;
}

/**
 * The SQL condition selecting the open or expired holds the items settle: by (user, requestId) or (user,
 * holdId), as holds.settle() matches one report's. The user_id list lets PostgreSQL use the (user_id,
 * status) index.
 */
const holdMatch = (items: Item[]): { sql: string; bindings: string[] } => {
  const users = [...new Set(items.map((item) => item.prepared.request.userId))];
  const byRequest = items.map((item) => [item.prepared.request.userId, item.prepared.request.requestId]);
  const byHold = items.filter((item) => item.prepared.request.holdId).map((item) => [item.prepared.request.userId, item.prepared.request.holdId!]);
  const pairs = (list: string[][]) => list.map(() => '(?, ?)').join(', ');
  const sql = `user_id IN (${users.map(() => '?').join(', ')}) AND status IN ('open', 'expired') AND ((user_id, request_id) IN (VALUES ${pairs(byRequest)})${
    byHold.length ? ` OR (user_id, hold_id) IN (VALUES ${pairs(byHold)})` : ''
  })`;
  return { sql, bindings: [...users, ...byRequest.flat(), ...byHold.flat()] };
};

/**
 * The fast path (PostgreSQL, usage mode): every new report of the batch in one transaction, in the lock order
 * /usage uses — catalog, holds, accounts, then ledger, logs and rollups:
 *   1. the holds the reports settle, locked in id order and settled (one statement);
 *   2. the accounts, locked in user_id order (one SELECT … FOR UPDATE; accounts not seen before are created);
 *   3. balances computed here, report after report in request order (each ledger entry's balance-after);
 *   4. one UPDATE of all balances, then multi-row INSERTs of the ledger entries and the logs, and one upsert
 *      of the daily rollups (each row once, in key order).
 * Locks taken in id and key order never wait in a cycle with /usage (one hold, then one account) or with
 * another batch. A requestId recorded meanwhile by a concurrent /usage or batch hits a unique key: the whole
 * transaction rolls back and the caller falls back to writeByAccount, which answers it as a replay or a
 * conflict. Returns the answers in the order of `items`, or null when nothing was written.
 */
async function writeSetBased(strapi: Core.Strapi, items: Item[], failing: Set<string>): Promise<UsageResult[] | null> {
  try {
    return await strapi.db.connection.transaction((trx) => writeAll(trx, items, failing));
  } catch (error) {
    // Any failure, not only a unique key: the per-account path isolates a failing report in its savepoint.
    if (!isUniqueViolation(error) && !isLockConflict(error)) strapi.log.warn(`${PLUGIN_ID}: batch fast path failed, writing per account: ${(error as Error).message}`);
    return null;
  }
}

async function writeAll(trx: Trx, items: Item[], failing: Set<string>): Promise<UsageResult[]> {
  const now = new Date();
  const catalogFull = await registerUnpriced(trx, items);

  const holds = holdMatch(items);
  await trx.raw(
    `WITH targets AS (SELECT id FROM ${TABLES.holds} WHERE ${holds.sql} ORDER BY id FOR UPDATE)
     UPDATE ${TABLES.holds} SET status = 'settled', closed_at = ?, updated_at = ? FROM targets WHERE ${TABLES.holds}.id = targets.id`,
    [...holds.bindings, now, now],
  );

  const userIds = [...new Set(items.map((item) => item.prepared.request.userId))];
  const lock = async (ids: string[]) => {
    const rows = await trx(TABLES.accounts).select('user_id', asText(trx, 'balance')).whereIn('user_id', ids).orderBy('user_id').forUpdate();
    return new Map<string, bigint>(rows.map((r: any) => [r.user_id as string, BigInt(r.balance)]));
  };
  const balances = await lock(userIds);
  const missing = userIds.filter((userId) => !balances.has(userId)).sort();
  if (missing.length) {
    await trx(TABLES.accounts).insert(missing.map((userId) => ({ ...rowMeta(now), user_id: userId, balance: '0', status: 'active' }))).onConflict('user_id').ignore();
    for (const [userId, balance] of await lock(missing)) balances.set(userId, balance);
  }

  const deltas = new Map<string, bigint>();
  const ledgerRows: Record<string, unknown>[] = [];
  const answers: UsageResult[] = [];
  const logRows: Record<string, unknown>[] = [];
  const rollups = new Map<string, RollupDelta>();
  for (const { prepared } of items) {
    const { userId, requestId, model } = prepared.request;
    const amount = toNanos(prepared.bill.total);
    let balance = balances.get(userId)!;
    if (amount !== 0n) {
      // What ledger.post() writes for one charge: the entry and the balance after it.
      balance -= amount;
      balances.set(userId, balance);
      deltas.set(userId, (deltas.get(userId) ?? 0n) - amount);
      ledgerRows.push({
        ...rowMeta(now),
        user_id: userId,
        kind: 'usage',
        amount: (-amount).toString(),
        balance_after: balance.toString(),
        reference: requestId,
        actor: 'gateway',
        note: null,
      });
    }
    const answer = usageResult(prepared, { charged: amount, balance: nanosToString(balance) }, catalogFull.get(model) ?? false);
    answers.push(answer);
    const entry = logEntry(prepared, answer, amount, now);
    logRows.push(usageLogRow(entry, now));
    const delta = rollupDelta(entry);
    const key = `${delta.day}\u0000${delta.userId}\u0000${delta.model}`;
    const sum = rollups.get(key);
    if (!sum) rollups.set(key, delta);
    else rollups.set(key, { ...sum, calls: sum.calls + 1, tokens: sum.tokens + delta.tokens, cost: sum.cost + delta.cost, charged: sum.charged + delta.charged });
  }

  if (deltas.size) {
    const changed = [...deltas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    await trx.raw(
      `UPDATE ${TABLES.accounts} AS a SET balance = a.balance + v.delta, updated_at = ?
       FROM (VALUES ${changed.map(() => '(?, CAST(? AS bigint))').join(', ')}) AS v(user_id, delta) WHERE a.user_id = v.user_id`,
      [now, ...changed.flatMap(([userId, delta]) => [userId, delta.toString()])],
    );
  }
  if (items.some((item) => failing.has(item.prepared.request.requestId))) throw new Error(`${PLUGIN_ID}: injected failure after charge`);
  // Ledger entries before logs, as /usage writes them: a concurrent /usage of the same requestId then meets
  // our uncommitted row on the same unique key first, and waits instead of deadlocking.
  await insertRowsPg(trx, TABLES.ledger, ledgerRows);
  await insertRowsPg(trx, TABLES.logs, logRows);
  const sortedRollups = [...rollups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, delta]) => delta);
  for (const rows of chunks(sortedRollups, INSERT_CHUNK)) await addToRollups(trx, rows, now);
  return answers;
}

/**
 * The general path (SQLite, self and period modes, and the fallback of the fast path): one transaction per
 * account, accounts in user_id order, the account's reports in request order, each in a savepoint (a knex
 * nested transaction) so that one failing report rolls back alone and the others commit. Inside, a report
 * is exactly /usage's: the replay check, then writeReport(). A report whose requestId a concurrent writer
 * recorded meanwhile (unique key) is answered from what that writer stored.
 */
async function writeByAccount(strapi: Core.Strapi, items: Item[], results: BatchItemResult[], failing: Set<string>): Promise<void> {
  const metering = getService('metering');
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const userId = item.prepared.request.userId;
    if (!groups.has(userId)) groups.set(userId, []);
    groups.get(userId)!.push(item);
  }
  const ordered = [...groups.keys()].sort();

  for (const userId of ordered) {
    const group = groups.get(userId)!;
    const answers = new Map<number, BatchItemResult>();
    let done = false;
    for (let attempt = 1; attempt <= GROUP_ATTEMPTS && !done; attempt += 1) {
      answers.clear();
      try {
        await withTransaction(strapi, async (trx) => {
          // Lock order of /usage: catalog, then the holds, then (inside writeReport) the account.
          await registerUnpriced(trx, group);
          if (onPostgres(trx)) {
            const holds = holdMatch(group);
            await trx.raw(`SELECT id FROM ${TABLES.holds} WHERE ${holds.sql} ORDER BY id FOR UPDATE`, holds.bindings);
          }
          for (const item of group) answers.set(item.index, await writeInSavepoint(strapi, trx, item, failing.has(item.prepared.request.requestId)));
        });
        done = true;
      } catch (error) {
        if (!isLockConflict(error)) throw error;
      }
    }
    if (done) {
      for (const [index, answer] of answers) results[index] = answer;
      continue;
    }
    // Deadlocked every time: each report alone, in its own transaction, as /usage would.
    for (const item of group) {
      try {
        const { replayed, result } = await metering.reportPrepared(item.prepared);
        results[item.index] = { requestId: item.prepared.request.requestId, status: replayed ? 200 : 201, data: result };
      } catch (error) {
        results[item.index] = failed(strapi, item.prepared.request.requestId, error);
      }
    }
  }
}

async function writeInSavepoint(strapi: Core.Strapi, trx: Trx, item: Item, failAfterCharge: boolean): Promise<BatchItemResult> {
  const metering = getService('metering');
  const { requestId } = item.prepared.request;
  const once = async () => {
    const stored = await metering.storedResult(trx, item.prepared);
    if (stored) return { requestId, status: 200, data: stored };
    const data = await (trx as any).transaction((savepoint: Trx) => metering.writeReport(savepoint, item.prepared, { failAfterCharge }));
    return { requestId, status: 201, data };
  };
  try {
    try {
      return await once();
    } catch (error) {
      // Recorded by a concurrent writer since the check (its savepoint rolled back): replay or conflict.
      if (isUniqueViolation(error)) return await once();
      throw error;
    }
  } catch (error) {
    // A deadlock aborts the whole transaction: the caller runs the account's group again.
    if (isLockConflict(error)) throw error;
    return failed(strapi, requestId, error);
  }
}
