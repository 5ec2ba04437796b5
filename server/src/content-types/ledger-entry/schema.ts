import { hiddenFromEditors, money } from '../hidden';
import { LEDGER_KINDS } from '../../../../contracts';

// Append-only: nothing in the plugin updates or deletes a ledger entry.
export default {
  kind: 'collectionType',
  collectionName: 'ub_ledger_entries',
  info: { singularName: 'ledger-entry', pluralName: 'ledger-entries', displayName: 'Ledger entry' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    userId: { type: 'string', required: true, maxLength: 191 },
    kind: {
      type: 'enumeration',
      enum: [...LEDGER_KINDS],
      required: true,
    },
    amount: money(),
    balanceAfter: money(),
    reference: { type: 'string', maxLength: 191 },
    actor: { type: 'string', maxLength: 191 },
    note: { type: 'text' },
  },
  indexes: [
    { name: 'ub_ledger_user_idx', columns: ['user_id', 'id'] },
    { name: 'ub_ledger_kind_reference_uq', columns: ['kind', 'reference'], type: 'unique' },
  ],
};
