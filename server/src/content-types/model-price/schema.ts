import { hiddenFromEditors } from '../hidden';

// Prices are decimal strings (per 1M tokens for token prices) kept in JSON: exact on every database.
// `version` grows with every edit; a usage log stores the snapshot (with its version) it was rated with.
export default {
  kind: 'collectionType',
  collectionName: 'ub_model_prices',
  info: { singularName: 'model-price', pluralName: 'model-prices', displayName: 'Model price' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    model: { type: 'string', required: true, maxLength: 191 },
    mode: { type: 'enumeration', enum: ['token', 'per_call', 'per_second', 'tiered', 'free'], required: true },
    prices: { type: 'json' },
    tiers: { type: 'json' },
    enabled: { type: 'boolean', default: true },
    version: { type: 'integer', default: 1 },
  },
  indexes: [{ name: 'ub_model_prices_model_uq', columns: ['model'], type: 'unique' }],
};
