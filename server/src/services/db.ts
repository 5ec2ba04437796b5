import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';

/**
 * Raw data access for the billing tables. The hot path (authorize, usage, ledger) uses knex inside one
 * transaction with the account row locked, because Strapi's query layer neither locks rows nor reads
 * 64-bit integers exactly on SQLite. Rows written here carry the columns Strapi's own rows have
 * (document_id, timestamps) so the document service and the admin still read them normally.
 */
export const TABLES = {
  accounts: 'ub_accounts',
  ledger: 'ub_ledger_entries',
  holds: 'ub_holds',
  logs: 'ub_usage_logs',
  rollups: 'ub_usage_rollups',
  prices: 'ub_model_prices',
  priceVersions: 'ub_model_price_versions',
  models: 'ub_models',
  tools: 'ub_tool_prices',
  multipliers: 'ub_service_multipliers',
  plans: 'ub_plans',
  subscriptions: 'ub_subscriptions',
  codes: 'ub_codes',
  redemptions: 'ub_redemptions',
  redeemAttempts: 'ub_redeem_attempts',
  audit: 'ub_audit_entries',
  orders: 'ub_orders',
  webhookEvents: 'ub_webhook_events',
} as const;

export type Trx = Knex | Knex.Transaction;

/** The rollup day of an instant: its UTC date, yyyy-mm-dd. */
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

// Random bytes are drawn 18 at a time from a pool filled 4 KB at once: a batch writes hundreds of rows, and
// one randomBytes() call per row was a measurable share of its time.
const RANDOM_POOL_SIZE = 18 * 227;
let randomPool = Buffer.alloc(0);
let randomOffset = RANDOM_POOL_SIZE;

/** A new row's Strapi document id: 24 lowercase letters and digits. */
export const newDocumentId = () => {
  if (randomOffset + 18 > randomPool.length) {
    randomPool = crypto.randomBytes(RANDOM_POOL_SIZE);
    randomOffset = 0;
  }
  const bytes = randomPool.subarray(randomOffset, randomOffset + 18);
  randomOffset += 18;
  return bytes.toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 24);
};

/** Strapi's bookkeeping columns for a row inserted without its query layer. */
export const rowMeta = (now = new Date(), documentId = newDocumentId()) => ({
  document_id: documentId,
  created_at: now,
  updated_at: now,
  published_at: now,
});

/** True when `db` (knex or a knex transaction) talks to PostgreSQL. */
export const onPostgres = (db: Trx) => db.client.dialect === 'postgresql';

/**
 * Runs `work` in one database transaction. On PostgreSQL a plain knex transaction (row locks honoured,
 * the fastest path measured here); on SQLite Strapi's transaction, because a raw knex transaction on
 * its single connection would wait forever for any Strapi query made meanwhile.
 */
export const withTransaction = async <T>(strapi: Core.Strapi, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> => {
  if (onPostgres(strapi.db.connection)) return strapi.db.connection.transaction(work);
  return strapi.db.transaction(({ trx }) => work(trx as Knex.Transaction));
};

/** Unique-key violation on PostgreSQL (23505) or SQLite (SQLITE_CONSTRAINT_UNIQUE). */
export const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
};

/**
 * Runs `work`; when it hits a unique key, what `onDuplicate` returns or throws instead (a second attempt
 * that finds the row a concurrent request committed, or a 409 naming the duplicate). Other errors pass.
 */
export const onUniqueViolation = async <T>(work: () => Promise<T>, onDuplicate: () => T | Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) return onDuplicate();
    throw error;
  }
};

/** Select a 64-bit integer column as text: JS numbers lose digits above 2^53 (SQLite returns numbers). */
export const asText = (knex: Trx, column: string, alias = column.split('.').pop()!) =>
  knex.raw(`CAST(${column} AS TEXT) AS ??`, [alias]);

/** `SUM(column)` as exact text, '0' over no rows: 64-bit sums would lose digits as JS numbers. */
export const sumAsText = (knex: Trx, column: string, alias = column.split('.').pop()!) =>
  knex.raw('CAST(COALESCE(SUM(??), 0) AS TEXT) AS ??', [column, alias]);

/** Datetimes come back as Date (PostgreSQL) or epoch milliseconds (SQLite). */
export const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string | number);

/** JSON columns come back parsed (PostgreSQL jsonb) or as text (SQLite). */
export const fromJson = <T>(value: unknown): T | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);

export const toJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * `%text%` for a `LIKE ? ESCAPE '\\'` condition that matches `text` literally: its wildcards and the escape
 * character itself escaped (SQLite has no default escape character, so the ESCAPE clause is always written).
 */
export const containsPattern = (text: string) => `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

// PostgreSQL column types per table (format_type: `bigint`, `character varying(191)`, `jsonb`…), read once.
const columnTypes = new Map<string, Promise<Map<string, string>>>();

export const columnTypesPg = (db: Trx, table: string): Promise<Map<string, string>> => {
  if (!columnTypes.has(table)) {
    const read = db
      .raw(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
         WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped`,
        [table],
      )
      .then((result: any) => new Map<string, string>(result.rows.map((r: any) => [r.name, r.type])));
    read.catch(() => columnTypes.delete(table));
    columnTypes.set(table, read);
  }
  return columnTypes.get(table)!;
};

/**
 * PostgreSQL: inserts many rows (all with the same keys) in one statement with one parameter per column —
 * `INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)` — instead of one per value: a batch's 500 usage
 * logs are 40 parameters, not 20,000, and the statement is built in microseconds. JSON columns take the
 * JSON text, as knex's insert would send it.
 */
export const insertRowsPg = async (db: Trx, table: string, rows: Record<string, unknown>[]): Promise<void> => {
  if (!rows.length) return;
  const types = await columnTypesPg(db, table);
  const columns = Object.keys(rows[0]);
  const casts = columns.map((column) => {
    const type = types.get(column);
    if (!type) throw new Error(`${table} has no column ${column}`);
    return `?::${type}[]`;
  });
  await db.raw(`INSERT INTO ?? (${columns.map(() => '??').join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`, [
    table,
    ...columns,
    ...columns.map((column) => rows.map((row) => row[column] ?? null)),
  ]);
};
