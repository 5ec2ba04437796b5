import { z } from 'zod';
import { TOKEN_KINDS, type TokenCountField } from '../../../contracts/pricing';
import { arrayOf, countNumber, int32Number, nameString, objectOf } from './fields';
import { issuesToErrors } from './validation-errors';
import type { RateRequest, ToolUse, ValidationError } from './types';

export const MAX_TOOL_USES = 64;
export const MAX_ROUTE_SOURCE_LENGTH = 64;
/** A billed duration of more than about 31 years is a gateway bug, not a call. */
export const MAX_DURATION_SECONDS = 1_000_000_000;
/** Why a failed call failed, as the gateway saw it: enough for an upstream error's message, not its body. */
export const MAX_ERROR_MESSAGE_LENGTH = 500;

/** The text counts (contracts/pricing.ts `common`): always present after validation, 0 by default. */
type CommonCountField = Extract<(typeof TOKEN_KINDS)[number], { common: true }>['count'];
const COMMON_COUNTS = TOKEN_KINDS.filter((kind) => kind.common).map((kind) => kind.count);
/** The other token counts (audio, image, video, 1-hour cache writes): present only when above 0. */
const OTHER_COUNTS = TOKEN_KINDS.filter((kind) => !kind.common).map((kind) => kind.count);

/**
 * Usage counts after validation: the text counts and durationSeconds present (0 by default), calls 1 by
 * default; the other token counts only when above 0. Leaving out a 0 keeps the validated report — and so
 * the idempotency hash stored with each log — of a body without them the same as before they existed.
 */
export type ValidatedUsage = Record<CommonCountField, number> &
  Partial<Record<Exclude<TokenCountField, CommonCountField>, number>> & {
    durationSeconds: number;
    calls: number;
  };

/** A /quote or /usage body after validation, defaults applied. */
export interface ValidatedRateRequest extends RateRequest {
  /** Present only when ids were required (a /usage report). */
  requestId?: string;
  userId?: string;
  holdId?: string;
  usage: ValidatedUsage;
  tools: ToolUse[];
  serviceTier?: string | null;
  routeSource?: string;
  latencyMs?: number;
  status: 'success' | 'error';
  /** Only with status "error"; absent otherwise, so the idempotency hash of a report without it is unchanged. */
  errorMessage?: string;
}

export type ValidatedUsageReport = ValidatedRateRequest & { requestId: string; userId: string };

export type RateRequestResult<T extends ValidatedRateRequest = ValidatedRateRequest> =
  | { ok: true; request: T }
  | { ok: false; errors: ValidationError[] };

const usageSchema = objectOf({
  ...Object.fromEntries(COMMON_COUNTS.map((count) => [count, countNumber().default(0)])),
  ...Object.fromEntries(OTHER_COUNTS.map((count) => [count, countNumber().optional()])),
  durationSeconds: z
    .number({ invalid_type_error: 'must be a non-negative number of seconds (a JSON number, not a string)' })
    .nonnegative('must not be negative')
    .finite('must be finite')
    .max(MAX_DURATION_SECONDS, `must be at most ${MAX_DURATION_SECONDS}`)
    .default(0),
  // A per-call model bills one call unless told otherwise.
  calls: int32Number().default(1),
});

const toolUseSchema = objectOf({ tool: nameString(), calls: int32Number().optional() });

// NUL and the other control characters, except tab, line feed and carriage return.
const ERROR_MESSAGE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function requestSchema(requireIds: boolean) {
  const id = nameString();
  return objectOf({
    requestId: requireIds ? id : id.optional(),
    userId: requireIds ? id : id.optional(),
    model: nameString(),
    holdId: nameString().optional(),
    usage: usageSchema,
    tools: arrayOf(toolUseSchema).max(MAX_TOOL_USES, `must have at most ${MAX_TOOL_USES} entries`).default([]),
    serviceTier: z.string({ invalid_type_error: 'must be a string or null' }).max(191, 'must be at most 191 characters').nullable().optional(),
    routeSource: nameString(MAX_ROUTE_SOURCE_LENGTH).optional(),
    latencyMs: int32Number().optional(),
    status: z.enum(['success', 'error'], { errorMap: () => ({ message: 'must be "success" or "error"' }) }).default('success'),
    // Free text from upstream (line breaks allowed): refused when too long rather than cut, like every field.
    errorMessage: z
      .string({ invalid_type_error: 'must be a string' })
      .min(1, 'must not be empty')
      .max(MAX_ERROR_MESSAGE_LENGTH, `must be at most ${MAX_ERROR_MESSAGE_LENGTH} characters (cut it before reporting)`)
      .refine((s) => s.length === 0 || s.trim().length > 0, 'must not be only blanks')
      .refine((s) => !ERROR_MESSAGE_FORBIDDEN.test(s), 'must not contain control characters other than line breaks and tabs')
      .optional(),
  });
}

// Built once: validation runs on every /quote and /usage call. Exported for the OpenAPI document.
export const usageReportSchema = requestSchema(true);
export const quoteSchema = requestSchema(false);

/**
 * Validates a /usage body (requireIds: true) or a /quote body (requireIds: false). Numbers must be
 * JSON numbers: "1000" for a token count is an error, because a client that sends strings has a
 * bug that silent coercion would hide. Without requireIds, requestId/userId are still checked
 * when present, then dropped: a quote is not tied to a request.
 */
export function validateRateRequest(input: unknown, opts: { requireIds: true }): RateRequestResult<ValidatedUsageReport>;
export function validateRateRequest(input: unknown, opts: { requireIds: boolean }): RateRequestResult;
export function validateRateRequest(input: unknown, opts: { requireIds: boolean }): RateRequestResult {
  const parsed = (opts.requireIds ? usageReportSchema : quoteSchema).safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const request = parsed.data as ValidatedRateRequest;
  if (request.errorMessage !== undefined && request.status !== 'error') {
    return { ok: false, errors: [{ path: 'errorMessage', message: 'is only accepted with status "error"' }] };
  }
  for (const count of OTHER_COUNTS) if (request.usage[count] === 0) delete request.usage[count];
  if (!opts.requireIds) {
    delete request.requestId;
    delete request.userId;
  }
  return { ok: true, request };
}
