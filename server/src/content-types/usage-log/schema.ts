import { hiddenFromEditors, money } from '../hidden';
import { BILLING_MODES, TOKEN_COUNT_FIELDS, USAGE_STATUSES } from '../../../../contracts';

// One column per kind of token (contracts/pricing.ts): a kind added there gets its column, 0 on older rows.
const tokenCounts = Object.fromEntries(TOKEN_COUNT_FIELDS.map((count) => [count, { type: 'biginteger', default: '0' }]));

// One row per call reported by a gateway. `snapshot` holds the prices and multipliers the call was rated
// with, so an old log is always explained by its own prices, never by today's.
export default {
  kind: 'collectionType',
  collectionName: 'ub_usage_logs',
  info: { singularName: 'usage-log', pluralName: 'usage-logs', displayName: 'Usage log' },
  options: { draftAndPublish: false },
  pluginOptions: hiddenFromEditors,
  attributes: {
    requestId: { type: 'string', required: true, maxLength: 191 },
    // sha256 of the normalized request: a retry with another body is an idempotency conflict.
    requestHash: { type: 'string', required: true, maxLength: 64 },
    userId: { type: 'string', required: true, maxLength: 191 },
    model: { type: 'string', required: true, maxLength: 191 },
    pricingMode: { type: 'string', maxLength: 16 },
    billingMode: { type: 'enumeration', enum: [...BILLING_MODES], required: true },
    routeSource: { type: 'string', maxLength: 64 },
    serviceTier: { type: 'string', maxLength: 64 },
    ...tokenCounts,
    durationSeconds: { type: 'string', default: '0', maxLength: 40 },
    calls: { type: 'integer', default: 1 },
    tools: { type: 'json' },
    cost: money(),
    charged: money(),
    currency: { type: 'string', default: 'USD', maxLength: 3 },
    lines: { type: 'json' },
    snapshot: { type: 'json' },
    flags: { type: 'json' },
    latencyMs: { type: 'integer' },
    status: { type: 'enumeration', enum: [...USAGE_STATUSES], default: 'success' },
    // The gateway's reason for a failed call (report field errorMessage, at most 500 characters): text, as a
    // Strapi string column is varchar(255).
    errorMessage: { type: 'text' },
    holdId: { type: 'string', maxLength: 64 },
    occurredAt: { type: 'datetime', required: true },
    response: { type: 'json' },
  },
  indexes: [
    { name: 'ub_usage_logs_request_id_uq', columns: ['request_id'], type: 'unique' },
    { name: 'ub_usage_logs_occurred_idx', columns: ['occurred_at'] },
    { name: 'ub_usage_logs_user_occurred_idx', columns: ['user_id', 'occurred_at'] },
    { name: 'ub_usage_logs_model_occurred_idx', columns: ['model', 'occurred_at'] },
  ],
};
