import { isMoneyDecimal, isPriceDecimal } from '../../../contracts';

/*
 * Decimal strings ("0.01485", "-10.00") are shown and edited as text only: no value goes through a JS
 * number, so nothing is rounded. Only chart bar heights use `toChartNumber` (a visual scale, never a
 * displayed or sent value).
 */

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/*
 * What a form accepts, checked with the rules the server checks (contracts/money.ts) on the trimmed text:
 * a price or factor (prices, tool prices, multipliers, the exchange rate), or a money amount (the
 * prepaid amount, a balance adjustment without its sign).
 */
export const isPriceInput = (value: string) => isPriceDecimal(value.trim());
export const isAmountInput = (value: string) => isMoneyDecimal(value.trim());

const groupThousands = (digits: string, separator = ',') => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);

export const isZeroDecimal = (value: string | null | undefined) => /^[+-]?0*(\.0*)?$/.test(String(value ?? '').trim());

export const isNegativeDecimal = (value: string | null | undefined) => {
  const text = String(value ?? '').trim();
  return text.startsWith('-') && !isZeroDecimal(text);
};

export const isPositiveDecimal = (value: string | null | undefined) => {
  const text = String(value ?? '').trim();
  return !text.startsWith('-') && !isZeroDecimal(text) && DECIMAL_RE.test(text);
};

export interface FormatDecimalOptions {
  /** Pad the fraction with zeros to at least this many digits (default 0). */
  minFraction?: number;
  /** Drop trailing zeros beyond `minFraction` (default true). */
  trimZeros?: boolean;
  /** Prefix positive values with "+". */
  signed?: boolean;
}

/** "1234567.50000" → "1,234,567.5" — by string manipulation only. Non-decimal input is returned as is. */
export const formatDecimal = (value: string | number | null | undefined, options: FormatDecimalOptions = {}): string => {
  if (value === null || value === undefined || value === '') return '—';
  const text = String(value).trim();
  const match = DECIMAL_RE.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return text;
  const [, sign, intDigits, fractionDigits = ''] = match;
  const { minFraction = 0, trimZeros = true, signed = false } = options;
  const integer = groupThousands(intDigits.replace(/^0+(?=\d)/, '') || '0');
  let fraction = fractionDigits;
  if (trimZeros) fraction = fraction.replace(/0+$/, '');
  if (fraction.length < minFraction) fraction = fraction.padEnd(minFraction, '0');
  const zero = isZeroDecimal(text);
  const prefix = sign === '-' && !zero ? '-' : signed && !zero ? '+' : '';
  return `${prefix}${integer}${fraction ? `.${fraction}` : ''}`;
};

/** Token and call counts (strings or numbers) with thousands separators. */
export const formatCount = (value: string | number | null | undefined) => formatDecimal(value);

// Money formatting (currency symbols, digits, rounding for display) is in ./money.

/** Flip the sign of a decimal string: "10.5" → "-10.5". */
export const negateDecimal = (value: string) => {
  const text = value.trim();
  if (isZeroDecimal(text)) return text.replace(/^[+-]/, '');
  if (text.startsWith('-')) return text.slice(1);
  return `-${text.replace(/^\+/, '')}`;
};

/** Decimal string → number for SVG bar heights only. */
export const toChartNumber = (value: string | number | null | undefined) => {
  const parsed = typeof value === 'number' ? value : Number.parseFloat(String(value ?? '0'));
  return Number.isFinite(parsed) ? parsed : 0;
};
