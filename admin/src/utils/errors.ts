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

/** Reads Strapi's error shape `{ error: { status, name, message, details: { errors } } }` off a FetchError. */
export const parseApiError = (error: unknown, fallback = 'Something went wrong'): ApiErrorInfo => {
  if (isFetchError(error)) {
    const body = error.response?.data?.error as
      | { status?: number; name?: string; message?: string; details?: Record<string, unknown> }
      | undefined;
    const details = (body?.details ?? {}) as Record<string, unknown>;
    const fieldErrors: FieldErrors = {};
    const issues = Array.isArray(details.errors) ? (details.errors as RawIssue[]) : [];
    for (const issue of issues) {
      const key = issueKey(issue);
      if (!(key in fieldErrors)) fieldErrors[key] = typeof issue.message === 'string' ? issue.message : 'Invalid value';
    }
    return {
      status: body?.status ?? error.status,
      name: body?.name,
      message: body?.message || error.message || fallback,
      details,
      fieldErrors,
    };
  }
  if (error instanceof Error) return { message: error.message || fallback, details: {}, fieldErrors: {} };
  return { message: fallback, details: {}, fieldErrors: {} };
};

export const isAbortError = (error: unknown) =>
  error instanceof DOMException ? error.name === 'AbortError' : (error as { name?: string })?.name === 'AbortError';

/** Field errors under a prefix, with the prefix removed: `sub(errors, 'payments.stripe')`. */
export const subErrors = (errors: FieldErrors, prefix: string): FieldErrors =>
  Object.fromEntries(
    Object.entries(errors)
      .filter(([key]) => key.startsWith(`${prefix}.`) || key.startsWith(`${prefix}[`))
      .map(([key, value]) => [key.slice(prefix.length).replace(/^\./, ''), value]),
  );
