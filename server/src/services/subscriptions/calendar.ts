import type { PlanInterval } from '../../../../contracts/plans';

// Period arithmetic, pure and in UTC. Periods are anchored on the moment a subscription started: period n
// ends n intervals after that anchor, with calendar months clamped to the month's length, so a subscription
// started on Jan 31 renews on Feb 28 (29 in a leap year), then Mar 31 — the anchor day comes back and no
// period drifts. A yearly period is 12 months (from Feb 29 to Feb 28 of the next year, Feb 29 again in a
// leap year).

const MONTHS: Record<Exclude<PlanInterval, 'lifetime'>, number> = { monthly: 1, yearly: 12 };

const daysInMonth = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();

/** `anchor` plus `months` calendar months, the day clamped to the target month's last day; time of day kept. */
export function addMonths(anchor: Date, months: number): Date {
  const total = anchor.getUTCFullYear() * 12 + anchor.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(anchor.getUTCDate(), daysInMonth(year, month));
  return new Date(Date.UTC(year, month, day, anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds(), anchor.getUTCMilliseconds()));
}

/** Whole calendar months from `anchor` to `date` (by year and month only). */
const monthsFrom = (anchor: Date, date: Date) =>
  (date.getUTCFullYear() - anchor.getUTCFullYear()) * 12 + (date.getUTCMonth() - anchor.getUTCMonth());

/**
 * The end of the period that starts at `periodStart` (itself a period boundary of `anchor`) and runs one
 * `interval`; null for a lifetime plan, which has one period without end.
 */
export function periodEndAfter(anchor: Date, periodStart: Date, interval: PlanInterval): Date | null {
  if (interval === 'lifetime') return null;
  return addMonths(anchor, monthsFrom(anchor, periodStart) + MONTHS[interval]);
}

/** True when `date` is one of the anchor's monthly boundaries (a grant of N days may end between two). */
export const isPeriodBoundary = (anchor: Date, date: Date) => addMonths(anchor, monthsFrom(anchor, date)).getTime() === date.getTime();

/** `date` plus whole days (a code's or grant's duration). */
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
