import { z } from 'zod';
import { dataEnvelope, errorEnvelope, validationError } from './common';
import type { Answer } from './operation';

// The answers many routes share. Names are those the server really sends (server/src/errors.ts, Strapi's
// own errors for authentication, permissions and oversized bodies).

export const ok = (description: string, data: z.ZodTypeAny): Answer => ({ description, schema: dataEnvelope(data) });

export const error = (status: number, description: string, names: readonly [string, ...string[]], details?: z.ZodTypeAny): Answer => ({
  description,
  schema: errorEnvelope(status, names, details),
});

export const invalid = (description = 'Invalid input: every offending field is named in error.details.errors; nothing is written.'): Answer => ({
  description,
  schema: validationError,
});

export const unauthorized = error(401, 'Missing, unknown or expired credentials.', ['UnauthorizedError']);

/** 403: the token lacks the route's action, or (gateway routes) the caller is not an API token, or (accounts) not the account's owner. */
export const forbidden = (...more: string[]) =>
  error(403, 'The credentials do not allow this route (its permission action, or the route\'s policy).', ['ForbiddenError', 'PolicyError', ...more]);

/** Strapi's body parser answers this one itself, without `details`. */
export const tooLarge = error(413, "The body is larger than the app's JSON limit (strapi::body, 1 MB by default).", ['PayloadTooLargeError'], z.record(z.unknown()).optional());

/** What every route behind credentials may answer besides its own answers. */
export const authAnswers = (...forbiddenNames: string[]): Record<number, Answer> => ({ 401: unauthorized, 403: forbidden(...forbiddenNames) });
