import { isFetchError } from '@strapi/strapi/admin';

import type { DuplicateNameDetails } from '../../../contracts';

/** Field errors keyed by JSON path (`prepaidAmount`, `payments.stripe.successUrl`, `tiers[1].upTo`). */
export type FieldErrors = Record<string, string>;

export interface ApiErrorInfo {
  status?: number;
  name?: string;
  message: string;
  details: Record<string, unknown>;
  fieldErrors: FieldErrors;
  /** A name another entry has (409): the field, and the entry to offer editing instead. */
  duplicate?: Pick<DuplicateNameDetails, 'field' | 'existing'>;
}

/** The taken name of a 409 (contracts/api.ts DuplicateNameDetails), if that is what the error says. */
const duplicateOf = (status: number | undefined, details: Record<string, unknown>): ApiErrorInfo['duplicate'] => {
  const { field, existing } = details as Partial<DuplicateNameDetails>;
  if (status !== 409 || typeof field !== 'string' || typeof existing?.id !== 'number' || typeof existing.name !== 'string') return undefined;
  return { field, existing: { id: existing.id, name: existing.name } };
};

type RawIssue = { path?: unknown; field?: unknown; message?: unknown };

/** `['tiers', '1', 'upTo']` → `tiers[1].upTo`. */
export const joinPath = (parts: unknown[]): string =>
  parts.reduce<string>((acc, part) => {
    const text = String(part);
    if (/^\d+$/.test(text)) return `${acc}[${text}]`;
    return acc ? `${acc}.${text}` : text;
  }, '');

const issueKey = (issue: RawIssue): string => {
  if (typeof issue.field === 'string' && issue.field) return issue.field;
  if (Array.isArray(issue.path)) return joinPath(issue.path);
  if (typeof issue.path === 'string') return issue.path;
  return '';
};

type ErrorBody = { status?: number; name?: string; message?: string; details?: Record<string, unknown> };

const isErrorBody = (value: unknown): value is ErrorBody =>
  typeof value === 'object' && value !== null && !(value instanceof Error) && typeof (value as ErrorBody).message === 'string';

/**
 * Reads Strapi's error shape `{ status, name, message, details: { errors } }`: the `error` of a FetchError's
 * body (useFetchClient), or the error itself as RTK Query hands it over (a query's `error`, a
 * mutation's `unwrap()` rejection).
 */
export const parseApiError = (error: unknown, fallback = 'Something went wrong'): ApiErrorInfo => {
  const fetchError = isFetchError(error) ? error : undefined;
  const body = fetchError ? (fetchError.response?.data?.error as ErrorBody | undefined) : isErrorBody(error) ? error : undefined;
  if (fetchError || body) {
    const details = (body?.details ?? {}) as Record<string, unknown>;
    const fieldErrors: FieldErrors = {};
    const issues = Array.isArray(details.errors) ? (details.errors as RawIssue[]) : [];
    for (const issue of issues) {
      const key = issueKey(issue);
      if (!(key in fieldErrors)) fieldErrors[key] = typeof issue.message === 'string' ? issue.message : 'Invalid value';
    }
    const status = body?.status ?? fetchError?.status;
    return {
      status,
      name: body?.name,
      message: body?.message || fetchError?.message || fallback,
      details,
      fieldErrors,
      duplicate: duplicateOf(status, details),
    };
  }
  if (error instanceof Error) return { message: error.message || fallback, details: {}, fieldErrors: {} };
  return { message: fallback, details: {}, fieldErrors: {} };
};
