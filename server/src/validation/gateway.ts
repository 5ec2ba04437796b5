import { z } from 'zod';
import { nameString } from '../rating/fields';
import { validateRateRequest, type ValidatedRateRequest, type ValidatedUsageReport } from '../rating';
import { BillingValidationError } from '../errors';
import { toValidationError } from './zod-issues';

// The same identifier rules as the /usage body (rating/fields.ts).
const id = nameString();

const authorizeSchema = z
  .object({
    userId: id,
    model: id,
    requestId: id.optional(),
    routeSource: z.string().max(64).optional(),
    serviceTier: z.string().max(64).nullable().optional(),
  })
  .strict();

export type AuthorizeBody = z.infer<typeof authorizeSchema>;

export const objectBody = (body: unknown) => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new BillingValidationError('The request body must be a JSON object', [{ path: '', message: 'must be a JSON object' }]);
  }
  return body;
};

export const parseAuthorize = (body: unknown): AuthorizeBody => {
  const parsed = authorizeSchema.safeParse(objectBody(body));
  if (!parsed.success) throw toValidationError(parsed.error, 'Invalid authorize request');
  return parsed.data;
};

const fromRatingErrors = (errors: { path: string; message: string }[], what: string) =>
  new BillingValidationError(`Invalid ${what}: ${errors[0].path} ${errors[0].message}`, errors);

export const parseUsageReport = (body: unknown): ValidatedUsageReport => {
  const result = validateRateRequest(objectBody(body), { requireIds: true });
  if (!result.ok) throw fromRatingErrors(result.errors, 'usage report');
  return result.request;
};

export const parseQuote = (body: unknown): ValidatedRateRequest => {
  const result = validateRateRequest(objectBody(body), { requireIds: false });
  if (!result.ok) throw fromRatingErrors(result.errors, 'quote request');
  return result.request;
};

const catalogPushSchema = z
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

export const parseCatalogPush = (body: unknown) => {
  const parsed = catalogPushSchema.safeParse(objectBody(body));
  if (!parsed.success) throw toValidationError(parsed.error, 'Invalid model list');
  return parsed.data.models.map((m) => (typeof m === 'string' ? { name: m } : m));
};

export const userIdParam = (value: unknown): string => {
  const parsed = id.safeParse(value);
  if (!parsed.success) throw toValidationError(parsed.error, 'Invalid userId');
  return parsed.data;
};
