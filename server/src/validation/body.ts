import { BillingValidationError } from '../errors';

/** A JSON route's body, which must be an object: otherwise a 400 whose field is the body itself (''). */
export const objectBody = (body: unknown, message = 'The request body must be a JSON object'): Record<string, unknown> => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new BillingValidationError(message, [{ path: '', message: 'must be a JSON object' }]);
  }
  return body as Record<string, unknown>;
};
