import { Typography, type TypographyProps } from '@strapi/design-system';

import { isNegativeDecimal, isPositiveDecimal } from '../utils/decimal';
import { formatMoney, formatMoneyRounded } from '../utils/money';

interface MoneyProps extends Omit<TypographyProps, 'children'> {
  value: string | null | undefined;
  currency?: string | null;
  /** Show "+" on positive amounts (ledger entries). */
  signed?: boolean;
  /** Green for credits, red for debits. */
  colored?: boolean;
  /**
   * Every digit (detail views, prices). By default the amount is rounded to the currency's minor unit
   * (lists, tiles); the exact amount is then its tooltip.
   */
  exact?: boolean;
}

/** A money amount, formatted from its decimal string without any numeric conversion. */
export const Money = ({ value, currency, signed, colored, exact, ...props }: MoneyProps) => {
  const textColor = colored
    ? isNegativeDecimal(value)
      ? 'danger600'
      : isPositiveDecimal(value)
        ? 'success600'
        : 'neutral800'
    : props.textColor ?? 'neutral800';
  const full = formatMoney(value, currency, { signed });
  return (
    <Typography
      {...props}
      textColor={textColor}
      style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', ...props.style }}
      title={value ? full : undefined}
    >
      {exact ? full : formatMoneyRounded(value, currency, { signed })}
    </Typography>
  );
};
