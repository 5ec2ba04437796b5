import type { Knex } from 'knex';
import { TOKEN_COUNT_FIELDS, TOKEN_KINDS, type TokenCountField } from '../../../../contracts/pricing';
import { nanosToString } from '../../rating';
import type { LogFilter } from '../../validation/admin';
import { fromJson, toDate } from '../db';

// How usage log rows are read: the columns, the filters of the admin list and export, and the JSON shape.

export const LOG_COLUMNS = [
  'id', 'document_id', 'request_id', 'user_id', 'model', 'pricing_mode', 'billing_mode', 'route_source', 'service_tier',
  'duration_seconds', 'calls', 'tools', 'currency', 'lines', 'snapshot', 'flags', 'latency_ms', 'status', 'error_message', 'hold_id', 'occurred_at',
];

/**
 * The column Strapi gives a count attribute of the usage-log content type (lodash's snakeCase, which splits
 * digits off as words): `inputAudioTokens` → `input_audio_tokens`, `cacheWrite1hTokens` → `cache_write_1_h_tokens`.
 */
export const countColumn = (count: TokenCountField): string =>
  count
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([A-Za-z])(\d)/g, '$1_$2')
    .replace(/(\d)([A-Za-z])/g, '$1_$2')
    .toLowerCase();

/** Each kind of token with its column, in bill order. */
export const COUNT_COLUMNS = TOKEN_COUNT_FIELDS.map((count) => ({ count, column: countColumn(count) }));

/** 64-bit columns, read as text. */
export const BIG_COLUMNS = [...COUNT_COLUMNS.map((c) => c.column), 'cost', 'charged'];

export type LogRowFilter = Omit<LogFilter, 'page' | 'pageSize' | 'cursor'>;

export const applyFilter = (q: Knex.QueryBuilder, f: LogRowFilter) => {
  if (f.from) q.where('occurred_at', '>=', f.from);
  if (f.to) q.where('occurred_at', '<', f.to);
  if (f.userId) q.where('user_id', f.userId);
  if (f.model) q.where('model', f.model);
  if (f.billingMode) q.where('billing_mode', f.billingMode);
  if (f.routeSource) q.where('route_source', f.routeSource);
  if (f.status) q.where('status', f.status);
  return q;
};

/**
 * The order of the admin's list and of the CSV export: newest first by the call's time, the id breaking
 * ties (logs arrive out of time order, e.g. batches and retries, so id order is not time order).
 */
export const newestFirst = (q: Knex.QueryBuilder) =>
  q.orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }]);

/** The logs after a position in that order (keyset: reads by index, however deep). */
export const olderThan = (q: Knex.QueryBuilder, at: { occurredAt: Date; id: number }) =>
  q.where((w) => w.where('occurred_at', '<', at.occurredAt).orWhere((same) => same.where('occurred_at', '=', at.occurredAt).andWhere('id', '<', at.id)));

export const shapeLog = (r: any, withDetail = true) => ({
  id: r.document_id,
  requestId: r.request_id,
  userId: r.user_id,
  model: r.model,
  pricingMode: r.pricing_mode,
  billingMode: r.billing_mode,
  routeSource: r.route_source,
  serviceTier: r.service_tier,
  ...(Object.fromEntries(COUNT_COLUMNS.map(({ count, column }) => [count, r[column]])) as Record<TokenCountField, string>),
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
  errorMessage: r.error_message ?? null,
  occurredAt: toDate(r.occurred_at)?.toISOString(),
});

export type ShapedLog = ReturnType<typeof shapeLog>;

/**
 * The CSV export's columns: fields of the shaped log, in this order. The columns of the first version (with
 * the text counts) keep their places; the counts of the other kinds of token follow them, then the reason of
 * a failed call.
 */
export const CSV_COLUMNS = [
  'occurredAt', 'requestId', 'userId', 'model', 'pricingMode', 'billingMode', 'routeSource', 'serviceTier', 'inputTokens',
  'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'durationSeconds', 'calls', 'cost', 'charged', 'currency',
  'latencyMs', 'status', 'flags',
  ...TOKEN_KINDS.filter((kind) => !kind.common).map((kind) => kind.count),
  'errorMessage',
] as const;
