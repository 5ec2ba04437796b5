import { z } from 'zod';
import { moneyString, nameString } from '../rating/fields';
import { toNanos, validateRateRequest, type ValidatedRateRequest, type ValidatedUsageReport, type ValidationError } from '../rating';
import { BillingValidationError } from '../errors';
import { objectBody } from './body';
import { parseWith } from './zod-issues';

/** The most reports one POST /usage/batch may carry. */
export const MAX_BATCH_REPORTS = 1000;

// The same identifier rules as the /usage body (rating/fields.ts). Exported, with the schemas below, for the
// OpenAPI document (server/src/openapi), which describes requests with the very schemas that validate them.
export const identifierSchema = nameString();
const id = identifierSchema;

export const authorizeSchema = z
  .object({
    userId: id,
    model: id,
    requestId: id.optional(),
    routeSource: z.string().max(64).optional(),
    serviceTier: z.string().max(64).nullable().optional(),
  })
  .strict();

export type AuthorizeBody = z.infer<typeof authorizeSchema>;

export const parseAuthorize = (body: unknown): AuthorizeBody => parseWith(authorizeSchema, objectBody(body), 'Invalid authorize request');

/** A rate request checked by the rating module, which reports its own errors. */
const rateRequest = <T>(result: { ok: true; request: T } | { ok: false; errors: ValidationError[] }, what: string): T => {
  if (!result.ok) throw BillingValidationError.naming(`Invalid ${what}`, result.errors);
  return result.request;
};

export const parseUsageReport = (body: unknown, notAnObject?: string): ValidatedUsageReport =>
  rateRequest(validateRateRequest(objectBody(body, notAnObject), { requireIds: true }), 'usage report');

export const batchSchema = z.object({ reports: z.array(z.unknown()).min(1).max(MAX_BATCH_REPORTS) }).strict();

/**
 * The envelope of POST /usage/batch: `{ reports: [ … ] }` with 1 to 1,000 reports. Only the envelope is
 * checked here; each report is validated on its own (a bad one is that report's 400, not the batch's).
 */
export const parseUsageBatch = (body: unknown): unknown[] => parseWith(batchSchema, objectBody(body), 'Invalid usage batch').reports;

export const parseQuote = (body: unknown): ValidatedRateRequest =>
  rateRequest(validateRateRequest(objectBody(body), { requireIds: false }), 'quote request');

export const catalogPushSchema = z
  .object({
    models: z
      .array(
        z.union([
          id,
          z.object({ name: id, displayName: z.string().max(191).optional(), provider: z.string().max(64).optional() }).strict(),
        ]),
      )
      .min(1)
      .max(1000),
  })
  .strict();

export const parseCatalogPush = (body: unknown) =>
  parseWith(catalogPushSchema, objectBody(body), 'Invalid model list').models.map((m) => (typeof m === 'string' ? { name: m } : m));

export const extendHoldSchema = z.object({ amount: moneyString().optional() }).strict();

export type ExtendHoldBody = z.infer<typeof extendHoldSchema>;

/** POST /holds/:holdId/extend: `{ amount? }` (more than 0); an empty body, or none, extends by the prepaid amount. */
export const parseExtendHold = (body: unknown): ExtendHoldBody => {
  const input = parseWith(extendHoldSchema, body === undefined || body === null ? {} : objectBody(body), 'Invalid hold extension');
  if (input.amount !== undefined && toNanos(input.amount) <= 0n) {
    throw BillingValidationError.naming('Invalid hold extension', [{ path: 'amount', message: 'must be more than 0' }]);
  }
  return input;
};

export const userIdParam = (value: unknown): string => parseWith(id, value, 'Invalid userId');
