// How the admin writes an amount, computed from the API's decimal string (never through a JS number).
//
// The admin shows money either with every digit the API returned ("$0.0430713": detail views, prices)
// or rounded to cents ("$0.04", "< $0.01": lists and tiles, admin/src/utils/money.ts). An amount on
// screen must equal one of those renderings of the exact API value: `moneyTexts` lists them.
import Decimal from 'decimal.js';

const SYMBOLS: Record<string, string> = { USD: '$', CNY: '¥', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `value` with at least two decimals, thousands separators and the currency symbol: "-$1,234.50". */
function render(value: Decimal, fractionDigits: number | undefined, currency: string, signed: boolean): string {
  const abs = value.abs();
  let text = fractionDigits === undefined ? abs.toFixed() : abs.toFixed(fractionDigits);
  let [int, frac = ''] = text.split('.');
  frac = frac.replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  text = `${group(int)}.${frac}`;
  const zero = value.isZero() || new Decimal(text.replace(/,/g, '')).isZero();
  const sign = zero ? '' : value.isNegative() ? '-' : signed ? '+' : '';
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${text}` : `${sign}${text} ${currency}`;
}

/** The full-precision rendering, as the admin's formatMoney does: "0.0430713" → "$0.0430713", "3" → "$3.00". */
export const formatMoney = (value: string, currency = 'USD', { signed = false } = {}) =>
  render(new Decimal(value), undefined, currency, signed);

/**
 * Every accepted rendering of an exact amount: full precision, or rounded to cents half-up (ties away
 * from zero) where a non-zero amount that rounds to zero reads "< $0.01" (negative: "> -$0.01").
 */
export function moneyTexts(value: string, currency = 'USD', { signed = false } = {}): string[] {
  const exact = new Decimal(value);
  const cents = exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const texts = [render(exact, undefined, currency, signed)];
  if (cents.isZero() && !exact.isZero()) {
    texts.push(exact.isNegative() ? `> ${render(new Decimal('-0.01'), 2, currency, false)}` : `< ${render(new Decimal('0.01'), 2, currency, signed)}`);
  } else {
    texts.push(render(cents, 2, currency, signed));
  }
  return [...new Set(texts)];
}

/** True when the amount has at most two decimals, so every rendering is the same text. */
export const isCents = (value: string) => new Decimal(value).decimalPlaces() <= 2;

export const add = (a: string, b: string) => new Decimal(a).plus(b).toFixed();

/** A count or quantity as the admin's formatDecimal writes it: "8995" → "8,995", "12.50" → "12.5". */
export function formatQuantity(value: string | number): string {
  const [int, frac] = new Decimal(value).toFixed().split('.');
  const sign = int.startsWith('-') ? '-' : '';
  return `${sign}${group(int.replace('-', ''))}${frac ? `.${frac}` : ''}`;
}
