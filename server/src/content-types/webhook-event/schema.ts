import { PAYMENT_CHANNELS } from '../../../../contracts/payments';
import { hiddenFromEditors } from '../hidden';

// Delivery is at least once: an event id is processed once, guarded by the unique key.
export default {
  kind: 'collectionType',
  collectionName: 'ub_webhook_events',
  info: { singularName: 'webhook-event', pluralName: 'webhook-events', displayName: 'Processed webhook event' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    provider: { type: 'enumeration', enum: [...PAYMENT_CHANNELS], required: true },
    eventId: { type: 'string', required: true, maxLength: 191 },
    type: { type: 'string', maxLength: 191 },
    orderNo: { type: 'string', maxLength: 64 },
  },
  indexes: [{ name: 'ub_webhook_events_provider_event_uq', columns: ['provider', 'event_id'], type: 'unique' }],
};
