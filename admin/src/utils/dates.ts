/*
 * The one date format of the Billing pages. Tables, details, dialogs and charts show an instant the same
 * way ("Nov 27, 2026, 3:26 PM" in English, "2026年11月27日 15:26" in Chinese), so a row and its detail read
 * alike; a date alone is the date part of it ("Nov 27, 2026"), a chart's day axis its month and day
 * ("Nov 27"). The year is always there: "Nov 27" in a table would not say which year a log or a ledger
 * line is from. Seconds and the time zone are in the tooltip (`DATE_TIME_EXACT`). Intl options only, no
 * React: the admin formats them through react-intl's formatDate (the user's interface language), the unit
 * tests through Intl.DateTimeFormat.
 */

/** An instant (tables, details, dialogs). */
export const DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
};

/** A date (a subscription's period, when an account was opened). */
export const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };

/** The time of DATE_TIME, for a cell that puts the time under the date. */
export const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

/** The tooltip of an instant: to the second, with the time zone. */
export const DATE_TIME_EXACT: Intl.DateTimeFormatOptions = { ...DATE_TIME, second: '2-digit', timeZoneName: 'short' };

/**
 * A day of a chart ("YYYY-MM-DD", a day of the daily rollups, which are UTC days): month and day on the
 * axis, formatted in UTC so the bar of Nov 27 never reads Nov 26 west of Greenwich.
 */
export const CHART_DAY: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', timeZone: 'UTC' };
/** The same day in full (a chart's tooltip). */
export const CHART_DAY_FULL: Intl.DateTimeFormatOptions = { ...DATE, timeZone: 'UTC' };

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The UTC midnight of a chart's day key ("2026-11-27"), or null for a key that is not a day. */
export const dayKeyDate = (key: string): Date | null => {
  const match = DAY_KEY.exec(key);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
};

/** A date-time string as a Date, or null when absent or unreadable. */
export const parseInstant = (value: string | null | undefined): Date | null => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};
