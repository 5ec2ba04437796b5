import { hiddenFromEditors, money } from '../hidden';

export default {
  kind: 'collectionType',
  collectionName: 'ub_redemptions',
  info: { singularName: 'redemption', pluralName: 'redemptions', displayName: 'Redemption' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    codeId: { type: 'integer', required: true },
    code: { type: 'string', required: true, maxLength: 64 },
    userId: { type: 'string', required: true, maxLength: 191 },
    kind: { type: 'enumeration', enum: ['balance', 'plan'], required: true },
    amount: money(),
    planId: { type: 'integer' },
  },
  indexes: [{ name: 'ub_redemptions_code_user_idx', columns: ['code_id', 'user_id'] }],
};
