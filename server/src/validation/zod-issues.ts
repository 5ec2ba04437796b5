import type { ZodError } from 'zod';
import { ROOT_PATH, issuesToErrors } from '../rating/validation-errors';
import { BillingValidationError } from '../errors';

/**
 * A zod failure as Strapi's 400, one error per offending field (the rating module's path rules). Errors
 * about the body itself keep the empty field these routes have always reported.
 */
export const toValidationError = (error: ZodError, message = 'Invalid request'): BillingValidationError => {
  const issues = issuesToErrors(error.issues).map((issue) => (issue.path === ROOT_PATH ? { ...issue, path: '' } : issue));
  return new BillingValidationError(`${message}: ${issues[0].path || 'body'} ${issues[0].message}`, issues);
};
