import type { Knex } from 'knex';
import { USAGE_LOG_MAX_OFFSET, type UsageTotals } from '../../../../contracts/api';
import { nanosToString } from '../../rating';
import { BillingValidationError } from '../../errors';
import type { LogFilter } from '../../validation/admin';
import { TABLES, asText, onPostgres, sumAsText, toDate, utcDay } from '../db';
import { BIG_COLUMNS, COUNT_COLUMNS, LOG_COLUMNS, applyFilter, newestFirst, olderThan, shapeLog, type LogRowFilter } from './log-rows';

// The admin's log list at scale (tens of millions of logs): header totals never scan the logs when the daily
// rollups can answer, a sum that would take too long becomes an estimate, and deep pages are read by keyset.


const DAY_MS = 86_400_000;
const wholeDay = (date: Date | undefined) => date === undefined || date.getTime() % DAY_MS === 0;

/** The rollups hold (day, user, model): they answer a filter of whole UTC days, users and models only. */
const rollupsCanAnswer = (f: LogRowFilter) => !f.billingMode && !f.routeSource && !f.status && wholeDay(f.from) && wholeDay(f.to);

const rollupTotals = async (db: Knex, f: LogRowFilter): Promise<UsageTotals> => {
  const q = db(TABLES.rollups).select(sumAsText(db, 'calls'), sumAsText(db, 'tokens'), sumAsText(db, 'cost'), sumAsText(db, 'charged'));
  if (f.from) q.where('day', '>=', utcDay(f.from));
  if (f.to) q.where('day', '<', utcDay(f.to));
  if (f.userId) q.where('user_id', f.userId);
  if (f.model) q.where('model', f.model);
  const row = await q.first();
  return { calls: Number(row.calls), tokens: row.tokens, cost: nanosToString(row.cost), charged: nanosToString(row.charged), source: 'rollups' };
};

/** Exact sums over the logs; null when PostgreSQL could not finish them within `timeoutMs`. */
const logTotals = async (db: Knex, f: LogRowFilter, timeoutMs: number): Promise<UsageTotals | null> => {
  const tokens = COUNT_COLUMNS.map(({ column }) => `COALESCE(SUM(${column}), 0)`).join(' + ');
  const sums = (trx: Knex | Knex.Transaction) =>
    applyFilter(trx(TABLES.logs), f)
      .select(trx.raw('COUNT(*) AS calls'), sumAsText(trx, 'cost'), sumAsText(trx, 'charged'), trx.raw(`CAST(${tokens} AS TEXT) AS tokens`))
      .first();
  let row: any;
  if (!onPostgres(db)) row = await sums(db);
  else {
    try {
      row = await db.transaction(async (trx) => {
        await trx.raw(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
        return sums(trx);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '57014') return null; // query_canceled: the timeout
      throw error;
    }
  }
  return { calls: Number(row.calls), tokens: row.tokens, cost: nanosToString(row.cost), charged: nanosToString(row.charged), source: 'logs' };
};

/** PostgreSQL's planner estimate of how many logs match (from its statistics: instant, roughly right). */
const estimatedTotals = async (db: Knex, f: LogRowFilter): Promise<UsageTotals> => {
  const { sql, bindings } = applyFilter(db(TABLES.logs).select(db.raw('1')), f).toSQL();
  const result = await db.raw(`EXPLAIN (FORMAT JSON) ${sql}`, bindings as any[]);
  const plan = result.rows[0]['QUERY PLAN'][0].Plan;
  return { calls: Math.round(Number(plan['Plan Rows'])), tokens: null, cost: null, charged: null, source: 'estimate' };
};

const totalsOf = async (db: Knex, f: LogRowFilter, timeoutMs: number): Promise<UsageTotals> => {
  if (rollupsCanAnswer(f)) return rollupTotals(db, f);
  return (await logTotals(db, f, timeoutMs)) ?? estimatedTotals(db, f);
};

/** A position in the list (newest first): the time and id of a log, opaque to clients. */
const encodeCursor = (row: { occurred_at: unknown; id: unknown }) => Buffer.from(`${toDate(row.occurred_at)!.toISOString()}|${row.id}`).toString('base64url');

const decodeCursor = (cursor: string): { occurredAt: Date; id: number } => {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const occurredAt = new Date(at);
  if (!at || Number.isNaN(occurredAt.getTime()) || !/^\d{1,18}$/.test(id ?? '')) {
    throw BillingValidationError.naming('Invalid filter', [{ path: 'cursor', message: 'is not a cursor this list gave (meta.cursor.next)' }]);
  }
  return { occurredAt, id: Number(id) };
};

/**
 * One page of logs, newest first, with the header totals. Pages are numbered while their offset stays
 * within USAGE_LOG_MAX_OFFSET rows; further back the client follows `meta.cursor.next` (`?cursor=`), which
 * reads by index from a position instead of skipping rows.
 */
export async function listLogs(db: Knex, filter: LogFilter, { totalsTimeoutMs }: { totalsTimeoutMs: number }) {
  const { page, pageSize, cursor, ...f } = filter;
  const offset = cursor ? 0 : (page - 1) * pageSize;
  if (offset > USAGE_LOG_MAX_OFFSET) {
    throw BillingValidationError.naming('Invalid filter', [
      { path: 'page', message: `is too deep: logs past the first ${USAGE_LOG_MAX_OFFSET} are read with cursor (meta.cursor.next)` },
    ]);
  }
  const rowsQuery = newestFirst(applyFilter(db(TABLES.logs).select(...LOG_COLUMNS, ...BIG_COLUMNS.map((c) => asText(db, c))), f))
    .limit(pageSize)
    .offset(offset);
  if (cursor) olderThan(rowsQuery, decodeCursor(cursor));
  const [totals, rows] = await Promise.all([totalsOf(db, f, totalsTimeoutMs), rowsQuery]);
  const last = rows.length === pageSize ? rows[rows.length - 1] : null;
  return {
    data: rows.map((r: any) => shapeLog(r)),
    meta: {
      pagination: { page: cursor ? 1 : page, pageSize, pageCount: Math.ceil(totals.calls / pageSize), total: totals.calls },
      totals,
      cursor: { next: last ? encodeCursor(last) : null },
    },
  };
}
