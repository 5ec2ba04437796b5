import { hiddenFromEditors, money } from '../hidden';
import { ACCOUNT_STATUSES } from '../../../../contracts';

export default {
  kind: 'collectionType',
  collectionName: 'ub_accounts',
  info: { singularName: 'account', pluralName: 'accounts', displayName: 'Billing account' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    userId: { type: 'string', required: true, maxLength: 191 },
    // Cached balance; always equal to the sum of the account's ledger entries (see services/ledger).
    balance: money(),
    status: { type: 'enumeration', enum: [...ACCOUNT_STATUSES], default: 'active', required: true },
    // Removed in register() when the app has no users-permissions plugin.
    user: { type: 'relation', relation: 'oneToOne', target: 'plugin::users-permissions.user' },
  },
  indexes: [{ name: 'ub_accounts_user_id_uq', columns: ['user_id'], type: 'unique' }],
};
