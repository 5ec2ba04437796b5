import { hiddenFromEditors, money } from '../hidden';

export default {
  kind: 'collectionType',
  collectionName: 'ub_plans',
  info: { singularName: 'plan', pluralName: 'plans', displayName: 'Subscription plan' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    name: { type: 'string', required: true, maxLength: 191 },
    description: { type: 'text' },
    price: money(),
    currency: { type: 'string', required: true, default: 'USD', maxLength: 3 },
    interval: { type: 'enumeration', enum: ['monthly', 'yearly', 'lifetime'], required: true, default: 'monthly' },
    periodCredit: money(),
    // Percentage off the price, as a decimal string ("10" = 10 % off).
    discount: { type: 'string', default: '0', maxLength: 16 },
    enabled: { type: 'boolean', default: true },
    sortOrder: { type: 'integer', default: 0 },
    notes: { type: 'json' },
  },
};
