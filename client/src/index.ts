// strapi-plugin-usage-billing/client: a typed client of the plugin's gateway routes, for the service that
// calls the models (docs/client.md). No runtime dependency: the global fetch (Node 20+, browsers, Deno, Bun).
export { createBillingClient } from './client';
export type { BillingClient, BillingClientOptions, BilledCall, BilledResult, RunOutcome, ReplayOutcome } from './client';
export {
  BillingError,
  ValidationError,
  UnauthorizedError,
  ForbiddenError,
  ModelNotAllowedError,
  PaymentRequiredError,
  InsufficientFundsError,
  InsufficientCreditError,
  NoActiveSubscriptionError,
  NotFoundError,
  ConflictError,
  TooManyRequestsError,
  BillingUnavailableError,
  HoldExhaustedError,
  errorFromResponse,
} from './errors';
export type { ServerError } from './errors';
export { memoryJournal, fileJournal } from './journal';
export type { UsageJournal } from './journal';
export { StreamMeter } from './stream-meter';
export type { StreamMeterOptions } from './stream-meter';
export type { FetchLike } from './transport';
export type * from './types';
