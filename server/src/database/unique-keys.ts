import type { Core } from '@strapi/strapi';

/**
 * The unique keys that make retries safe (usage requestId, ledger kind+reference, order number, webhook
 * event id, code…) and that the hot path's ON CONFLICT clauses rely on. They are created here with
 * plain SQL at every boot (IF NOT EXISTS) instead of through content-type `indexes`: on SQLite,
 * Strapi's schema sync was seen to leave such an index in place but not unique, and a guard against
 * double charges must not depend on that. Indexes Strapi never declared are left alone by its sync.
 */
export const UNIQUE_KEYS: ReadonlyArray<readonly [table: string, name: string, columns: readonly string[]]> = [
  ['ub_accounts', 'ub_accounts_user_id_key', ['user_id']],
  ['ub_ledger_entries', 'ub_ledger_kind_reference_key', ['kind', 'reference']],
  ['ub_holds', 'ub_holds_hold_id_key', ['hold_id']],
  ['ub_holds', 'ub_holds_request_id_key', ['request_id']],
  ['ub_usage_logs', 'ub_usage_logs_request_id_key', ['request_id']],
  ['ub_usage_rollups', 'ub_rollups_day_user_model_key', ['day', 'user_id', 'model']],
  ['ub_model_prices', 'ub_model_prices_model_key', ['model']],
  ['ub_models', 'ub_models_name_key', ['name']],
  ['ub_tool_prices', 'ub_tool_prices_tool_key', ['tool']],
  ['ub_service_multipliers', 'ub_multipliers_name_key', ['name']],
  ['ub_codes', 'ub_codes_code_key', ['code']],
  ['ub_orders', 'ub_orders_order_no_key', ['order_no']],
  ['ub_webhook_events', 'ub_webhook_events_provider_event_key', ['provider', 'event_id']],
];

export const ensureUniqueKeys = async (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  for (const [table, name, columns] of UNIQUE_KEYS) {
    await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [name, table, ...columns]);
  }
};
