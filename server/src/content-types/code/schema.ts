import { hiddenFromEditors, money } from '../hidden';

export default {
  kind: 'collectionType',
  collectionName: 'ub_codes',
  info: { singularName: 'code', pluralName: 'codes', displayName: 'Redemption code' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    code: { type: 'string', required: true, maxLength: 64 },
    // What the code grants: balance (usage mode) or a plan for a duration (period mode).
    kind: { type: 'enumeration', enum: ['balance', 'plan'], required: true, default: 'balance' },
    amount: money(),
    planId: { type: 'integer' },
    durationDays: { type: 'integer' },
    totalUses: { type: 'integer', default: 1 },
    usedCount: { type: 'integer', default: 0 },
    perUserLimit: { type: 'integer', default: 1 },
    expiresAt: { type: 'datetime' },
    description: { type: 'text' },
    batch: { type: 'string', maxLength: 64 },
    enabled: { type: 'boolean', default: true },
    // Soft delete: a deleted code disappears from lists and cannot be redeemed; its redemptions remain.
    deletedAt: { type: 'datetime' },
  },
  indexes: [{ name: 'ub_codes_code_uq', columns: ['code'], type: 'unique' }],
};
