import { Box, Button, Grid } from '@strapi/design-system';
import { Filter } from '@strapi/icons';

import { useT, type TFunction, type TranslationKey } from '../utils/translations';
import { FormCell, SelectField, TextField } from './FormFields';

type Option = { value: string; label: string };

/** One filter of a list: a text field, or a choice when it has `options`. */
export interface FilterField<K extends string> {
  key: K;
  label: TranslationKey;
  hint?: TranslationKey;
  /** Grid columns out of 12 at full width (3 by default). */
  col?: number;
  options?: (t: TFunction) => Option[];
}

interface FilterFieldsFormProps<K extends string> {
  fields: Array<FilterField<K>>;
  draft: Record<K, string>;
  setDraft: (draft: Record<K, string>) => void;
  /** Applies the draft with these changes (writes the URL). */
  apply: (changes: Partial<Record<K, string>>) => void;
  reset: () => void;
  applyLabel: TranslationKey;
}

/**
 * The filter form of a list page (Codes, Orders): text filters apply with the form (Apply, Enter); a choice
 * applies at once and can be cleared — as on the Usage logs page. Inputs are named `filter-…`, so a dialog
 * open over the form with fields of the same names keeps its labels pointing at its own inputs.
 */
export const FilterFieldsForm = <K extends string>({ fields, draft, setDraft, apply, reset, applyLabel }: FilterFieldsFormProps<K>) => {
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
          {fields.map(({ key, label, hint, col = 3, options }) => (
            <FormCell key={key} col={col} s={6}>
              {options ? (
                <SelectField
                  name={`filter-${key}`}
                  label={t(label)}
                  size="S"
                  placeholder={t('common.all')}
                  value={draft[key]}
                  options={options(t)}
                  clearable
                  onChange={(value) => apply({ [key]: value } as Partial<Record<K, string>>)}
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
              {t(applyLabel)}
            </Button>
          </Grid.Item>
        </Grid.Root>
      </form>
    </Box>
  );
};
