import { z } from 'zod';
import { isDecimalString } from './money';

// zod field builders with messages written for the person fixing the file or request body.
// Each message completes a sentence that starts with the field's path.

export const MAX_NAME_LENGTH = 191;

// Limits that keep price × token count × factor inside the 50 significant digits of money.ts,
// so every line amount is exact. No real price comes near them.
export const MAX_INTEGER_DIGITS = 15;
export const MAX_FRACTION_DIGITS = 18;

export function nameString(maxLength = MAX_NAME_LENGTH) {
  return z
    .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(maxLength, `must be at most ${maxLength} characters`);
}

function withinDigitLimits(s: string): boolean {
  const [integer = '', fraction = ''] = s.split('.');
  return integer.length <= MAX_INTEGER_DIGITS && fraction.length <= MAX_FRACTION_DIGITS;
}

/** A non-negative price or factor, as a plain decimal string: "0.3", "15", "0". */
export function priceString() {
  return z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be a decimal string such as "1.25" (JSON numbers are not accepted)',
    })
    .refine((s) => isDecimalString(s), 'must be a non-negative plain decimal string such as "1.25" (no sign, exponent or spaces)')
    .refine(
      (s) => !isDecimalString(s) || withinDigitLimits(s),
      `must have at most ${MAX_INTEGER_DIGITS} digits before and ${MAX_FRACTION_DIGITS} after the decimal point`,
    );
}

/** A count such as a token count: a JSON integer, 0 or more, exact in a JS number. */
export function countNumber() {
  return z
    .number({ required_error: 'is required', invalid_type_error: 'must be a non-negative integer (a JSON number, not a string)' })
    .int('must be an integer')
    .nonnegative('must not be negative')
    .max(Number.MAX_SAFE_INTEGER, `must be at most ${Number.MAX_SAFE_INTEGER}`);
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
