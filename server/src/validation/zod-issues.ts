import type { ZodError } from 'zod';
import { BillingValidationError } from '../errors';

/** JSON-path style name of a zod issue path: `payments.stripe.secretKey`, `tiers[0].upTo`. */
export const issuePath = (path: (string | number)[]): string =>
  path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');

export const toValidationError = (error: ZodError, message = 'Invalid request'): BillingValidationError => {
  // An unknown-keys issue names its object; split it so each error points at the offending field.
  const issues = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: issuePath([...(issue.path as (string | number)[]), key]), message: 'unknown field' }))
      : [{ path: issuePath(issue.path as (string | number)[]), message: issue.message }],
  );
  const first = issues[0];
  return new BillingValidationError(first ? `${message}: ${first.path || 'body'} ${first.message}` : message, issues);
};
