import type { UsageLogFilters } from '../../../../contracts';

export type RangeKey = 'today' | '7d' | '30d' | '90d' | 'custom';

export const RANGES: RangeKey[] = ['today', '7d', '30d', '90d', 'custom'];

/*
 * Ranges are whole UTC days, today included, because the charts read the server's daily rollups (one row
 * per UTC day): "Today" is the current UTC day, "Last 7 days" today and the 6 days before it, a custom
 * range both of its dates. They are sent as plain dates, which the server reads as whole UTC days for the
 * logs list (the header totals) and the stats alike, so both count the same calls. A rolling "last 24
 * hours" cannot be drawn from daily rollups without disagreeing with its own header, hence "Today".
 */
const RANGE_DAYS: Record<Exclude<RangeKey, 'custom'>, number> = { today: 1, '7d': 7, '30d': 30, '90d': 90 };

/** The range of a URL query; links from before "Today" replaced "Last 24 hours" still open. */
export const rangeOf = (range: string | undefined): RangeKey =>
  range === '24h' ? 'today' : RANGES.includes(range as RangeKey) ? (range as RangeKey) : '7d';

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
  /** Past the numbered pages: the position to read older logs from (the server's meta.cursor.next). */
  cursor?: string;
}

export const FILTER_KEYS = ['range', 'fromDate', 'toDate', 'userId', 'model', 'billingMode', 'routeSource', 'status'] as const;

const DAY_MS = 24 * 3600 * 1000;
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** API filters of a URL query; `now` fixes relative ranges so requests do not change every render. */
export const toApiFilters = (query: LogQuery, now: number): UsageLogFilters => {
  const range = rangeOf(query.range);
  const filters: UsageLogFilters = {
    userId: query.userId || undefined,
    model: query.model || undefined,
    billingMode: query.billingMode || undefined,
    routeSource: query.routeSource || undefined,
    status: query.status || undefined,
  };
  if (range === 'custom') {
    filters.from = query.fromDate || undefined;
    filters.to = query.toDate || undefined;
  } else {
    filters.from = utcDate(now - (RANGE_DAYS[range] - 1) * DAY_MS);
    filters.to = utcDate(now);
  }
  return filters;
};

/** `Date` → yyyy-mm-dd in local time. */
export const toDateString = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** Every UTC day from `from` through `to` (dates or instants), as yyyy-mm-dd, to fill days without calls in charts. */
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
