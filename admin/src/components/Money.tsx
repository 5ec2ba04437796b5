import { Typography, type TypographyProps } from '@strapi/design-system';

import { formatMoney, isNegativeDecimal, isPositiveDecimal } from '../utils/decimal';

interface MoneyProps extends Omit<TypographyProps, 'children'> {
  value: string | null | undefined;
  currency?: string | null;
  /** Show "+" on positive amounts (ledger entries). */
  signed?: boolean;
  /** Green for credits, red for debits. */
  colored?: boolean;
}

/** A money amount, formatted from its decimal string without any numeric conversion. */
export const Money = ({ value, currency, signed, colored, ...props }: MoneyProps) => {
  const textColor = colored
    ? isNegativeDecimal(value)
      ? 'danger600'
      : isPositiveDecimal(value)
        ? 'success600'
        : 'neutral800'
    : props.textColor ?? 'neutral800';
  return (
    <Typography
      {...props}
      textColor={textColor}
      style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', ...props.style }}
      title={value ?? undefined}
    >
      {formatMoney(value, currency, { signed })}
    </Typography>
  );
};
