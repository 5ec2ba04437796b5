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

/** A hold that reserves nothing any more (settled, released or expired) cannot be extended: the call must authorize again. */
export class HoldNotOpenError extends BillingError {
  constructor(holdId: string, status: string) {
    super(409, 'HoldNotOpenError', `Hold "${holdId}" is ${status}: it reserves nothing and cannot be extended`, { holdId, status });
  }
}

export class NoActiveSubscriptionError extends BillingError {
  constructor(userId: string) {
    super(402, 'NoActiveSubscriptionError', 'No active subscription: subscribe to a plan to make paid calls', { userId });
  }
}

export class InsufficientCreditError extends BillingError {
  constructor(details: { required: string; available: string; remainingCredit: string }) {
    super(402, 'InsufficientCreditError', "The subscription's credit for this period is used up", details);
  }
}

export class PlanInUseError extends BillingError {
  constructor(planId: number, subscriptions: number) {
    super(409, 'PlanInUseError', `Plan ${planId} has ${subscriptions} subscription(s) and cannot be deleted: disable it instead`, { planId, subscriptions });
  }
}

export class PlanNotAvailableError extends BillingError {
  constructor(planId: number, reason: 'disabled' | 'lifetime' | 'same-plan' | 'not-cheaper') {
    const why = {
      disabled: 'is disabled',
      lifetime: 'is a lifetime plan, which has no next period',
      'same-plan': 'is the plan the subscription already runs on',
      'not-cheaper': 'costs more than the current plan: upgrade to it instead',
    }[reason];
    super(409, 'PlanNotAvailableError', `Plan ${planId} ${why}`, { planId, reason });
  }
}

/** Unknown, deleted or disabled: indistinguishable on purpose, so guessing learns nothing. */
export class CodeNotFoundError extends BillingError {
  constructor() {
    super(404, 'CodeNotFoundError', 'No redeemable code matches');
  }
}

export class CodeExpiredError extends BillingError {
  constructor(expiresAt: string) {
    super(409, 'CodeExpiredError', 'This code has expired', { expiresAt });
  }
}

export class CodeExhaustedError extends BillingError {
  constructor() {
    super(409, 'CodeExhaustedError', 'This code has been used as many times as it allows');
  }
}

export class CodeLimitReachedError extends BillingError {
  constructor(perUserLimit: number) {
    super(409, 'CodeLimitReachedError', 'You have already redeemed this code as many times as it allows per user', { perUserLimit });
  }
}

export class CodeNotApplicableError extends BillingError {
  constructor(codeMode: string, billingMode: string) {
    super(409, 'CodeNotApplicableError', billingMode === 'self' ? 'Codes cannot be redeemed in self billing mode' : `This code is for ${codeMode} billing, not ${billingMode}`, {
      codeMode,
      billingMode,
    });
  }
}

export class TooManyRedeemAttemptsError extends BillingError {
  constructor(retryAfterSeconds: number) {
    super(429, 'TooManyRedeemAttemptsError', `Too many failed attempts: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

export type CheckoutRefusal = 'mode' | 'channel-disabled' | 'channel-not-configured' | 'plan-unavailable' | 'below-minimum';

/** A checkout the current settings do not allow (wrong billing mode, channel off or unconfigured, plan not for sale). */
export class CheckoutNotAvailableError extends BillingError {
  constructor(reason: CheckoutRefusal, message: string, details: Record<string, unknown> = {}) {
    super(409, 'CheckoutNotAvailableError', message, { reason, ...details });
  }
}

/** A provider call failed (network, refused request): nothing was charged; the order stays pending. */
export class PaymentProviderError extends BillingError {
  constructor(channel: string, message: string) {
    super(502, 'PaymentProviderError', `${channel}: ${message}`, { channel });
  }
}

/** A callback that cannot be trusted or matched: bad signature, stale timestamp, wrong merchant, unknown order. */
export class WebhookRejectedError extends BillingError {
  constructor(reason: string, status = 400) {
    super(status, 'WebhookRejectedError', reason, {});
  }
}
