import { hiddenFromEditors } from '../hidden';
import { PRICE_VERSION_EVENTS } from '../../../../contracts';

// Every version a model price ever had, appended in the transaction that writes the price: who (an admin,
// `admin:<id> (<email>)`, or none for writers without one), how (`admin` form, `import` of a pricing file) and
// the whole price it left. A deletion is an entry too (no price). Read as the model's price history.
export default {
  kind: 'collectionType',
  collectionName: 'ub_model_price_versions',
  info: { singularName: 'model-price-version', pluralName: 'model-price-versions', displayName: 'Model price version' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    model: { type: 'string', required: true, maxLength: 191 },
    version: { type: 'integer', required: true },
    event: { type: 'enumeration', enum: [...PRICE_VERSION_EVENTS], required: true },
    price: { type: 'json' },
    actor: { type: 'string', maxLength: 191 },
    source: { type: 'string', maxLength: 16 },
  },
  indexes: [{ name: 'ub_model_price_versions_model_idx', columns: ['model', 'created_at'] }],
};
