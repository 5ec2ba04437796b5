import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { nanosToString, toNanos } from '../rating';
import { ConflictError, IdempotencyConflictError, InsufficientFundsError } from '../errors';
import { TABLES, columnTypesPg, rowMeta, toDate, type Trx } from './db';
import type { AuthorizeOutcome } from './funding/types';
import type { LockedAccount } from './ledger';
import { logEntry, usageResult, type PreparedReport, type UsageResult } from './report-parts';
import { rollupDelta, usageLogRow } from './usage-logs/record';

// The gateway's two calls on PostgreSQL in usage mode, in as few statements as the guarantees allow. Node
// spends ~0.4 ms of CPU per statement here (query building, protocol, the socket write), and a pair used to
// cost 16 of them: each statement saved is throughput. The general paths (metering.ts, funding/usage.ts)
// stay for SQLite, the other modes, and the cases these do not cover.

/** SQL (with `?` placeholders) and its bindings, built up in textual order. */
class Sql {
  text = '';
  bindings: unknown[] = [];
  add(text: string, ...bindings: unknown[]): this {
    this.text += text;
    this.bindings.push(...bindings);
    return this;
  }
}

/**
 * `INSERT INTO table (columns) SELECT <typed values> FROM <from>`: each value a placeholder cast to its
 * column's type (a SELECT list gives parameters no type of its own), except the columns of `computed`, whose
 * SQL is written as given (it may read the FROM relations, and add its own bindings).
 */
async function insertSelect(
  db: Trx,
  sql: Sql,
  table: string,
  row: Record<string, unknown>,
  from: string,
  computed: Record<string, { text: string; bindings?: unknown[] }> = {},
) {
  const types = await columnTypesPg(db, table);
  const columns = Object.keys(row);
  sql.add(`INSERT INTO ${table} (${columns.join(', ')}) SELECT `);
  columns.forEach((column, i) => {
    if (i) sql.add(', ');
    const own = computed[column];
    if (own) sql.add(own.text, ...(own.bindings ?? []));
    else sql.add(`CAST(? AS ${types.get(column)})`, row[column] ?? null);
  });
  sql.add(` FROM ${from}`);
}

/** nanos (bigint column) → the decimal string nanosToString() writes: `0.946`, `-0.5`, `1000`, `0`. */
const decimalOfNanos = (column: string) => `trim_scale(${column}::numeric / 1000000000)::text`;

/**
 * POST /usage in ONE autocommit statement (PostgreSQL, usage mode, a priced bill above 0): a chain of
 * data-modifying CTEs, each reading the one before so that they run in /usage's lock order — settle the hold,
 * take the amount from the balance (the account row lock), append the ledger entry with the balance after
 * it, insert the log (its stored answer completed with that balance), add to the daily rollup. One statement
 * is atomic: a unique key hit (a duplicate or a conflicting requestId) writes nothing, and the caller answers
 * it from what is stored. Returns null, having written nothing, when the account does not exist yet.
 */
export async function reportInOneStatement(db: Knex, prepared: PreparedReport, occurredAt: Date): Promise<UsageResult | null> {
  const { request } = prepared;
  const amount = toNanos(prepared.bill.total);
  const now = new Date();
  // The answer, its balance filled in from the statement's result (and, on the stored log, by SQL).
  const answer = usageResult(prepared, { charged: amount, balance: '' }, false);
  const entry = logEntry(prepared, answer, amount, occurredAt);
  const delta = rollupDelta(entry);

  const sql = new Sql();
  sql.add(`WITH settled AS (UPDATE ${TABLES.holds} SET status = 'settled', closed_at = ?, updated_at = ?`, now, now);
  sql.add(` WHERE user_id = ? AND status IN ('open', 'expired') AND (request_id = ?`, request.userId, request.requestId);
  if (request.holdId) sql.add(' OR hold_id = ?', request.holdId);
  // Nothing at all is written for an account that does not exist yet (the caller creates it and comes back).
  sql.add(`) AND EXISTS (SELECT 1 FROM ${TABLES.accounts} WHERE user_id = ?) RETURNING 1),`, request.userId);
  sql.add(` account AS (UPDATE ${TABLES.accounts} SET balance = balance - CAST(? AS bigint), updated_at = ?`, amount.toString(), now);
  sql.add(` WHERE user_id = ? AND (SELECT count(*) FROM settled) >= 0 RETURNING balance),`, request.userId);
  sql.add(' ledger AS (');
  await insertSelect(
    db,
    sql,
    TABLES.ledger,
    { ...rowMeta(now), user_id: request.userId, kind: 'usage', amount: (-amount).toString(), balance_after: null, reference: request.requestId, actor: 'gateway', note: null },
    'account',
    { balance_after: { text: 'account.balance' } },
  );
  sql.add(' RETURNING 1), log AS (');
  await insertSelect(db, sql, TABLES.logs, usageLogRow(entry, now), '(SELECT count(*) FROM ledger) AS after_ledger, account', {
    response: { text: `CAST(? AS jsonb) || jsonb_build_object('balance', ${decimalOfNanos('account.balance')})`, bindings: [JSON.stringify(answer)] },
  });
  sql.add(' RETURNING 1), rollup AS (');
  await insertSelect(
    db,
    sql,
    TABLES.rollups,
    { ...rowMeta(now), day: delta.day, user_id: delta.userId, model: delta.model, calls: delta.calls, tokens: delta.tokens, cost: delta.cost.toString(), charged: delta.charged.toString() },
    '(SELECT count(*) FROM log) AS after_log, account',
  );
  sql.add(
    ` ON CONFLICT (day, user_id, model) DO UPDATE SET calls = ${TABLES.rollups}.calls + EXCLUDED.calls, tokens = ${TABLES.rollups}.tokens + EXCLUDED.tokens,` +
      ` cost = ${TABLES.rollups}.cost + EXCLUDED.cost, charged = ${TABLES.rollups}.charged + EXCLUDED.charged, updated_at = EXCLUDED.updated_at RETURNING 1)`,
  );
  sql.add(' SELECT CAST(balance AS TEXT) AS balance, (SELECT count(*) FROM rollup) AS rollups FROM account');

  const result = await db.raw(sql.text, sql.bindings);
  if (!result.rows.length) return null;
  return { ...answer, balance: nanosToString(result.rows[0].balance) };
}

