import { isFetchError } from '@strapi/strapi/admin';

/** Field errors keyed by JSON path (`prepaidAmount`, `payments.stripe.successUrl`, `tiers[1].upTo`). */
export type FieldErrors = Record<string, string>;

export interface ApiErrorInfo {
  status?: number;
  name?: string;
  message: string;
  details: Record<string, unknown>;
  fieldErrors: FieldErrors;
}

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
    return {
      status: body?.status ?? fetchError?.status,
      name: body?.name,
      message: body?.message || fetchError?.message || fallback,
      details,
      fieldErrors,
    };
  }
  if (error instanceof Error) return { message: error.message || fallback, details: {}, fieldErrors: {} };
  return { message: fallback, details: {}, fieldErrors: {} };
};
