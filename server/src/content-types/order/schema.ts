import { hiddenFromEditors, money } from '../hidden';

export default {
  kind: 'collectionType',
  collectionName: 'ub_orders',
  info: { singularName: 'order', pluralName: 'orders', displayName: 'Payment order' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    orderNo: { type: 'string', required: true, maxLength: 64 },
    userId: { type: 'string', required: true, maxLength: 191 },
    channel: { type: 'enumeration', enum: ['stripe', 'epay'], required: true },
    kind: { type: 'enumeration', enum: ['topup', 'plan'], required: true },
    amount: money(),
    currency: { type: 'string', default: 'USD', maxLength: 3 },
    // What the provider charges: CNY fen-exact for EPay (rate snapshotted), minor units for Stripe.
    payAmount: money(),
    payCurrency: { type: 'string', maxLength: 3 },
    rate: { type: 'string', maxLength: 40 },
    planId: { type: 'integer' },
    payType: { type: 'string', maxLength: 32 },
    status: { type: 'enumeration', enum: ['pending', 'paid', 'failed', 'expired', 'refunded'], default: 'pending' },
    providerRef: { type: 'string', maxLength: 191 },
    url: { type: 'text' },
    paidAt: { type: 'datetime' },
    test: { type: 'boolean', default: false },
  },
  indexes: [
    { name: 'ub_orders_order_no_uq', columns: ['order_no'], type: 'unique' },
    { name: 'ub_orders_user_idx', columns: ['user_id'] },
  ],
};
