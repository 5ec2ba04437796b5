import { Tooltip, Typography, type TypographyProps } from '@strapi/design-system';

import { isNegativeDecimal, isPositiveDecimal } from '../utils/decimal';
import { formatMoney, formatMoneyRounded } from '../utils/money';

export interface MoneyProps extends Omit<TypographyProps, 'children'> {
  value: string | null | undefined;
  currency?: string | null;
  /** Show "+" on positive amounts (ledger entries). */
  signed?: boolean;
  /** Green for credits, red for debits. */
  colored?: boolean;
  /**
   * Every digit (detail views, prices). By default the amount is rounded to the currency's minor unit
   * (lists, tiles, balances, rankings); the exact amount is then its tooltip.
   */
  exact?: boolean;
}

/**
 * A money amount, formatted from its decimal string without any numeric conversion: the one way the
 * Billing pages show an amount. When rounding hides digits, the exact amount is a tooltip shown on hover
 * and on keyboard focus (the amount is then a tab stop: a title attribute would reach neither keyboard
 * nor touch users).
 */
export const Money = ({ value, currency, signed, colored, exact, ...props }: MoneyProps) => {
  const textColor = colored
    ? isNegativeDecimal(value)
      ? 'danger600'
      : isPositiveDecimal(value)
        ? 'success600'
        : 'neutral800'
    : (props.textColor ?? 'neutral800');
  const full = formatMoney(value, currency, { signed });
  const shown = exact ? full : formatMoneyRounded(value, currency, { signed });
  const text = (
    <Typography
      {...props}
      textColor={textColor}
      style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', ...props.style }}
      {...(shown === full ? {} : { tabIndex: 0, 'data-exact': full })}
    >
      {shown}
    </Typography>
  );
  return shown === full ? text : <Tooltip label={full}>{text}</Tooltip>;
};

type AmountKey<T> = { [K in keyof T]: T[K] extends string | null | undefined ? K : never }[keyof T] & string;

/**
 * A right-aligned column showing an amount of the row: `moneyColumn('balance', label, { currency })`;
 * `currency` may come from the row (`(row) => row.currency`).
 */
export const moneyColumn = <T,>(
  key: AmountKey<T>,
  label: string,
  { currency, ...props }: Omit<MoneyProps, 'value' | 'currency'> & { currency?: string | ((row: T) => string | undefined) },
) => ({
  key,
  label,
  align: 'right' as const,
  render: (row: T) => (
    <Money
      value={row[key] as string | null | undefined}
      currency={typeof currency === 'function' ? currency(row) : currency}
      {...props}
    />
  ),
});
