import type { Knex } from 'knex';
import { nanosToString } from '../../rating';
import type { LogFilter } from '../../validation/admin';
import { fromJson, toDate } from '../db';

// How usage log rows are read: the columns, the filters of the admin list and export, and the JSON shape.

export const LOG_COLUMNS = [
  'id', 'document_id', 'request_id', 'user_id', 'model', 'pricing_mode', 'billing_mode', 'route_source', 'service_tier',
  'duration_seconds', 'calls', 'tools', 'currency', 'lines', 'snapshot', 'flags', 'latency_ms', 'status', 'hold_id', 'occurred_at',
];

/** 64-bit columns, read as text. */
export const BIG_COLUMNS = ['input_tokens', 'output_tokens', 'cache_read_tokens', 'cache_write_tokens', 'cost', 'charged'];

export type LogRowFilter = Omit<LogFilter, 'page' | 'pageSize'>;

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

export const shapeLog = (r: any, withDetail = true) => ({
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

export type ShapedLog = ReturnType<typeof shapeLog>;

/** The CSV export's columns: fields of the shaped log, in this order. */
export const CSV_COLUMNS = [
  'occurredAt', 'requestId', 'userId', 'model', 'pricingMode', 'billingMode', 'routeSource', 'serviceTier', 'inputTokens',
  'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'durationSeconds', 'calls', 'cost', 'charged', 'currency',
  'latencyMs', 'status', 'flags',
] as const;
