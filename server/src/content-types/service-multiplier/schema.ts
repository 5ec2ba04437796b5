import { hiddenFromEditors } from '../hidden';

export default {
  kind: 'collectionType',
  collectionName: 'ub_service_multipliers',
  info: { singularName: 'service-multiplier', pluralName: 'service-multipliers', displayName: 'Service multiplier' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    name: { type: 'string', required: true, maxLength: 191 },
    // Decimal string factor applied to the model cost of a call naming this service tier.
    factor: { type: 'string', required: true, default: '1', maxLength: 40 },
  },
  indexes: [{ name: 'ub_multipliers_name_uq', columns: ['name'], type: 'unique' }],
};
