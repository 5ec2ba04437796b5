import { z } from 'zod';
import { PLAIN_DECIMAL_PATTERN } from '../../../contracts/money';
import { component, withOpenApi } from './zod-openapi';

// Building blocks of the answers' schemas. Answer schemas describe what the plugin sends; they are written
// here (the server builds its answers in plain TypeScript) and checked against those types in
// responses/*.ts, and the integration test parses every example answer with them.

/** A decimal amount as JSON carries it: "0.01485", "-2.5" (a balance may go negative). */
export const decimal = component(
  'Decimal',
  z.string().regex(PLAIN_DECIMAL_PATTERN),
  'A decimal amount as a string (never a JSON number), exact to 9 decimal places: "0.01485".',
);

/** An instant as ISO 8601 text in UTC ("2026-01-05T10:00:00.000Z"). */
export const dateTime = z.string().datetime({ offset: true });

/** `{ data }`: the envelope of every successful JSON answer. */
export const dataEnvelope = <T extends z.ZodTypeAny>(data: T) => z.object({ data });

/** One offending field of a 400 ValidationError (`field` is its JSON path: "usage.inputTokens"; '' for the body). */
const fieldError = component(
  'FieldError',
  z.object({ path: z.array(z.string()), message: z.string(), name: z.literal('ValidationError'), field: z.string() }),
);

/** `error.details` of a 400 ValidationError. */
export const validationDetails = z.object({ errors: z.array(fieldError) });

/**
 * Strapi's error answer: `{ data: null, error: { status, name, message, details } }`, with the names this
 * answer can carry. `details` is an object whose members depend on the name (docs/api.md).
 */
export function errorEnvelope(status: number, names: readonly [string, ...string[]], details: z.ZodTypeAny = z.record(z.unknown())) {
  return withOpenApi(
    z.object({
      data: z.null(),
      error: z.object({ status: z.literal(status), name: z.enum(names), message: z.string(), details }),
    }),
    { description: `Strapi's error shape; error.name is one of ${names.join(', ')}.` },
  );
}

/** The 400 of a request that failed validation: every offending field named, nothing written. */
export const validationError = component('ValidationErrorResponse', errorEnvelope(400, ['ValidationError'], validationDetails));
