import { Box, Button, Grid } from '@strapi/design-system';
import { Filter } from '@strapi/icons';

import { ORDER_KINDS, ORDER_STATUSES, PAYMENT_CHANNELS } from '../../../../contracts';
import { FormCell, SelectField, TextField } from '../../components/FormFields';
import { useT, type TFunction, type TranslationKey } from '../../utils/translations';
import { EMPTY_DRAFT, type FilterKey, type OrderFilterDraft } from './filters';

type Option = { value: string; label: string };

/**
 * The filters in the form's order. Text filters apply with the form (Apply, Enter); a choice applies at
 * once and can be cleared — as on the Usage logs and Codes pages.
 */
const FILTERS: Array<{ key: FilterKey; label: TranslationKey; hint?: TranslationKey; col: number; options?: (t: TFunction) => Option[] }> = [
  { key: 'q', label: 'orders.filter.q', hint: 'orders.filter.q.hint', col: 4 },
  { key: 'userId', label: 'orders.filter.userId', col: 2 },
  {
    key: 'status',
    label: 'orders.filter.status',
    col: 2,
    options: (t) => ORDER_STATUSES.map((status) => ({ value: status, label: t(`orders.status.${status}`) })),
  },
  {
    key: 'channel',
    label: 'orders.filter.channel',
    col: 2,
    options: (t) => PAYMENT_CHANNELS.map((channel) => ({ value: channel, label: t(`payments.channel.${channel}`) })),
  },
  {
    key: 'kind',
    label: 'orders.filter.kind',
    col: 2,
    options: (t) => ORDER_KINDS.map((kind) => ({ value: kind, label: t(`orders.kind.${kind}`) })),
  },
];

interface OrderFilterFormProps {
  draft: OrderFilterDraft;
  setDraft: (draft: OrderFilterDraft) => void;
  /** Applies the draft with these changes (writes the URL). */
  apply: (changes: Partial<OrderFilterDraft>) => void;
}

export const OrderFilterForm = ({ draft, setDraft, apply }: OrderFilterFormProps) => {
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
          {FILTERS.map(({ key, label, hint, col, options }) => (
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
            <Button variant="tertiary" onClick={() => apply(EMPTY_DRAFT)}>
              {t('common.reset')}
            </Button>
            <Button type="submit" startIcon={<Filter />}>
              {t('orders.filter.apply')}
            </Button>
          </Grid.Item>
        </Grid.Root>
      </form>
    </Box>
  );
};
