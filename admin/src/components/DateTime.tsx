import { Flex, Typography, type TypographyProps } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import { CHART_DAY, CHART_DAY_FULL, DATE, DATE_TIME, DATE_TIME_EXACT, TIME, dayKeyDate, parseInstant } from '../utils/dates';

interface DateTimeProps extends Omit<TypographyProps, 'children'> {
  value: string | null | undefined;
  /** Date only (a period's start, an account's creation). */
  dateOnly?: boolean;
  /** The time on a second line under the date (a narrow list column). The same texts as on one line. */
  stacked?: boolean;
}

/** `format(value, dateOnly)`: an instant or a date in the Billing pages' one format (utils/dates.ts). */
export const useFormatDateTime = () => {
  const { formatDate } = useIntl();
  return (value: string | null | undefined, dateOnly = false) => {
    const date = parseInstant(value);
    if (!date) return value || '—';
    return formatDate(date, dateOnly ? DATE : DATE_TIME);
  };
};

/** A chart's day key ("2026-11-27") on the axis ("Nov 27") and in full ("Nov 27, 2026"); other keys as they are. */
export const useFormatChartDay = () => {
  const { formatDate } = useIntl();
  return (key: string, full = false) => {
    const date = dayKeyDate(key);
    return date ? formatDate(date, full ? CHART_DAY_FULL : CHART_DAY) : key;
  };
};

/** An instant or a date, the one way every Billing page shows one; to the second with the time zone as tooltip. */
export const DateTime = ({ value, dateOnly, stacked, ...props }: DateTimeProps) => {
  const { formatDate } = useIntl();
  const date = parseInstant(value);
  const title = date ? formatDate(date, DATE_TIME_EXACT) : undefined;
  const text = (children: string, extra: Omit<TypographyProps, 'children'> = {}) => (
    <Typography textColor="neutral800" {...props} {...extra} title={title} style={{ whiteSpace: 'nowrap', ...props.style }}>
      {children}
    </Typography>
  );
  if (!date) return text(value || '—');
  if (stacked && !dateOnly) {
    return (
      <Flex direction="column" alignItems="flex-start">
        {text(formatDate(date, DATE))}
        {text(formatDate(date, TIME), { variant: 'pi', textColor: 'neutral600' })}
      </Flex>
    );
  }
  return text(formatDate(date, dateOnly ? DATE : DATE_TIME));
};
