import { PLUGIN_ID } from '../../../contracts/plugin';

// Plugin config (config/plugins.ts of the host app, key `usage-billing`). Runtime billing settings
// (mode, prepaid amount, payments…) live in the plugin store and are edited on the Billing page; this
// config only holds what must be known before the store is readable.
export interface UsageBillingPluginConfig {
  /** How often the hold-expiry job runs, in seconds (each instance runs it; it is idempotent). */
  holdSweepSeconds: number;
  /**
   * How long a verified API token is trusted without reading it again, in seconds: the longest a token
   * revoked or changed on another instance keeps working here (0: read on every request).
   */
  apiTokenCacheSeconds: number;
  /** PostgreSQL: how long the log list may sum raw logs for its header before answering an estimate (ms). */
  logTotalsTimeoutMs: number;
}

export default {
  default: {
    holdSweepSeconds: 60,
    apiTokenCacheSeconds: 5,
    logTotalsTimeoutMs: 400,
  } satisfies UsageBillingPluginConfig,
  validator(config: Partial<UsageBillingPluginConfig>) {
    if (config.holdSweepSeconds !== undefined && !(Number.isInteger(config.holdSweepSeconds) && config.holdSweepSeconds > 0)) {
      throw new Error(`${PLUGIN_ID}: holdSweepSeconds must be a positive integer`);
    }
    if (config.apiTokenCacheSeconds !== undefined && !(Number.isInteger(config.apiTokenCacheSeconds) && config.apiTokenCacheSeconds >= 0 && config.apiTokenCacheSeconds <= 300)) {
      throw new Error(`${PLUGIN_ID}: apiTokenCacheSeconds must be an integer from 0 to 300`);
    }
    if (config.logTotalsTimeoutMs !== undefined && !(Number.isInteger(config.logTotalsTimeoutMs) && config.logTotalsTimeoutMs > 0)) {
      throw new Error(`${PLUGIN_ID}: logTotalsTimeoutMs must be a positive integer`);
    }
  },
};
