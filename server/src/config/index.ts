import { PLUGIN_ID } from '../../../contracts/plugin';

// Plugin config (config/plugins.ts of the host app, key `usage-billing`). Runtime billing settings
// (mode, prepaid amount, payments…) live in the plugin store and are edited on the Billing page; this
// config only holds what must be known before the store is readable.
export interface UsageBillingPluginConfig {
  /** How often the hold-expiry job runs, in seconds (each instance runs it; it is idempotent). */
  holdSweepSeconds: number;
}

export default {
  default: {
    holdSweepSeconds: 60,
  } satisfies UsageBillingPluginConfig,
  validator(config: Partial<UsageBillingPluginConfig>) {
    if (config.holdSweepSeconds !== undefined && !(Number.isInteger(config.holdSweepSeconds) && config.holdSweepSeconds > 0)) {
      throw new Error(`${PLUGIN_ID}: holdSweepSeconds must be a positive integer`);
    }
  },
};
