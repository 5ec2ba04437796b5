import { hiddenFromEditors } from '../hidden';

// Failed redemption attempts per user (`user:<id>`) or, for /me, per client address (`ip:<address>`), in
// fixed windows: kept in the database so that every instance refuses the same guesser. Written only by
// the codes service, with one upsert per failure.
export default {
  kind: 'collectionType',
  collectionName: 'ub_redeem_attempts',
  info: { singularName: 'redeem-attempt', pluralName: 'redeem-attempts', displayName: 'Redeem attempt' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    key: { type: 'string', required: true, maxLength: 255 },
    windowStart: { type: 'datetime', required: true },
    failures: { type: 'integer', default: 0 },
  },
  indexes: [{ name: 'ub_redeem_attempts_key_uq', columns: ['key'], type: 'unique' }],
};
