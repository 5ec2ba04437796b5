import type { ZodError } from 'zod';
import { BillingValidationError } from '../errors';

/** JSON-path style name of a zod issue path: `payments.stripe.secretKey`, `tiers[0].upTo`. */
export const issuePath = (path: (string | number)[]): string =>
  path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');

export const toValidationError = (error: ZodError, message = 'Invalid request'): BillingValidationError => {
  const issues = error.issues.map((issue) => ({ path: issuePath(issue.path as (string | number)[]), message: issue.message }));
  const first = issues[0];
  return new BillingValidationError(first ? `${message}: ${first.path || 'body'} ${first.message}` : message, issues);
};
