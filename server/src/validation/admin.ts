import { z } from 'zod';
import { STATS_GROUP_BY } from '../../../contracts/api';
import { BILLING_MODES, USAGE_STATUSES } from '../../../contracts/billing';
import { moneyString } from '../rating/fields';
import { toNanos } from '../rating';
import { BillingValidationError } from '../errors';
import { objectBody } from './body';
import { parseWith } from './zod-issues';

/** An admin body or query string, which must be an object, parsed by `schema`. */
const parse = <S extends z.ZodTypeAny>(schema: S, input: unknown, what: string): z.output<S> =>
  parseWith(schema, objectBody(input, `Invalid ${what}: the body must be a JSON object`), `Invalid ${what}`);

const adjustSchema = z
  .object({
    amount: moneyString({ allowNegative: true }),
    reason: z.string({ required_error: 'is required' }).min(1, 'must not be empty').max(500),
    reference: z.string().min(1).max(191).optional(),
  })
  .strict();

export type Adjustment = z.infer<typeof adjustSchema>;

/** A manual credit or debit: a non-zero amount the ledger can hold, and the reason for it. */
export const parseAdjust = (body: unknown): Adjustment => {
  const adjustment = parse(adjustSchema, body, 'adjustment');
  // Checked once the amount is known to be a decimal, as a rule of its own: it is the only error then.
  if (toNanos(adjustment.amount) === 0n) throw new BillingValidationError('amount must not be 0', [{ path: 'amount', message: 'must not be 0' }]);
  return adjustment;
};

const catalogModelSchema = z
  .object({
    name: z.string().min(1).max(191),
    displayName: z.string().max(191).optional(),
    provider: z.string().max(64).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const parseCatalogModel = (body: unknown) => parse(catalogModelSchema, body, 'catalog model');

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

const importQuerySchema = z
  .object({ dryRun: bool.default('true'), allowUnknown: bool.default('false') })
  .passthrough();

export const parseImportQuery = (query: unknown) => parse(importQuerySchema, query ?? {}, 'import options');

/**
 * Bounds of a date range (logs, stats, user usage), read as the half-open interval [from, to). A plain
 * date stands for a whole UTC day, the day of the daily rollups: `from=2025-03-01` starts at 00:00 UTC and
 * `to=2025-03-31` runs through the end of March 31 (UTC), so a range of dates includes both of them. A
 * date-time is the instant itself (`to` exclusive). Both the logs (exact instants) and the rollup stats
 * (whole days) are cut from the same parsed bounds; see the usage-logs service for how days are picked.
 */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const rangeBound = (bound: 'from' | 'to') =>
  z
    .string()
    // Date.parse alone accepts 2025-02-30 (as March 2): a plain date must also read back unchanged.
    .refine(
      (s) => !Number.isNaN(Date.parse(s)) && (!DATE_ONLY.test(s) || new Date(s).toISOString().startsWith(s)),
      'must be an ISO date (2025-03-01) or date-time',
    )
    .transform((s) => {
      const date = new Date(s);
      if (bound === 'to' && DATE_ONLY.test(s)) date.setUTCDate(date.getUTCDate() + 1);
      return date;
    });
const rangeFields = { from: rangeBound('from').optional(), to: rangeBound('to').optional() };

/** A page of a list: page numbers stay small enough for exact offsets (1,000,000 × 500 rows at most). */
export const pageFields = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
};

/** What both the logs and the rollup stats can be narrowed to. */
const usageScopeFields = {
  ...rangeFields,
  userId: z.string().max(191).optional(),
  model: z.string().max(191).optional(),
};

export const logFilterSchema = z
  .object({
    ...usageScopeFields,
    billingMode: z.enum(BILLING_MODES).optional(),
    routeSource: z.string().max(64).optional(),
    status: z.enum(USAGE_STATUSES).optional(),
    /** Keyset: the logs older than this position (meta.cursor.next of the page before); `page` is then ignored. */
    cursor: z.string().max(200).optional(),
    ...pageFields,
  })
  .strict();

export type LogFilter = z.infer<typeof logFilterSchema>;
export const parseLogFilter = (query: unknown) => parse(logFilterSchema, query ?? {}, 'filter');

const statsSchema = z
  .object({
    ...usageScopeFields,
    groupBy: z.enum(STATS_GROUP_BY).default('day'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export type StatsQuery = z.infer<typeof statsSchema>;
export const parseStatsQuery = (query: unknown) => parse(statsSchema, query ?? {}, 'stats query');

const accountListSchema = z.object({ search: z.string().max(191).optional(), ...pageFields }).strict();
export const parseAccountList = (query: unknown) => parse(accountListSchema, query ?? {}, 'account query');

const pageSchema = z.object(pageFields).strict();
export const parsePage = (query: unknown) => parse(pageSchema, query ?? {}, 'page');

const modeSchema = z.object({ mode: z.enum(BILLING_MODES) }).strict();
export const parseModeQuery = (query: unknown) => parse(modeSchema, query ?? {}, 'mode');

export const userUsageSchema = z
  .object({ ...rangeFields, granularity: z.enum(['day', 'month']).default('day'), cursor: z.string().max(200).optional(), ...pageFields })
  .strict();
export const parseUserUsageQuery = (query: unknown) => parse(userUsageSchema, query ?? {}, 'usage query');
