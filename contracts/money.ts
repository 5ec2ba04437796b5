/**
 * Money, prices and factors travel as plain decimal strings ("12.5", "-0.3", "0"): never JSON numbers,
 * exponents, signs other than a leading "-", bare dots (".5", "5.") or spaces, so an amount reads the
 * same to a person and to the machine. The server's validation and the admin's forms both check them
 * with these rules. Plain TypeScript only: no zod, Strapi, React or decimal.js.
 */

/** Money is stored with 9 decimal places: 64-bit integer columns of nanos (1e-9 of the currency unit). */
export const MONEY_SCALE = 9;

/**
 * Whole units of one amount that always fit those columns: 2^63 − 1 nanos is about 9.2 billion units,
 * so 9 integer digits always fit and 10 may not.
 */
export const MONEY_MAX_INTEGER_DIGITS = 9;

/** The largest amount a 64-bit nanos column holds: 2^63 − 1 nanos (about 9.2 billion units). */
export const MAX_STORABLE_NANOS = 9_223_372_036_854_775_807n;

/**
 * Limits of a price (per 1M tokens, per call, per second) or a factor. Prices are stored as text, not
 * nanos; these limits keep price × token count × factor exact in the rating engine's 100 significant
 * digits, so no line amount is ever rounded. No real price comes near them.
 */
export const PRICE_MAX_INTEGER_DIGITS = 15;
export const PRICE_MAX_FRACTION_DIGITS = 18;

const decimalPattern = (integerDigits: string, fractionDigits: string, signed: boolean) =>
  new RegExp(`^${signed ? '-?' : ''}\\d${integerDigits}(?:\\.\\d${fractionDigits})?$`);

/** Any plain decimal, of any length, optionally negative: the syntax every amount, price and factor shares. */
export const PLAIN_DECIMAL_PATTERN = decimalPattern('+', '+', true);

/** A money amount (a balance change, the prepaid amount…) that the nanos columns hold exactly; sign optional. */
export const MONEY_DECIMAL_PATTERN = decimalPattern(`{1,${MONEY_MAX_INTEGER_DIGITS}}`, `{1,${MONEY_SCALE}}`, true);

/** A price or factor: never negative, within the price limits. */
export const PRICE_DECIMAL_PATTERN = decimalPattern(`{1,${PRICE_MAX_INTEGER_DIGITS}}`, `{1,${PRICE_MAX_FRACTION_DIGITS}}`, false);

export interface SignOption {
  /** Accept a leading "-" (a debit, a correction). Off by default: most amounts are never negative. */
  allowNegative?: boolean;
}

const signAllowed = (value: string, { allowNegative = false }: SignOption) => allowNegative || !value.startsWith('-');

/** True for a plain decimal string of any size (see PLAIN_DECIMAL_PATTERN). */
export const isPlainDecimal = (value: unknown, options: SignOption = {}): value is string =>
  typeof value === 'string' && PLAIN_DECIMAL_PATTERN.test(value) && signAllowed(value, options);

/** True for a money amount the database stores exactly: at most 9 digits before and 9 after the point. */
export const isMoneyDecimal = (value: unknown, options: SignOption = {}): value is string =>
  typeof value === 'string' && MONEY_DECIMAL_PATTERN.test(value) && signAllowed(value, options);

/** True for a price or factor within the price limits (never negative). */
export const isPriceDecimal = (value: unknown): value is string => typeof value === 'string' && PRICE_DECIMAL_PATTERN.test(value);
