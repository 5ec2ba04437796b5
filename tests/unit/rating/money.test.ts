import fc from 'fast-check';
import { Decimal as GlobalDecimal } from 'decimal.js';
import {
  D,
  formatMoney,
  InvalidDecimalError,
  isDecimalString,
  MONEY_SCALE,
  nanosToString,
  parseDecimal,
  roundMoney,
  toNanos,
} from '../../../server/src/rating';

describe('money helpers', () => {
  it('uses 9 decimal places and a private Decimal configuration', () => {
    expect(MONEY_SCALE).toBe(9);
    expect(D.precision).toBe(100);
    expect(D.rounding).toBe(GlobalDecimal.ROUND_HALF_UP);
    expect(D).not.toBe(GlobalDecimal);
  });

  describe('isDecimalString / parseDecimal', () => {
    it.each(['0', '3', '0.30', '15', '123456789.123456789', '007'])('accepts %p', (s) => {
      expect(isDecimalString(s)).toBe(true);
      expect(parseDecimal(s).toFixed()).toBe(new GlobalDecimal(s).toFixed());
    });

    it('accepts negatives only when asked to (parseDecimal always does)', () => {
      expect(isDecimalString('-1.5')).toBe(false);
      expect(isDecimalString('-1.5', { allowNegative: true })).toBe(true);
      expect(parseDecimal('-1.5').toFixed()).toBe('-1.5');
    });

    it.each(['', ' 1', '1 ', '1e3', '1E-3', '.5', '5.', '+1', '0x10', 'abc', 'NaN', 'Infinity', '1,5', '--1'])('rejects %p', (s) => {
      expect(isDecimalString(s, { allowNegative: true })).toBe(false);
      expect(() => parseDecimal(s)).toThrow(InvalidDecimalError);
    });

    it('rejects non-strings and names the path', () => {
      expect(isDecimalString(3)).toBe(false);
      expect(isDecimalString(null)).toBe(false);
      expect(() => parseDecimal(3 as unknown as string, 'models[0].input')).toThrow('models[0].input: expected a plain decimal string');
    });
  });

  describe('toNanos', () => {
    it('converts exactly', () => {
      expect(toNanos('0.01485')).toBe(14_850_000n);
      expect(toNanos('1')).toBe(1_000_000_000n);
      expect(toNanos('0.000000001')).toBe(1n);
      expect(toNanos(new D('-1.5'))).toBe(-1_500_000_000n);
      expect(toNanos('0')).toBe(0n);
    });

    it('rounds half-up at the 9th place', () => {
      expect(toNanos('0.00000000149')).toBe(1n);
      expect(toNanos('0.0000000015')).toBe(2n);
      expect(toNanos('0.0000000005')).toBe(1n);
      expect(toNanos('0.00000000049999')).toBe(0n);
      expect(toNanos('0.00000001')).toBe(10n);
    });

    it('keeps values far beyond 2^53 nanos', () => {
      // 2^53 nanos is only about 9 million units; balances can be far larger.
      expect(toNanos('123456789012345678.123456789')).toBe(123_456_789_012_345_678_123_456_789n);
      expect(toNanos('9007199254740993')).toBe(9_007_199_254_740_993_000_000_000n);
    });

    it('accepts Decimals from another decimal.js configuration', () => {
      expect(toNanos(new GlobalDecimal('2.5'))).toBe(2_500_000_000n);
    });
  });

  describe('nanosToString', () => {
    it('prints exact plain decimals with trailing zeros trimmed', () => {
      expect(nanosToString(14_850_000n)).toBe('0.01485');
      expect(nanosToString(0n)).toBe('0');
      expect(nanosToString(-1_500_000_000n)).toBe('-1.5');
      expect(nanosToString(1n)).toBe('0.000000001');
      expect(nanosToString(10n)).toBe('0.00000001');
      expect(nanosToString(-1n)).toBe('-0.000000001');
      expect(nanosToString(3_000_000_000n)).toBe('3');
    });

    it('accepts integer strings and safe integer numbers', () => {
      expect(nanosToString('123456789012345678901234567')).toBe('123456789012345678.901234567');
      expect(nanosToString('-42')).toBe('-0.000000042');
      expect(nanosToString(1_250_000_000)).toBe('1.25');
    });

    it('refuses inputs that could already have lost digits or are not integers', () => {
      expect(() => nanosToString(2 ** 53)).toThrow(RangeError);
      expect(() => nanosToString(1.5)).toThrow(RangeError);
      expect(() => nanosToString('1.5')).toThrow(RangeError);
      expect(() => nanosToString('')).toThrow(RangeError);
    });

    it('round-trips with toNanos for any nano amount, including beyond 2^53', () => {
      fc.assert(
        fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (nanos) => {
          expect(toNanos(nanosToString(nanos))).toBe(nanos);
        }),
        { numRuns: 1000 },
      );
    });

    it('round-trips decimal strings with at most 9 decimals', () => {
      const decimals = fc
        .tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 9 }), fc.nat(999_999_999), fc.boolean())
        .map(([units, digits, fraction, negative]) => {
          const body = digits === 0 ? units.toString() : `${units}.${String(fraction).padStart(9, '0').slice(0, digits)}`;
          return negative ? `-${body}` : body;
        });
      fc.assert(
        fc.property(decimals, (s) => {
          expect(nanosToString(toNanos(s))).toBe(formatMoney(parseDecimal(s)));
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('roundMoney / formatMoney', () => {
    it('rounds half-up (away from zero) at 9 places', () => {
      expect(formatMoney(roundMoney(new D('0.1234567895')))).toBe('0.12345679');
      expect(formatMoney(roundMoney(new D('0.1234567894')))).toBe('0.123456789');
      expect(formatMoney(roundMoney(new D('-0.0000000015')))).toBe('-0.000000002');
      expect(formatMoney(roundMoney(new D('0.0000000004')))).toBe('0');
    });

    it('never uses exponent notation and trims trailing zeros', () => {
      expect(formatMoney(new D('0.000000001'))).toBe('0.000000001');
      expect(formatMoney(new D('1e-20'))).toBe('0.00000000000000000001');
      expect(formatMoney(new D('1e30'))).toBe('1000000000000000000000000000000');
      expect(formatMoney(new D('0.30'))).toBe('0.3');
      expect(formatMoney(new D('-0'))).toBe('0');
      expect(formatMoney(new GlobalDecimal('1e-9'))).toBe('0.000000001');
    });

    it('refuses non-finite values', () => {
      expect(() => formatMoney(new D(Infinity))).toThrow(RangeError);
      expect(() => toNanos(new D(NaN))).toThrow(RangeError);
    });
  });
});
