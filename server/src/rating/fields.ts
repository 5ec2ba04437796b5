import { z } from 'zod';
import {
  MONEY_MAX_INTEGER_DIGITS,
  MONEY_SCALE,
  PRICE_MAX_FRACTION_DIGITS,
  PRICE_MAX_INTEGER_DIGITS,
  isMoneyDecimal,
  isPlainDecimal,
  isPriceDecimal,
  type SignOption,
} from '../../../contracts/money';

// zod field builders with messages written for the person fixing the file or request body.
// Each message completes a sentence that starts with the field's path.

export const MAX_NAME_LENGTH = 191;

// Control characters (NUL included, which PostgreSQL text refuses outright) have no place in an identifier.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** An identifier or name: 1–maxLength characters, not only blanks, no control characters. */
export function nameString(maxLength = MAX_NAME_LENGTH) {
  return z
    .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(maxLength, `must be at most ${maxLength} characters`)
    // An empty string already has its message (min): one error per problem.
    .refine((s) => s.length === 0 || s.trim().length > 0, 'must not be only blanks')
    .refine((s) => !CONTROL_CHARACTERS.test(s), 'must not contain control characters');
}

/** What one kind of decimal accepts: its sign, and its size as a check plus the limits to name in errors. */
interface DecimalRule {
  allowNegative: boolean;
  integerDigits: number;
  fractionDigits: number;
  withinLimits: (s: string) => boolean;
}

const PRICE_RULE: DecimalRule = {
  allowNegative: false,
  integerDigits: PRICE_MAX_INTEGER_DIGITS,
  fractionDigits: PRICE_MAX_FRACTION_DIGITS,
  withinLimits: isPriceDecimal,
};

const moneyRule = (allowNegative: boolean): DecimalRule => ({
  allowNegative,
  integerDigits: MONEY_MAX_INTEGER_DIGITS,
  fractionDigits: MONEY_SCALE,
  withinLimits: (s) => isMoneyDecimal(s, { allowNegative }),
});

/**
 * A decimal string checked with the rules of contracts/money.ts: first its syntax, then its size, each
 * with its own message (a size message on a malformed value would only confuse).
 */
function decimalString(rule: DecimalRule) {
  const plain = (s: string) => isPlainDecimal(s, { allowNegative: rule.allowNegative });
  return z
    .string({ required_error: 'is required', invalid_type_error: 'must be a decimal string such as "1.25" (JSON numbers are not accepted)' })
    .refine(
      plain,
      rule.allowNegative
        ? 'must be a plain decimal string such as "1.25" or "-1.25" (no exponent or spaces)'
        : 'must be a non-negative plain decimal string such as "1.25" (no sign, exponent or spaces)',
    )
    .refine(
      (s) => !plain(s) || rule.withinLimits(s),
      `must have at most ${rule.integerDigits} digits before and ${rule.fractionDigits} after the decimal point`,
    );
}

/** A non-negative price or factor, as a plain decimal string: "0.3", "15", "0". */
export const priceString = () => decimalString(PRICE_RULE);

/** A money amount the database stores exactly (at most 9 decimals); negative only with allowNegative. */
export const moneyString = ({ allowNegative = false }: SignOption = {}) => decimalString(moneyRule(allowNegative));

/** A count such as a token count: a JSON integer, 0 or more, exact in a JS number. */
export function countNumber() {
  return z
    .number({ required_error: 'is required', invalid_type_error: 'must be a non-negative integer (a JSON number, not a string)' })
    .int('must be an integer')
    .nonnegative('must not be negative')
    .max(Number.MAX_SAFE_INTEGER, `must be at most ${Number.MAX_SAFE_INTEGER}`);
}

/** The largest value of a 32-bit integer column (calls, latency on PostgreSQL). */
export const MAX_INT32 = 2_147_483_647;

/** A count stored in a 32-bit integer column (calls, latency in ms): 0 to 2,147,483,647. */
export function int32Number() {
  return countNumber().max(MAX_INT32, `must be at most ${MAX_INT32}`);
}

export function booleanField() {
  return z.boolean({ required_error: 'is required', invalid_type_error: 'must be true or false' });
}

export function objectOf<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape, { required_error: 'is required', invalid_type_error: 'must be an object' }).strict();
}

export function arrayOf<T extends z.ZodTypeAny>(item: T) {
  return z.array(item, { required_error: 'is required', invalid_type_error: 'must be an array' });
}
