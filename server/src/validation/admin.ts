import { z } from 'zod';
import { isDecimalString } from '../rating';
import { BillingValidationError } from '../errors';
import { toValidationError } from './zod-issues';

const parse = <S extends z.ZodTypeAny>(schema: S, input: unknown, what: string): z.output<S> => {
  if (input === undefined || input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new BillingValidationError(`Invalid ${what}: the body must be a JSON object`, [{ path: '', message: 'must be a JSON object' }]);
  }
  const result = schema.safeParse(input);
  if (!result.success) throw toValidationError(result.error, `Invalid ${what}`);
  return result.data;
};

const signedDecimal = z
  .string({ required_error: 'is required', invalid_type_error: 'must be a decimal string such as "10.00"' })
  .refine((s) => isDecimalString(s, { allowNegative: true }), 'must be a plain decimal string such as "10.00" or "-2.5"')
  .refine((s) => (s.split('.')[1] ?? '').length <= 9, 'must have at most 9 decimal places');

const adjustSchema = z
  .object({
    amount: signedDecimal,
    reason: z.string({ required_error: 'is required' }).min(1, 'must not be empty').max(500),
    reference: z.string().min(1).max(191).optional(),
  })
  .strict();

export const parseAdjust = (body: unknown) => parse(adjustSchema, body, 'adjustment');

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

const pageFields = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
};

export const logFilterSchema = z
  .object({
    ...rangeFields,
    userId: z.string().max(191).optional(),
    model: z.string().max(191).optional(),
    billingMode: z.enum(['self', 'period', 'usage']).optional(),
    routeSource: z.string().max(64).optional(),
    status: z.enum(['success', 'error', 'unpriced']).optional(),
    ...pageFields,
  })
  .strict();

export type LogFilter = z.infer<typeof logFilterSchema>;
export const parseLogFilter = (query: unknown) => parse(logFilterSchema, query ?? {}, 'filter');

const statsSchema = z
  .object({
    ...rangeFields,
    userId: z.string().max(191).optional(),
    model: z.string().max(191).optional(),
    groupBy: z.enum(['day', 'month', 'model', 'user']).default('day'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export type StatsQuery = z.infer<typeof statsSchema>;
export const parseStatsQuery = (query: unknown) => parse(statsSchema, query ?? {}, 'stats query');

const accountListSchema = z.object({ search: z.string().max(191).optional(), ...pageFields }).strict();
export const parseAccountList = (query: unknown) => parse(accountListSchema, query ?? {}, 'account query');

const pageSchema = z.object(pageFields).strict();
export const parsePage = (query: unknown) => parse(pageSchema, query ?? {}, 'page');

const modeSchema = z.object({ mode: z.enum(['self', 'period', 'usage']) }).strict();
export const parseModeQuery = (query: unknown) => parse(modeSchema, query ?? {}, 'mode');

const userUsageSchema = z
  .object({ ...rangeFields, granularity: z.enum(['day', 'month']).default('day'), ...pageFields })
  .strict();
export const parseUserUsageQuery = (query: unknown) => parse(userUsageSchema, query ?? {}, 'usage query');
