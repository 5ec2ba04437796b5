import { hiddenFromEditors } from '../hidden';
import { MODEL_SOURCES } from '../../../../contracts';

// The platform's model catalog: names the gateway may report. Added by admins, pushed by a gateway, or
// registered automatically when an unknown model is first reported.
export default {
  kind: 'collectionType',
  collectionName: 'ub_models',
  info: { singularName: 'model', pluralName: 'models', displayName: 'Catalog model' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    name: { type: 'string', required: true, maxLength: 191 },
    displayName: { type: 'string', maxLength: 191 },
    provider: { type: 'string', maxLength: 64 },
    source: { type: 'enumeration', enum: [...MODEL_SOURCES], default: 'admin' },
    enabled: { type: 'boolean', default: true },
  },
  indexes: [{ name: 'ub_models_name_uq', columns: ['name'], type: 'unique' }],
};
