import * as React from 'react';
import { Box, Button, DatePicker, Field, Grid } from '@strapi/design-system';
import { Filter } from '@strapi/icons';

import { BILLING_MODES, USAGE_STATUSES } from '../../../../contracts';
import { FormCell, SelectField, TextField } from '../../components/FormFields';
import { useT, type TFunction, type TranslationKey } from '../../utils/translations';
import { FILTER_KEYS, RANGES, toDateString, type LogQuery, type RangeKey } from './filters';

/** The filters as the form edits them: every one as text, '' when unset. */
export type Draft = Required<Pick<LogQuery, (typeof FILTER_KEYS)[number]>>;

type Option = { value: string; label: string };

/**
 * The filters after the period, in the form's order. Text filters apply with the form (Apply, Enter);
 * a choice applies at once and can be cleared.
 */
const FILTERS: Array<{
  key: 'userId' | 'model' | 'routeSource' | 'billingMode' | 'status';
  label: TranslationKey;
  options?: (t: TFunction) => Option[];
}> = [
  { key: 'userId', label: 'logs.filter.userId' },
  { key: 'model', label: 'logs.filter.model' },
  {
    key: 'billingMode',
    label: 'logs.filter.billingMode',
    options: (t) => BILLING_MODES.map((mode) => ({ value: mode, label: t(`mode.${mode}.title`) })),
  },
  {
    key: 'status',
    label: 'logs.filter.status',
    options: (t) => USAGE_STATUSES.map((status) => ({ value: status, label: t(`logs.status.${status}`) })),
  },
  { key: 'routeSource', label: 'logs.filter.routeSource' },
];

/** The bounds of a custom period. */
const DATES: Array<{ key: 'fromDate' | 'toDate'; label: TranslationKey }> = [
  { key: 'fromDate', label: 'logs.filter.from' },
  { key: 'toDate', label: 'logs.filter.to' },
];

const parseDate = (value: string) => (value ? new Date(`${value}T00:00:00`) : undefined);

/** A filter's cell: a quarter of the form, half on a small screen. */
const Cell = ({ children }: { children: React.ReactNode }) => (
  <FormCell col={3} s={6}>
    {children}
  </FormCell>
);

interface FilterFormProps {
  draft: Draft;
  setDraft: (draft: Draft) => void;
  /** Applies the draft with these changes (writes the URL). */
  apply: (changes: Partial<Draft>) => void;
  reset: () => void;
}

/** The Usage logs filters: the period (or custom dates), then the FILTERS. */
export const FilterForm = ({ draft, setDraft, apply, reset }: FilterFormProps) => {
  const t = useT();
  const edit = (changes: Partial<Draft>) => setDraft({ ...draft, ...changes });
  return (
    <Box background="neutral0" hasRadius shadow="filterShadow" padding={5}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          apply({});
        }}
      >
        <Grid.Root gap={4}>
          <Cell>
            <SelectField<RangeKey>
              name="range"
              label={t('logs.filter.range')}
              size="S"
              value={draft.range as RangeKey}
              options={RANGES.map((range) => ({ value: range, label: t(`logs.range.${range}` as const) }))}
              onChange={(range) => (range === 'custom' ? edit({ range }) : apply({ range }))}
            />
          </Cell>
          {draft.range === 'custom' &&
            DATES.map(({ key, label }) => (
              <Cell key={key}>
                <Field.Root name={key} id={key}>
                  <Field.Label>{t(label)}</Field.Label>
                  <DatePicker
                    size="S"
                    value={parseDate(draft[key])}
                    clearLabel={t('common.clear')}
                    onClear={() => edit({ [key]: '' })}
                    onChange={(date?: Date) => edit({ [key]: date ? toDateString(date) : '' })}
                  />
                </Field.Root>
              </Cell>
            ))}
          {FILTERS.map(({ key, label, options }) => (
            <Cell key={key}>
              {options ? (
                <SelectField
                  name={key}
                  label={t(label)}
                  size="S"
                  placeholder={t('common.all')}
                  value={draft[key]}
                  options={options(t)}
                  clearable
                  onChange={(value) => apply({ [key]: value })}
                />
              ) : (
                <TextField name={key} label={t(label)} size="S" value={draft[key]} onChange={(value) => edit({ [key]: value })} />
              )}
            </Cell>
          ))}
          <Grid.Item col={12} direction="row" alignItems="flex-end" justifyContent="flex-end" gap={2}>
            <Button variant="tertiary" onClick={reset}>
              {t('common.reset')}
            </Button>
            <Button type="submit" startIcon={<Filter />}>
              {t('logs.filter.apply')}
            </Button>
          </Grid.Item>
        </Grid.Root>
      </form>
    </Box>
  );
};
