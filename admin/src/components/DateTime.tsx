import { Typography, type TypographyProps } from '@strapi/design-system';
import { useIntl } from 'react-intl';

interface DateTimeProps extends Omit<TypographyProps, 'children'> {
  value: string | null | undefined;
  /** Date only. */
  dateOnly?: boolean;
}

export const useFormatDateTime = () => {
  const { formatDate } = useIntl();
  return (value: string | null | undefined, dateOnly = false) => {
    if (!value) return '—';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    return dateOnly
      ? formatDate(date, { dateStyle: 'medium' })
      : formatDate(date, { dateStyle: 'medium', timeStyle: 'medium' });
  };
};

export const DateTime = ({ value, dateOnly, ...props }: DateTimeProps) => {
  const format = useFormatDateTime();
  return (
    <Typography textColor="neutral800" {...props} title={value ?? undefined} style={{ whiteSpace: 'nowrap' }}>
      {format(value, dateOnly)}
    </Typography>
  );
};
