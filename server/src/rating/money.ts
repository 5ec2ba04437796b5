import { Decimal } from 'decimal.js';
import { MONEY_SCALE, isPlainDecimal } from '../../../contracts/money';

export type { Decimal } from 'decimal.js';

/** Money is stored with 9 decimal places: integer "nanos" of the currency unit. */
export { MONEY_SCALE };

const NANOS_PER_UNIT = 10n ** BigInt(MONEY_SCALE);

/**
 * The Decimal constructor every money computation uses. A clone, so the global decimal.js
 * configuration (which other code may change) never affects billing. Precision 100 keeps
 * count × price × factor exact at the pricing file's limits (16 + 33 + 33 significant digits,
 * see contracts/money.ts), so line amounts are never rounded; the exponent limits make even a
 * stray `toString()` print plain notation.
 */
export const D = Decimal.clone({
  precision: 100,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

const INTEGER_STRING = /^-?\d+$/;

/**
 * True for plain decimal strings only: "3", "0.30", "-1.5" (with allowNegative). The shared rule of
 * contracts/money.ts, under the name the rating module has always exported.
 */
export const isDecimalString = isPlainDecimal;

export class InvalidDecimalError extends Error {
  override readonly name = 'InvalidDecimalError';
  readonly value: unknown;
  readonly path: string | undefined;

  constructor(value: unknown, path?: string) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    super(`${path ? `${path}: ` : ''}expected a plain decimal string such as "1.25", got ${shown}`);
    this.value = value;
    this.path = path;
  }
}

/** Parses a plain decimal string (see isDecimalString, negatives allowed). Throws InvalidDecimalError otherwise. */
export function parseDecimal(value: string, path?: string): Decimal {
  if (!isDecimalString(value, { allowNegative: true })) throw new InvalidDecimalError(value, path);
  return new D(value);
}

/** Half-up (ties away from zero) at MONEY_SCALE places. */
export function roundMoney(d: Decimal): Decimal {
  return new D(d).toDecimalPlaces(MONEY_SCALE, D.ROUND_HALF_UP);
}

/** Plain notation, trailing zeros trimmed, never an exponent, never "-0". */
export function formatMoney(d: Decimal): string {
  const value = new D(d);
  if (!value.isFinite()) throw new RangeError(`not a finite amount: ${value.toString()}`);
  // decimal.js keeps no trailing zeros, and toFixed() without arguments never uses exponents.
  return value.isZero() ? '0' : value.toFixed();
}

/** Rounds half-up at 9 places and returns the integer number of nanos. */
export function toNanos(value: Decimal | string): bigint {
  const d = typeof value === 'string' ? parseDecimal(value) : new D(value);
  if (!d.isFinite()) throw new RangeError(`not a finite amount: ${d.toString()}`);
  return BigInt(roundMoney(d).times(NANOS_PER_UNIT.toString()).toFixed(0));
}

/** Exact decimal string of an amount in nanos: 14850000n → "0.01485", -1500000000n → "-1.5". */
export function nanosToString(nanos: bigint | string | number): string {
  const value = nanosToBigInt(nanos);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const units = (abs / NANOS_PER_UNIT).toString();
  const fraction = (abs % NANOS_PER_UNIT).toString().padStart(MONEY_SCALE, '0').replace(/0+$/, '');
  const unsigned = fraction ? `${units}.${fraction}` : units;
  return negative ? `-${unsigned}` : unsigned;
}

function nanosToBigInt(nanos: bigint | string | number): bigint {
  if (typeof nanos === 'bigint') return nanos;
  if (typeof nanos === 'number') {
    // A number beyond 2^53 has already lost digits; refusing it beats printing a wrong amount.
    if (!Number.isSafeInteger(nanos)) throw new RangeError(`nanos must be a safe integer, got ${nanos}`);
    return BigInt(nanos);
  }
  if (!INTEGER_STRING.test(nanos)) throw new RangeError(`nanos must be an integer string, got ${JSON.stringify(nanos)}`);
  return BigInt(nanos);
}
