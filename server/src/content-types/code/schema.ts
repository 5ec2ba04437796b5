import { hiddenFromEditors, money } from '../hidden';
import { CODE_MAX_LENGTH, CODE_MODES } from '../../../../contracts/codes';

// Redemption codes; written only by the codes service. `code` is the text as shown (grouped, or as an
// admin chose it); `codeKey` is the normalized key it is matched by (upper case, no spaces or dashes,
// contracts/codes.ts), unique, so a redemption finds its code with one indexed equality.
export default {
  kind: 'collectionType',
  collectionName: 'ub_codes',
  info: { singularName: 'code', pluralName: 'codes', displayName: 'Redemption code' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    code: { type: 'string', required: true, maxLength: CODE_MAX_LENGTH },
    codeKey: { type: 'string', required: true, maxLength: CODE_MAX_LENGTH },
    // The billing mode it is for: `usage` credits `amount` to the balance, `period` grants `planId` for `durationDays`.
    mode: { type: 'enumeration', enum: [...CODE_MODES], required: true, default: 'usage' },
    amount: money(false),
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
  indexes: [
    { name: 'ub_codes_key_uq', columns: ['code_key'], type: 'unique' },
    { name: 'ub_codes_batch_idx', columns: ['batch'] },
    { name: 'ub_codes_deleted_enabled_idx', columns: ['deleted_at', 'enabled'] },
  ],
};
