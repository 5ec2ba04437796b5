import { CODE_MODES, CODE_STATUSES } from '../../../../contracts';
import { FilterFieldsForm, type FilterField } from '../../components/FilterFieldsForm';
import type { CodeFilterDraft, FilterKey } from './filters';

/** The filters in the form's order. */
const FILTERS: Array<FilterField<FilterKey>> = [
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

// The creation dialog, open over this form, has fields named batch and mode too: the shared form names its
// inputs `filter-…`.
export const CodeFilterForm = (props: CodeFilterFormProps) => <FilterFieldsForm fields={FILTERS} applyLabel="codes.filter.apply" {...props} />;
