import { hiddenFromEditors } from '../hidden';
import { PRICING_MODES } from '../../../../contracts';

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
    mode: { type: 'enumeration', enum: [...PRICING_MODES], required: true },
    prices: { type: 'json' },
    tiers: { type: 'json' },
    enabled: { type: 'boolean', default: true },
    version: { type: 'integer', default: 1 },
  },
  indexes: [{ name: 'ub_model_prices_model_uq', columns: ['model'], type: 'unique' }],
};
