/**
 * Subscription plans and subscriptions (period mode): the enumerations and the one price rule the server and
 * the admin's live preview must agree on.
 */
import { Decimal } from 'decimal.js';

/** How long one period of a plan runs. `lifetime`: one period that never ends and whose credit never resets. */
export const PLAN_INTERVALS = ['monthly', 'yearly', 'lifetime'] as const;
export type PlanInterval = (typeof PLAN_INTERVALS)[number];

/**
 * A subscription's life: `active` until it ends, then `expired` (ran out, or was replaced by an upgrade or
 * a grant) or `cancelled` (an administrator cancelled it; it still ran to the end of the period).
 */
export const SUBSCRIPTION_STATUSES = ['active', 'expired', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * What one plan of the period-mode user view offers this user (rules in the README, "Plans and period mode"):
 * `current` (the lifetime plan they hold), `renew` (their recurring plan: one more period), `upgrade` (a
 * dearer plan: takes effect at once), `switch` (a cheaper or equal plan: from the next period), `subscribe`
 * (no subscription yet), `unavailable` (nothing to do: a lifetime subscription is never replaced by a purchase).
 */
export const PLAN_ACTIONS = ['current', 'renew', 'upgrade', 'switch', 'subscribe', 'unavailable'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** Percent off a plan's price: "0" to "100", at most 4 decimals ("12.5"). */
export const DISCOUNT_PATTERN = /^(?:100(?:\.0{1,4})?|\d{1,2}(?:\.\d{1,4})?)$/;

/** User-facing note lines on a plan: how many, how long each. */
export const PLAN_NOTES_MAX_LINES = 20;
export const PLAN_NOTE_MAX_LENGTH = 500;

/** Digits after the decimal point of an ISO 4217 currency's minor unit (USD, CNY 2; JPY 0), as Intl knows it. */
export function currencyMinorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * The price a buyer pays: `price` less `discount` percent, rounded half-up to the currency's minor unit
 * (a card or wallet charges whole cents). "9.99" at "20" → "7.99" (7.992); "10" at "0" → "10.00".
 */
export function finalPlanPrice(price: string, discount: string, currency: string): string {
  const digits = currencyMinorDigits(currency);
  const factor = new Decimal(100).minus(new Decimal(discount || '0')).div(100);
  return new Decimal(price).times(factor).toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toFixed(digits);
}
