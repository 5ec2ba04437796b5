import { hiddenFromEditors, money } from '../hidden';

// Daily totals per (day, user, model), maintained in the same transaction as each usage log so charts
// never scan the raw logs.
export default {
  kind: 'collectionType',
  collectionName: 'ub_usage_rollups',
  info: { singularName: 'usage-rollup', pluralName: 'usage-rollups', displayName: 'Usage rollup' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    day: { type: 'string', required: true, maxLength: 10 },
    userId: { type: 'string', required: true, maxLength: 191 },
    model: { type: 'string', required: true, maxLength: 191 },
    calls: { type: 'biginteger', default: '0' },
    tokens: { type: 'biginteger', default: '0' },
    cost: money(),
    charged: money(),
  },
  indexes: [
    { name: 'ub_rollups_day_user_model_uq', columns: ['day', 'user_id', 'model'], type: 'unique' },
    { name: 'ub_rollups_user_day_idx', columns: ['user_id', 'day'] },
  ],
};
