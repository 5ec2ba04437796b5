import type { UsageLogFilters } from '../../api/types';

export type RangeKey = '24h' | '7d' | '30d' | '90d' | 'custom';

export const RANGES: RangeKey[] = ['24h', '7d', '30d', '90d', 'custom'];

const RANGE_MS: Record<Exclude<RangeKey, 'custom'>, number> = {
  '24h': 24 * 3600 * 1000,
  '7d': 7 * 24 * 3600 * 1000,
  '30d': 30 * 24 * 3600 * 1000,
  '90d': 90 * 24 * 3600 * 1000,
};

/** The URL query of the Usage logs page. */
export interface LogQuery {
  page?: string;
  pageSize?: string;
  range?: RangeKey;
  /** yyyy-mm-dd, custom range only. */
  fromDate?: string;
  toDate?: string;
  userId?: string;
  model?: string;
  billingMode?: string;
  routeSource?: string;
  status?: string;
}

export const FILTER_KEYS = ['range', 'fromDate', 'toDate', 'userId', 'model', 'billingMode', 'routeSource', 'status'] as const;

const startOfDay = (date: string) => new Date(`${date}T00:00:00`).toISOString();
const endOfDay = (date: string) => new Date(`${date}T23:59:59.999`).toISOString();

/** API filters of a URL query; `now` fixes relative ranges so requests do not change every render. */
export const toApiFilters = (query: LogQuery, now: number): UsageLogFilters => {
  const range = query.range ?? '7d';
  const filters: UsageLogFilters = {
    userId: query.userId || undefined,
    model: query.model || undefined,
    billingMode: query.billingMode || undefined,
    routeSource: query.routeSource || undefined,
    status: query.status || undefined,
  };
  if (range === 'custom') {
    if (query.fromDate) filters.from = startOfDay(query.fromDate);
    if (query.toDate) filters.to = endOfDay(query.toDate);
  } else {
    filters.from = new Date(now - RANGE_MS[range]).toISOString();
    filters.to = new Date(now).toISOString();
  }
  return filters;
};

/** `Date` → yyyy-mm-dd in local time. */
export const toDateString = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** Every day between two ISO instants, as yyyy-mm-dd (UTC), to fill days without calls in charts. */
export const daysBetween = (from: string | undefined, to: string | undefined, max = 120): string[] => {
  if (!from || !to) return [];
  const start = new Date(from);
  const end = new Date(to);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return [];
  const days: string[] = [];
  const cursor = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  while (cursor <= end && days.length < max) {
    days.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return days;
};
