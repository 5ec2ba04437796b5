import { PassThrough } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../../contracts/plugin';
import { pluginUid } from '../../utils/plugin-uid';
import { nanosToString } from '../../rating';
import type { LogFilter, StatsQuery } from '../../validation/admin';
import { streamCsv } from '../../utils/csv';
import { TABLES, asText, sumAsText, toDate, utcDay, type Trx } from '../db';
import { BIG_COLUMNS, CSV_COLUMNS, LOG_COLUMNS, applyFilter, newestFirst, olderThan, shapeLog, type LogRowFilter, type ShapedLog } from './log-rows';
import { recordUsage } from './record';
import { listLogs } from './list';

export type { UsageLogEntry } from './record';

/**
 * Usage logs and their daily rollups: the only writer of both (record, in the usage transaction), and
 * their read side — filtered pages, streamed CSV, chart aggregates from the rollups, per-user totals.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;
  const selectLogs = () => db()(TABLES.logs).select(...LOG_COLUMNS, ...BIG_COLUMNS.map((c) => asText(db(), c)));

  return {
    record: recordUsage,

    /** The stored hash and answer of the log of `requestId`, if it was recorded (idempotent retries). */
    storedReport(trx: Trx, requestId: string): Promise<{ request_hash: string; response: unknown } | undefined> {
      return trx(TABLES.logs).select('request_hash', 'response').where({ request_id: requestId }).first();
    },

    /** A page of logs with the header totals: see list.ts (rollups, estimates, keyset for deep pages). */
    list(filter: LogFilter) {
      // How long exact totals over the raw logs may take (PostgreSQL) before an estimate is answered instead.
      return listLogs(db(), filter, { totalsTimeoutMs: strapi.config.get(pluginUid('logTotalsTimeoutMs'), 400) as number });
    },

    /**
     * CSV of every log matching the filter, in the list's order (newest first by the call's time), streamed
     * in keyset-paginated chunks so memory stays flat however many rows match.
     */
    exportCsv(filter: LogRowFilter, { chunk }: { chunk?: number } = {}): PassThrough {
      return streamCsv({
        header: CSV_COLUMNS,
        chunk,
        page: (after: any, limit) => {
          const q = newestFirst(applyFilter(selectLogs(), filter)).limit(limit);
          if (after !== null) olderThan(q, { occurredAt: toDate(after.occurred_at)!, id: Number(after.id) });
          return q;
        },
        cells: (row: any) => {
          const log = shapeLog(row, false) as Record<string, unknown>;
          return CSV_COLUMNS.map((column) => log[column]);
        },
        onError: (error) => strapi.log.error(`${PLUGIN_ID}: CSV export failed: ${error.message}`),
      });
    },

    /** Aggregates for charts, read from the daily rollups (never a scan of the raw logs). */
    async stats(query: StatsQuery) {
      const keyExpression = { day: 'day', month: 'SUBSTR(day, 1, 7)', model: 'model', user: 'user_id' }[query.groupBy];
      const q = db()(TABLES.rollups).select(
        db().raw(`${keyExpression} AS k`),
        sumAsText(db(), 'calls'),
        sumAsText(db(), 'tokens'),
        sumAsText(db(), 'cost'),
        sumAsText(db(), 'charged'),
      );
      // Rollups are day-granular (UTC days): a day is in [from, to) when any part of it is, i.e. from the
      // day of `from` through the day of the range's last instant (to − 1 ms). So `to = now` includes today,
      // and whole-day ranges (plain dates, what the admin sends) select exactly the days whose logs
      // list() counts, so header totals and charts agree.
      if (query.from) q.where('day', '>=', utcDay(query.from));
      if (query.to) q.where('day', '<=', utcDay(new Date(query.to.getTime() - 1)));
      if (query.userId) q.where('user_id', query.userId);
      if (query.model) q.where('model', query.model);
      q.groupByRaw(keyExpression);
      if (query.groupBy === 'day' || query.groupBy === 'month') q.orderBy('k', 'asc');
      else q.orderByRaw('SUM(cost) DESC');
      q.limit(query.limit);
      const rows = await q;
      return {
        groupBy: query.groupBy,
        points: rows.map((r: any) => ({ key: r.k, calls: r.calls, tokens: r.tokens, cost: nanosToString(r.cost), charged: nanosToString(r.charged) })),
      };
    },

    /** A user's totals over all time, from the rollups. */
    async totals(userId: string) {
      const row = await db()(TABLES.rollups)
        .where({ user_id: userId })
        .select(sumAsText(db(), 'calls'), sumAsText(db(), 'tokens'), sumAsText(db(), 'cost'), sumAsText(db(), 'charged'))
        .first();
      return { calls: row.calls, tokens: row.tokens, cost: nanosToString(row.cost), charged: nanosToString(row.charged) };
    },

    /** The user's own usage: trend points per day or month and a page of recent logs. */
    async userUsage(
      userId: string,
      { from, to, granularity, page, pageSize, cursor }: { from?: Date; to?: Date; granularity: 'day' | 'month'; page: number; pageSize: number; cursor?: string },
    ) {
      const trend = await this.stats({ userId, from, to, groupBy: granularity, limit: 1000 });
      const logs = await this.list({ userId, from, to, page, pageSize, cursor });
      return {
        granularity,
        points: trend.points,
        logs: logs.data.map((l: ShapedLog) => ({
          occurredAt: l.occurredAt,
          requestId: l.requestId,
          model: l.model,
          inputTokens: l.inputTokens,
          outputTokens: l.outputTokens,
          cacheReadTokens: l.cacheReadTokens,
          cacheWriteTokens: l.cacheWriteTokens,
          cost: l.cost,
          charged: l.charged,
          latencyMs: l.latencyMs,
          routeSource: l.routeSource,
          status: l.status,
        })),
        meta: { pagination: logs.meta.pagination, cursor: logs.meta.cursor },
      };
    },
  };
};
