import type { ZodError, ZodTypeAny, output } from 'zod';
import { issuesToErrors } from '../rating/validation-errors';
import { BillingValidationError } from '../errors';

/**
 * A zod failure as Strapi's 400, one error per offending field (the rating module's path rules). Errors
 * about the body itself keep the empty field these routes have always reported.
 */
export const toValidationError = (error: ZodError, message = 'Invalid request'): BillingValidationError =>
  BillingValidationError.naming(message, issuesToErrors(error.issues, { rootPath: '' }));

/** `input` parsed by `schema`, or the 400 naming every offending field (`message`: "Invalid …"). */
export const parseWith = <S extends ZodTypeAny>(schema: S, input: unknown, message: string): output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw toValidationError(result.error, message);
  return result.data;
};
