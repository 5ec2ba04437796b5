import { PassThrough } from 'node:stream';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { nanosToString } from '../rating';
import type { LogFilter, StatsQuery } from '../validation/admin';
import { TABLES, asText, fromJson, toDate, utcDay } from './db';

const LOG_COLUMNS = [
  'id', 'document_id', 'request_id', 'user_id', 'model', 'pricing_mode', 'billing_mode', 'route_source', 'service_tier',
  'duration_seconds', 'calls', 'tools', 'currency', 'lines', 'snapshot', 'flags', 'latency_ms', 'status', 'hold_id', 'occurred_at',
];
const BIG_COLUMNS = ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'cost', 'charged'];

type Filter = Omit<LogFilter, 'page' | 'pageSize'>;

const applyFilter = (q: Knex.QueryBuilder, f: Filter) => {
  if (f.from) q.where('occurred_at', '>=', f.from);
  if (f.to) q.where('occurred_at', '<', f.to);
  if (f.userId) q.where('user_id', f.userId);
  if (f.model) q.where('model', f.model);
  if (f.billingMode) q.where('billing_mode', f.billingMode);
  if (f.routeSource) q.where('route_source', f.routeSource);
  if (f.status) q.where('status', f.status);
  return q;
};

const shapeLog = (r: any, withDetail = true) => ({
  id: r.document_id,
  requestId: r.request_id,
  userId: r.user_id,
  model: r.model,
  pricingMode: r.pricing_mode,
  billingMode: r.billing_mode,
  routeSource: r.route_source,
  serviceTier: r.service_tier,
  inputTokens: r.input_tokens,
  outputTokens: r.output_tokens,
  cacheReadTokens: r.cache_read_tokens,
  cacheWriteTokens: r.cache_write_tokens,
  durationSeconds: r.duration_seconds,
  calls: r.calls,
  tools: fromJson(r.tools) ?? [],
  cost: nanosToString(r.cost),
  charged: nanosToString(r.charged),
  currency: r.currency,
  ...(withDetail ? { lines: fromJson(r.lines) ?? [], snapshot: fromJson(r.snapshot) } : {}),
  flags: fromJson(r.flags) ?? [],
  latencyMs: r.latency_ms,
  status: r.status,
  occurredAt: toDate(r.occurred_at)?.toISOString(),
});

const CSV_HEADER = [
  'occurredAt', 'requestId', 'userId', 'model', 'pricingMode', 'billingMode', 'routeSource', 'serviceTier', 'inputTokens',
  'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'durationSeconds', 'calls', 'cost', 'charged', 'currency',
  'latencyMs', 'status', 'flags',
];

const csvCell = (value: unknown) => {
  const s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  // Quote when needed, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Admin read side of usage logs: filtered pages, streamed CSV, and chart aggregates from daily rollups. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;
  const selectLogs = () => db()(TABLES.logs).select(...LOG_COLUMNS, ...BIG_COLUMNS.map((c) => asText(db(), c)));

  return {
    async list(filter: LogFilter) {
      const { page, pageSize, ...f } = filter;
      const totals = await applyFilter(db()(TABLES.logs), f)
        .select(
          db().raw('COUNT(*) AS calls'),
          db().raw('CAST(COALESCE(SUM(cost), 0) AS TEXT) AS cost'),
          db().raw('CAST(COALESCE(SUM(charged), 0) AS TEXT) AS charged'),
          db().raw('CAST(COALESCE(SUM(input_tokens), 0) AS TEXT) AS input_tokens'),
          db().raw('CAST(COALESCE(SUM(output_tokens), 0) AS TEXT) AS output_tokens'),
        )
        .first();
      const rows = await applyFilter(selectLogs(), f)
        .orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }])
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const total = Number(totals.calls);
      return {
        data: rows.map((r: any) => shapeLog(r)),
        meta: {
          pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
          totals: {
            calls: total,
            cost: nanosToString(totals.cost),
            charged: nanosToString(totals.charged),
            inputTokens: totals.input_tokens,
            outputTokens: totals.output_tokens,
          },
        },
      };
    },

    /**
     * CSV of every log matching the filter, streamed in keyset-paginated chunks so memory stays flat
     * however many rows match.
     */
    exportCsv(filter: Filter): PassThrough {
      const out = new PassThrough();
      const chunk = 1000;
      (async () => {
        out.write(`${CSV_HEADER.join(',')}\n`);
        let lastId: number | null = null;
        for (;;) {
          const page = applyFilter(selectLogs(), filter).orderBy('id', 'desc').limit(chunk);
          if (lastId !== null) page.where('id', '<', lastId);
          const rows = await page;
          if (rows.length === 0) break;
          const text = rows
            .map((r: any) => {
              const log = shapeLog(r, false) as Record<string, unknown>;
              return CSV_HEADER.map((h) => csvCell(log[h])).join(',');
            })
            .join('\n');
          if (!out.write(`${text}\n`)) await new Promise((resolve) => out.once('drain', resolve));
          lastId = rows[rows.length - 1].id;
          if (rows.length < chunk) break;
        }
        out.end();
      })().catch((error: Error) => {
        strapi.log.error(`usage-billing: CSV export failed: ${error.message}`);
        out.destroy(error);
      });
      return out;
    },

    /** Aggregates for charts, read from the daily rollups (never a scan of the raw logs). */
    async stats(query: StatsQuery) {
      const keyExpression = { day: 'day', month: 'SUBSTR(day, 1, 7)', model: 'model', user: 'user_id' }[query.groupBy];
      const q = db()(TABLES.rollups).select(
        db().raw(`${keyExpression} AS k`),
        db().raw('CAST(SUM(calls) AS TEXT) AS calls'),
        db().raw('CAST(SUM(tokens) AS TEXT) AS tokens'),
        db().raw('CAST(SUM(cost) AS TEXT) AS cost'),
        db().raw('CAST(SUM(charged) AS TEXT) AS charged'),
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

    /** The user's own usage: trend points per day or month and a page of recent logs. */
    async userUsage(userId: string, { from, to, granularity, page, pageSize }: { from?: Date; to?: Date; granularity: 'day' | 'month'; page: number; pageSize: number }) {
      const trend = await this.stats({ userId, from, to, groupBy: granularity, limit: 1000 });
      const logs = await this.list({ userId, from, to, page, pageSize });
      return {
        granularity,
        points: trend.points,
        logs: logs.data.map((l: ReturnType<typeof shapeLog>) => ({
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
        meta: { pagination: logs.meta.pagination },
      };
    },
  };
};
