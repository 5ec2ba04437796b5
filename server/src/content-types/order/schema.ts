import { ORDER_KINDS, ORDER_STATUSES, PAYMENT_CHANNELS } from '../../../../contracts/payments';
import { hiddenFromEditors, money } from '../hidden';

// One payment: written only by the orders service (server/src/services/orders.ts). Money in nanos like
// every amount of the plugin; what the provider charges (payAmount/payCurrency) is snapshotted at checkout
// together with the rate and the plan's terms, so a later price or rate change never alters an order.
export default {
  kind: 'collectionType',
  collectionName: 'ub_orders',
  info: { singularName: 'order', pluralName: 'orders', displayName: 'Payment order' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    orderNo: { type: 'string', required: true, maxLength: 64 },
    userId: { type: 'string', required: true, maxLength: 191 },
    channel: { type: 'enumeration', enum: [...PAYMENT_CHANNELS], required: true },
    kind: { type: 'enumeration', enum: [...ORDER_KINDS], required: true },
    amount: money(),
    currency: { type: 'string', default: 'USD', maxLength: 3 },
    // What the provider charges: CNY fen-exact for EPay (rate snapshotted), the billing currency for Stripe.
    payAmount: money(),
    payCurrency: { type: 'string', maxLength: 3 },
    rate: { type: 'string', maxLength: 40 },
    planId: { type: 'integer' },
    // The plan's terms as bought (name, interval, price, discount, final price, credit) and what the
    // purchase does for this user (subscribe, renew, upgrade, switch).
    planSnapshot: { type: 'json' },
    planAction: { type: 'string', maxLength: 16 },
    payType: { type: 'string', maxLength: 32 },
    status: { type: 'enumeration', enum: [...ORDER_STATUSES], default: 'pending' },
    // Provider references, indexed: events find their order by them.
    sessionId: { type: 'string', maxLength: 191 },
    paymentIntentId: { type: 'string', maxLength: 191 },
    providerSubscriptionId: { type: 'string', maxLength: 191 },
    tradeNo: { type: 'string', maxLength: 191 },
    // An order that renews another one (a Stripe invoice of a recurring plan) names it.
    renewsOrderNo: { type: 'string', maxLength: 64 },
    url: { type: 'text' },
    // Why an event was refused or a payment failed: for administrators (amount mismatch, failed payment…).
    failureReason: { type: 'text' },
    refundedAmount: money(),
    paidAt: { type: 'datetime' },
    closedAt: { type: 'datetime' },
    test: { type: 'boolean', default: false },
    // A recurring Stripe plan order whose Stripe subscription must stop renewing because the user bought
    // another plan or an admin cancelled (orders.ts, requestRecurringStops): 'now' (cancel) or 'period_end'
    // (cancel_at_period_end). Written in the purchase's transaction, sent to Stripe after the commit and
    // retried by the sweep until Stripe confirms (stoppedAt); the last failure is kept for admins.
    recurringStop: { type: 'string', maxLength: 16 },
    recurringStopRequestedAt: { type: 'datetime' },
    // A sender's lease (one instance sends at a time); cleared when an attempt ends.
    recurringStopAttemptedAt: { type: 'datetime' },
    recurringStopAttempts: { type: 'integer', default: 0 },
    recurringStoppedAt: { type: 'datetime' },
    recurringStopError: { type: 'text' },
    actor: { type: 'string', maxLength: 191 },
  },
  indexes: [
    { name: 'ub_orders_order_no_uq', columns: ['order_no'], type: 'unique' },
    { name: 'ub_orders_user_idx', columns: ['user_id'] },
    { name: 'ub_orders_session_idx', columns: ['session_id'] },
    { name: 'ub_orders_payment_intent_idx', columns: ['payment_intent_id'] },
    { name: 'ub_orders_provider_subscription_idx', columns: ['provider_subscription_id'] },
    { name: 'ub_orders_trade_no_idx', columns: ['trade_no'] },
    { name: 'ub_orders_status_idx', columns: ['status', 'created_at'] },
  ],
};
