import { errors } from '@strapi/utils';
import type { ValidationError as RatingValidationError } from './rating/types';
import { pathSegments } from './rating/validation-errors';

/**
 * Errors of the billing domain. Strapi's error middleware answers every ApplicationError with 400, so each
 * of ours carries its HTTP status; the plugin's `billing-errors` route middleware turns it into Strapi's
 * error shape `{ data: null, error: { status, name, message, details } }` with that status.
 */
export class BillingError extends errors.ApplicationError<string, string, Record<string, unknown>> {
  status: number;
  constructor(status: number, name: string, message: string, details: Record<string, unknown> = {}) {
    super(message, details);
    this.name = name;
    this.status = status;
  }
}

export class InsufficientFundsError extends BillingError {
  constructor(details: { required: string; available: string }) {
    super(402, 'InsufficientFundsError', 'Insufficient funds for this call', details);
  }
}

export class ModelNotAllowedError extends BillingError {
  constructor(model: string, reason: 'disabled' | 'unpriced') {
    super(403, 'ModelNotAllowedError', `Model "${model}" is ${reason}`, { model, reason });
  }
}

export class IdempotencyConflictError extends BillingError {
  constructor(key: string, field = 'requestId') {
    super(409, 'IdempotencyConflictError', `A different request was already recorded with ${field} "${key}"`, { [field]: key });
  }
}

export class NotFoundError extends BillingError {
  constructor(what: string, details: Record<string, unknown> = {}) {
    super(404, 'NotFoundError', `${what} not found`, details);
  }
}

export class ConflictError extends BillingError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(409, 'ConflictError', message, details);
  }
}

/** One offending value: its JSON path (`usage.inputTokens`, `tiers[1].upTo`; '' for the body itself) and what is wrong. */
export type ValidationIssue = RatingValidationError;

/** 400 naming the offending fields, in the shape Strapi's own validation errors use. */
export class BillingValidationError extends errors.ValidationError {
  constructor(message: string, issues: ValidationIssue[]) {
    super(message, {
      errors: issues.map((issue) => ({
        path: pathSegments(issue.path),
        message: issue.message,
        name: 'ValidationError',
        field: issue.path,
      })),
    });
  }

  /** The 400 of input that failed validation, its message naming the first problem: `Invalid quote request: usage.inputTokens must…`. */
  static naming(summary: string, issues: ValidationIssue[]): BillingValidationError {
    return new BillingValidationError(`${summary}: ${issues[0].path || 'body'} ${issues[0].message}`, issues);
  }
}
