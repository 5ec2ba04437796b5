import { hiddenFromEditors, money } from '../hidden';
import { CODE_MAX_LENGTH, CODE_MODES } from '../../../../contracts/codes';

// One redemption of a code, written in the transaction that credited the balance (`ledgerReference`, the
// ledger entry's reference) or started / extended the plan (`subscriptionId`). Kept when its code is deleted.
export default {
  kind: 'collectionType',
  collectionName: 'ub_redemptions',
  info: { singularName: 'redemption', pluralName: 'redemptions', displayName: 'Redemption' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    codeId: { type: 'integer', required: true },
    code: { type: 'string', required: true, maxLength: CODE_MAX_LENGTH },
    userId: { type: 'string', required: true, maxLength: 191 },
    mode: { type: 'enumeration', enum: [...CODE_MODES], required: true },
    amount: money(false),
    planId: { type: 'integer' },
    durationDays: { type: 'integer' },
    ledgerReference: { type: 'string', maxLength: 191 },
    subscriptionId: { type: 'integer' },
  },
  indexes: [
    { name: 'ub_redemptions_code_user_idx', columns: ['code_id', 'user_id'] },
    { name: 'ub_redemptions_user_idx', columns: ['user_id'] },
  ],
};
