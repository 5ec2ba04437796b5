import { Typography, type TypographyProps } from '@strapi/design-system';
import { useIntl } from 'react-intl';

interface DateTimeProps extends Omit<TypographyProps, 'children'> {
  value: string | null | undefined;
  /** Date only. */
  dateOnly?: boolean;
  /** Hours and minutes only (tables). */
  short?: boolean;
}

export const useFormatDateTime = () => {
  const { formatDate } = useIntl();
  return (value: string | null | undefined, dateOnly = false, short = false) => {
    if (!value) return '—';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    if (dateOnly) return formatDate(date, { dateStyle: 'medium' });
    if (short) {
      // "Nov 27, 15:26": the year only when it is not the current one.
      const sameYear = date.getFullYear() === new Date().getFullYear();
      return formatDate(date, {
        year: sameYear ? undefined : 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      });
    }
    return formatDate(date, { dateStyle: 'medium', timeStyle: 'medium' });
  };
};

export const DateTime = ({ value, dateOnly, short, ...props }: DateTimeProps) => {
  const format = useFormatDateTime();
  return (
    <Typography textColor="neutral800" {...props} title={value ?? undefined} style={{ whiteSpace: 'nowrap' }}>
      {format(value, dateOnly, short)}
    </Typography>
  );
};
