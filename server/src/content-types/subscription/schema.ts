import { hiddenFromEditors, money } from '../hidden';
import { SUBSCRIPTION_STATUSES } from '../../../../contracts/plans';

// One row per subscription a user ever had; the service (services/subscriptions) is its only writer.
// `terms` is the snapshot of the plan the current period runs on; `credit`/`used` are this period's.
// `activeKey` holds the user id while the subscription is active and null afterwards: its unique index is
// the database's guarantee of at most one active subscription per user, on SQLite and PostgreSQL alike
// (both let any number of rows hold null in a unique column).
export default {
  kind: 'collectionType',
  collectionName: 'ub_subscriptions',
  info: { singularName: 'subscription', pluralName: 'subscriptions', displayName: 'Subscription' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    userId: { type: 'string', required: true, maxLength: 191 },
    planId: { type: 'integer', required: true },
    terms: { type: 'json', required: true },
    status: { type: 'enumeration', enum: [...SUBSCRIPTION_STATUSES], default: 'active', required: true },
    startedAt: { type: 'datetime' },
    periodStart: { type: 'datetime', required: true },
    periodEnd: { type: 'datetime' },
    endsAt: { type: 'datetime' },
    credit: money(),
    used: money(),
    cancelledAt: { type: 'datetime' },
    endedAt: { type: 'datetime' },
    nextPlanId: { type: 'integer' },
    activeKey: { type: 'string', maxLength: 191 },
    source: { type: 'string', maxLength: 191 },
  },
  indexes: [
    { name: 'ub_subscriptions_user_status_idx', columns: ['user_id', 'status'] },
    { name: 'ub_subscriptions_active_uq', columns: ['active_key'], type: 'unique' },
    { name: 'ub_subscriptions_plan_idx', columns: ['plan_id'] },
    { name: 'ub_subscriptions_status_ends_idx', columns: ['status', 'ends_at'] },
  ],
};
