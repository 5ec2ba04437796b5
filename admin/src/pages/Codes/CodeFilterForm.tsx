import { Box, Button, Grid } from '@strapi/design-system';
import { Filter } from '@strapi/icons';

import { CODE_MODES, CODE_STATUSES } from '../../../../contracts';
import { FormCell, SelectField, TextField } from '../../components/FormFields';
import { useT, type TFunction, type TranslationKey } from '../../utils/translations';
import type { CodeFilterDraft, FilterKey } from './filters';

type Option = { value: string; label: string };

/**
 * The filters in the form's order. Text filters apply with the form (Apply, Enter); a choice applies at
 * once and can be cleared — as on the Usage logs page.
 */
const FILTERS: Array<{ key: FilterKey; label: TranslationKey; hint?: TranslationKey; options?: (t: TFunction) => Option[] }> = [
  { key: 'q', label: 'codes.filter.q', hint: 'codes.filter.q.hint' },
  { key: 'batch', label: 'codes.filter.batch' },
  {
    key: 'status',
    label: 'codes.filter.status',
    options: (t) => CODE_STATUSES.map((status) => ({ value: status, label: t(`codes.status.${status}`) })),
  },
  {
    key: 'mode',
    label: 'codes.filter.mode',
    options: (t) => CODE_MODES.map((mode) => ({ value: mode, label: t(`codes.mode.${mode}`) })),
  },
];

interface CodeFilterFormProps {
  draft: CodeFilterDraft;
  setDraft: (draft: CodeFilterDraft) => void;
  /** Applies the draft with these changes (writes the URL). */
  apply: (changes: Partial<CodeFilterDraft>) => void;
  reset: () => void;
}

// The inputs' ids are `filter-…`: the creation dialog, open over this form, has fields named batch and mode
// too, and a label finds its input by id.
export const CodeFilterForm = ({ draft, setDraft, apply, reset }: CodeFilterFormProps) => {
  const t = useT();
  return (
    <Box background="neutral0" hasRadius shadow="filterShadow" padding={5}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          apply({});
        }}
      >
        <Grid.Root gap={4}>
          {FILTERS.map(({ key, label, hint, options }) => (
            <FormCell key={key} col={3} s={6}>
              {options ? (
                <SelectField
                  name={`filter-${key}`}
                  label={t(label)}
                  size="S"
                  placeholder={t('common.all')}
                  value={draft[key]}
                  options={options(t)}
                  clearable
                  onChange={(value) => apply({ [key]: value })}
                />
              ) : (
                <TextField
                  name={`filter-${key}`}
                  label={t(label)}
                  hint={hint && t(hint)}
                  size="S"
                  value={draft[key]}
                  onChange={(value) => setDraft({ ...draft, [key]: value })}
                />
              )}
            </FormCell>
          ))}
          <Grid.Item col={12} direction="row" alignItems="flex-end" justifyContent="flex-end" gap={2}>
            <Button variant="tertiary" onClick={reset}>
              {t('common.reset')}
            </Button>
            <Button type="submit" startIcon={<Filter />}>
              {t('codes.filter.apply')}
            </Button>
          </Grid.Item>
        </Grid.Root>
      </form>
    </Box>
  );
};
