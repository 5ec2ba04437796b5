// Money display in the admin: rounded to the currency's minor unit for lists, tiles and charts, exact for
// detail views and tooltips. A relative import: the admin sources are plain TypeScript without React here.
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { addMoney, currencyDigits, formatMoney, formatMoneyRounded, roundMoney } from '../../../admin/src/utils/money';

describe('currencyDigits (Intl currency digits)', () => {
  test.each([
    ['USD', 2], ['EUR', 2], ['CNY', 2], ['JPY', 0], ['KWD', 3], ['XYZ', 2], [undefined, 2], ['not-a-code', 2],
  ])('%s → %i', (currency, digits) => expect(currencyDigits(currency)).toBe(digits));
});

describe('formatMoneyRounded', () => {
  test.each([
    ['37.887344696', 'USD', '$37.89'],
    ['1234567.005', 'USD', '$1,234,567.01'], // ties away from zero, as the server rounds bills
    ['0.004999999', 'USD', '< $0.01'],
    ['0.005', 'USD', '$0.01'],
    ['0.000000001', 'USD', '< $0.01'], // a cheap call never reads as free
    ['0', 'USD', '$0.00'],
    ['0.000000000', 'USD', '$0.00'],
    ['-0', 'USD', '$0.00'],
    ['-12.345', 'USD', '-$12.35'], // a debit mirrors the same credit
    ['-0.005', 'USD', '-$0.01'],
    ['-0.000003', 'USD', '> -$0.01'],
    ['10', 'EUR', '€10.00'],
    ['99.999', 'CNY', '¥100.00'],
    ['1234.5', 'JPY', '¥1,235'],
    ['0.4', 'JPY', '< ¥1'],
    ['1.23456', 'KWD', '1.235 KWD'],
    ['0.0001', 'KWD', '< 0.001 KWD'],
    ['2.5', undefined, '2.50'],
    ['123456789012.999999999', 'USD', '$123,456,789,013.00'], // beyond 2^53 nanos: no float anywhere
  ])('%s %s → %s', (value, currency, expected) => expect(formatMoneyRounded(value, currency)).toBe(expected));

  test('signed (ledger entries): "+" on credits, tiny amounts keep true bounds', () => {
    expect(formatMoneyRounded('10.004', 'USD', { signed: true })).toBe('+$10.00');
    expect(formatMoneyRounded('-10.006', 'USD', { signed: true })).toBe('-$10.01');
    expect(formatMoneyRounded('0.001', 'USD', { signed: true })).toBe('< +$0.01');
    expect(formatMoneyRounded('-0.001', 'USD', { signed: true })).toBe('> -$0.01');
    expect(formatMoneyRounded('0', 'USD', { signed: true })).toBe('$0.00');
  });

  test('missing and non-decimal values', () => {
    expect(formatMoneyRounded(undefined, 'USD')).toBe('—');
    expect(formatMoneyRounded('', 'USD')).toBe('—');
    expect(formatMoneyRounded('n/a', 'USD')).toBe('n/a');
  });

  test('the rounded amount is always the exact one rounded half-up (decimal arithmetic)', () => {
    const nanos = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
    fc.assert(
      fc.property(nanos, (n) => {
        const value = new Decimal(n.toString()).dividedBy(1e9).toFixed(9);
        const rounded = new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        expect(roundMoney(value, 'USD')).toBe(rounded.toFixed(2));
        const shown = formatMoneyRounded(value, 'USD');
        if (rounded.isZero() && n !== 0n) expect(shown).toBe(n > 0n ? '< $0.01' : '> -$0.01');
        else expect(shown.replace(/[$,]/g, '')).toBe(rounded.isZero() ? '0.00' : rounded.toFixed(2));
      }),
    );
  });
});

describe('formatMoney (exact)', () => {
  test.each([
    ['37.887344696', 'USD', '$37.887344696'],
    ['-0.000003', 'USD', '-$0.000003'],
    ['12.5', 'USD', '$12.50'],
    ['1234.5', 'JPY', '¥1,234.5'],
    ['7', 'JPY', '¥7'],
    ['0.1', 'XYZ', '0.10 XYZ'],
  ])('%s %s → %s', (value, currency, expected) => expect(formatMoney(value, currency)).toBe(expected));
});

describe('addMoney (the adjust dialog’s resulting balance)', () => {
  test.each([
    ['12.5', '-20', '-7.5'],
    ['0.1', '0.2', '0.3'], // no binary floating point
    ['999999999.999999999', '-0.000000001', '999999999.999999998'],
    ['3', '-3', '0'],
  ])('%s + %s = %s', (balance, amount, expected) => {
    expect(addMoney(balance, amount)).toBe(expected);
  });
});
