import { hiddenFromEditors, money } from '../hidden';
import { HOLD_STATUSES } from '../../../../contracts';

// A reservation of the prepaid amount made by /authorize. It never changes the balance: it lowers the
// available amount until it is settled by /usage, released, or expires.
export default {
  kind: 'collectionType',
  collectionName: 'ub_holds',
  info: { singularName: 'hold', pluralName: 'holds', displayName: 'Hold' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    holdId: { type: 'string', required: true, maxLength: 64 },
    userId: { type: 'string', required: true, maxLength: 191 },
    requestId: { type: 'string', maxLength: 191 },
    model: { type: 'string', maxLength: 191 },
    amount: money(),
    status: { type: 'enumeration', enum: [...HOLD_STATUSES], default: 'open', required: true },
    expiresAt: { type: 'datetime', required: true },
    closedAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'ub_holds_hold_id_uq', columns: ['hold_id'], type: 'unique' },
    { name: 'ub_holds_request_id_uq', columns: ['request_id'], type: 'unique' },
    { name: 'ub_holds_user_status_idx', columns: ['user_id', 'status'] },
    { name: 'ub_holds_status_expires_idx', columns: ['status', 'expires_at'] },
  ],
};
