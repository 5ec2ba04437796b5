// Typed errors: one class per HTTP status the gateway routes answer, a subclass where the server's error
// name says more (402 InsufficientFundsError…). `name` is always the server's own name (e.g.
// "IdempotencyConflictError" on a ConflictError), so code can branch on the class or on the name.

/** The `error` member of a Strapi error answer: `{ data: null, error: { status, name, message, details } }`. */
export interface ServerError {
  status: number;
  name: string;
  message: string;
  details?: any;
}

export class BillingError extends Error {
  readonly status: number;
  readonly details?: any;
  /** The requestId of the call, when the failed request carried one. */
  readonly requestId?: string;

  constructor(status: number, name: string, message: string, details?: any, requestId?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.name = name;
    this.details = details;
    if (requestId !== undefined) this.requestId = requestId;
  }
}

/** 400: `details.errors[]` names each offending field (`field: "usage.inputTokens"`). */
export class ValidationError extends BillingError {
  /** The fields the server named, e.g. ['usage.inputTokens']. */
  get fields(): string[] {
    const errors = this.details?.errors;
    return Array.isArray(errors) ? errors.map((e: { field?: unknown; path?: unknown }) => String(e.field ?? (Array.isArray(e.path) ? e.path.join('.') : ''))) : [];
  }
}
/** 401: missing or unknown API token. */
export class UnauthorizedError extends BillingError {}
/** 403: the token lacks the route's action. */
export class ForbiddenError extends BillingError {}
/** 403 ModelNotAllowedError: a disabled model, or a model without a price (unless allowUnpricedModels). */
export class ModelNotAllowedError extends ForbiddenError {}
/** 402: the call may not be paid for. */
export class PaymentRequiredError extends BillingError {}
/** 402 (usage mode): available < prepaid amount; details { required, available }. */
export class InsufficientFundsError extends PaymentRequiredError {}
/** 402 (period mode): the period's credit is used up; details { required, available, remainingCredit }. */
export class InsufficientCreditError extends PaymentRequiredError {}
/** 402 (period mode): the user has no active subscription. */
export class NoActiveSubscriptionError extends PaymentRequiredError {}
/** 404: unknown hold, code… */
export class NotFoundError extends BillingError {}
/** 409: IdempotencyConflictError (same requestId, another body), HoldNotOpenError, Code…Error. */
export class ConflictError extends BillingError {}
/** 429 after the retries (e.g. TooManyRedeemAttemptsError). */
export class TooManyRequestsError extends BillingError {}
/**
 * The server could not be reached or kept failing: a network error, a timeout or a 5xx/429… after every
 * retry. `status` is the last HTTP status, 0 when there was no answer at all. The only error fail-open hides.
 */
export class BillingUnavailableError extends BillingError {}
/** The stream meter's hold extension was refused (402): stop the stream. `cause` is the 402 error. */
export class HoldExhaustedError extends BillingError {}

const PAYMENT_REQUIRED: Record<string, typeof PaymentRequiredError> = {
  InsufficientFundsError,
  InsufficientCreditError,
  NoActiveSubscriptionError,
};

/** The typed error of an answer that is not 2xx (after the retries for 5xx and 429). */
export function errorFromResponse(status: number, body: unknown, requestId?: string): BillingError {
  const error = (body as { error?: Partial<ServerError> } | null)?.error;
  const name = typeof error?.name === 'string' ? error.name : `HTTP${status}`;
  const message = typeof error?.message === 'string' ? error.message : `The billing server answered ${status}`;
  const details = error?.details;
  const make = (Type: typeof BillingError) => new Type(status, name, message, details, requestId);
  if (status === 400) return make(ValidationError);
  if (status === 401) return make(UnauthorizedError);
  if (status === 402) return make(PAYMENT_REQUIRED[name] ?? PaymentRequiredError);
  if (status === 403) return make(name === 'ModelNotAllowedError' ? ModelNotAllowedError : ForbiddenError);
  if (status === 404) return make(NotFoundError);
  if (status === 409) return make(ConflictError);
  if (status === 429) return make(TooManyRequestsError);
  if (status >= 500) return make(BillingUnavailableError);
  return make(BillingError);
}
