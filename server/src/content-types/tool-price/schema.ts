import { hiddenFromEditors } from '../hidden';

export default {
  kind: 'collectionType',
  collectionName: 'ub_tool_prices',
  info: { singularName: 'tool-price', pluralName: 'tool-prices', displayName: 'Tool price' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    tool: { type: 'string', required: true, maxLength: 191 },
    // Decimal string, price per call. "0" means no separate tool charge.
    perCall: { type: 'string', required: true, default: '0', maxLength: 40 },
    enabled: { type: 'boolean', default: true },
  },
  indexes: [{ name: 'ub_tool_prices_tool_uq', columns: ['tool'], type: 'unique' }],
};
