import { hiddenFromEditors, money } from '../hidden';

// A subscription keeps the terms it was bought with (`terms` is a snapshot of the plan at purchase).
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
    status: { type: 'enumeration', enum: ['active', 'expired', 'cancelled'], default: 'active', required: true },
    periodStart: { type: 'datetime', required: true },
    periodEnd: { type: 'datetime' },
    credit: money(),
    used: money(),
    source: { type: 'string', maxLength: 191 },
  },
  indexes: [{ name: 'ub_subscriptions_user_status_idx', columns: ['user_id', 'status'] }],
};