/**
 * The body of POST /authorize (PostgreSQL, usage mode, a model that is not free), the account row already
 * locked by the caller's transaction: the hold this requestId already has, what the account has held, and
 * the new hold inserted when the available amount covers the prepaid one — in ONE statement instead of three.
 * It runs after the lock, so it sees every hold committed before the lock was granted (a statement's
 * snapshot is taken when it starts: the check cannot be folded into the locking statement itself).
 */
export async function authorizeInOneStatement(
  trx: Trx,
  { account, model, requestId, prepaid, ttlSeconds }: { account: LockedAccount; model: string; requestId?: string; prepaid: bigint; ttlSeconds: number },
): Promise<AuthorizeOutcome & { status?: string }> {
  const now = new Date();
  const holdId = `hold_${crypto.randomBytes(12).toString('hex')}`;
  const sql = new Sql();
  sql.add('WITH ');
  if (requestId) {
    sql.add(`existing AS (SELECT hold_id, user_id, CAST(amount AS TEXT) AS amount, status, expires_at FROM ${TABLES.holds} WHERE request_id = ?), `, requestId);
  }
  sql.add(`held AS (SELECT COALESCE(SUM(amount), 0) AS total FROM ${TABLES.holds} WHERE user_id = ? AND status = 'open' AND expires_at > ?), `, account.userId, now);
  sql.add('inserted AS (');
  await insertSelect(
    trx,
    sql,
    TABLES.holds,
    { ...rowMeta(now), hold_id: holdId, user_id: account.userId, request_id: requestId ?? null, model, amount: prepaid.toString(), status: 'open', expires_at: new Date(now.getTime() + ttlSeconds * 1000) },
    'held',
  );
  sql.add(' WHERE CAST(? AS bigint) - held.total >= CAST(? AS bigint)', account.balance.toString(), prepaid.toString());
  if (requestId) sql.add(' AND NOT EXISTS (SELECT 1 FROM existing)');
  sql.add(' RETURNING hold_id) SELECT CAST(held.total AS TEXT) AS held, (SELECT hold_id FROM inserted) AS inserted');
  sql.add(requestId ? ', e.hold_id, e.user_id, e.amount, e.status, e.expires_at FROM held LEFT JOIN existing e ON true' : ' FROM held');

  const [row] = (await trx.raw(sql.text, sql.bindings)).rows;
  if (row.hold_id) {
    // A repeated authorize for the same request gets the same hold back (see metering.authorize()).
    if (row.user_id !== account.userId) throw new IdempotencyConflictError(requestId!);
    const status: string = row.status;
    if (status !== 'open' || toDate(row.expires_at)! <= new Date()) {
      const shown = status === 'open' ? 'expired' : status;
      throw new ConflictError(`The hold for requestId "${requestId}" was ${shown}; authorize with a new requestId`, { requestId, holdId: row.hold_id, status: shown });
    }
    return { allowed: true, mode: 'usage', holdId: row.hold_id, held: nanosToString(row.amount), status };
  }
  const available = account.balance - BigInt(row.held);
  if (!row.inserted) throw new InsufficientFundsError({ required: nanosToString(prepaid), available: nanosToString(available) });
  return { allowed: true, mode: 'usage', holdId, held: nanosToString(prepaid), available: nanosToString(available - prepaid) };
}
