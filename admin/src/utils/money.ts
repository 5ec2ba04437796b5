/*
 * Money as people read it. Amounts arrive as exact decimal strings (up to 9 decimals, "37.887344696").
 * - `formatMoneyRounded`: lists, tiles and charts, rounded to the currency's minor unit (USD/EUR/CNY 2
 *   decimals, JPY 0, KWD 3: Intl's currency digits), half-up with ties away from zero as the server rounds
 *   bills, so a debit reads as the mirror of the same credit (-0.005 → "-$0.01").
 *   A non-zero amount that rounds to zero never reads "$0.00", which would pass a cheap call for a free
 *   one: it reads "< $0.01" (negative: "> -$0.01", both true bounds). Zero reads "$0.00".
 * - `formatMoney`: detail views and tooltips, every digit, padded to the currency's digits.
 * Rounding is decimal arithmetic (decimal.js), never a JS number. No React here: unit-tested as is.
 */
import { Decimal } from 'decimal.js';

import { formatDecimal, isZeroDecimal } from './decimal';

// Plain notation whatever the exponent, independent of any global decimal.js configuration.
const D = Decimal.clone({ precision: 100, toExpNeg: -9e15, toExpPos: 9e15 });

const PLAIN_DECIMAL = /^[+-]?\d+(\.\d+)?$/;

const CURRENCY_SYMBOLS: Record<string, string> = { USD: '$', CNY: '¥', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

export const currencySymbol = (currency?: string | null) => (currency ? CURRENCY_SYMBOLS[currency] : undefined);

const digitsByCurrency = new Map<string, number>();

/** Decimals of the currency's minor unit (USD 2, JPY 0, KWD 3); 2 without a currency or for an invalid code. */
export const currencyDigits = (currency?: string | null): number => {
  if (!currency) return 2;
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2; // not an ISO 4217 code
    }
    digitsByCurrency.set(currency, digits);
  }
  return digits;
};

/** A formatted decimal ("-1,234.50", "+0.01") with the currency: "-$1,234.50", "+0.01 XYZ", "0.01" (none). */
const withCurrency = (formatted: string, currency?: string | null) => {
  const symbol = currencySymbol(currency);
  if (!symbol) return currency ? `${formatted} ${currency}` : formatted;
  const sign = /^[+-]/.test(formatted) ? formatted[0] : '';
  return `${sign}${symbol}${formatted.slice(sign.length)}`;
};

/** Exact: every digit of the amount, padded to the currency's digits. "-12.5" USD → "-$12.50"; non-decimal input as is. */
export const formatMoney = (value: string | null | undefined, currency?: string | null, options: { signed?: boolean } = {}) => {
  if (value === null || value === undefined || value === '') return '—';
  if (!PLAIN_DECIMAL.test(String(value).trim())) return String(value);
  return withCurrency(formatDecimal(value, { minFraction: currencyDigits(currency), signed: options.signed }), currency);
};

/** The amount rounded to the currency's digits, half-up (ties away from zero), as a decimal string ("37.89"). */
export const roundMoney = (value: string, currency?: string | null): string => {
  const rounded = new D(value.trim()).toFixed(currencyDigits(currency), Decimal.ROUND_HALF_UP);
  return rounded.startsWith('-') && isZeroDecimal(rounded) ? rounded.slice(1) : rounded; // no "-0.00"
};

/** For lists, tiles and charts: "$37.89", "< $0.01", "> -$0.01", "$0.00" (see the rules above). */
export const formatMoneyRounded = (
  value: string | null | undefined,
  currency?: string | null,
  options: { signed?: boolean } = {},
) => {
  if (value === null || value === undefined || value === '') return '—';
  const text = String(value).trim();
  if (!PLAIN_DECIMAL.test(text)) return text;
  const digits = currencyDigits(currency);
  const rounded = roundMoney(text, currency);
  if (isZeroDecimal(rounded) && !isZeroDecimal(text)) {
    const unit = new D(1).dividedBy(new D(10).pow(digits)).toFixed(digits); // "0.01"; "1" for JPY
    const negative = text.startsWith('-');
    const bound = withCurrency(negative ? `-${unit}` : options.signed ? `+${unit}` : unit, currency);
    return negative ? `> ${bound}` : `< ${bound}`;
  }
  return withCurrency(formatDecimal(rounded, { minFraction: digits, signed: options.signed }), currency);
};

/** `balance` plus a signed `amount`, exactly (decimal strings in, a plain decimal string out): an adjustment's result. */
export const addMoney = (balance: string, amount: string): string => new D(balance.trim()).plus(amount.trim()).toFixed();
