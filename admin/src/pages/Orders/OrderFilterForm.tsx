import { ORDER_KINDS, ORDER_STATUSES, PAYMENT_CHANNELS } from '../../../../contracts';
import { FilterFieldsForm, type FilterField } from '../../components/FilterFieldsForm';
import { EMPTY_DRAFT, type FilterKey, type OrderFilterDraft } from './filters';

/** The filters in the form's order. */
const FILTERS: Array<FilterField<FilterKey>> = [
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

export const OrderFilterForm = ({ apply, ...props }: OrderFilterFormProps) => (
  <FilterFieldsForm fields={FILTERS} applyLabel="orders.filter.apply" apply={apply} reset={() => apply(EMPTY_DRAFT)} {...props} />
);
