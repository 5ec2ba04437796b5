// Plugin config (config/plugins.ts of the host app, key `usage-billing`). Runtime billing settings
// (mode, prepaid amount, payments…) live in the plugin store and are edited on the Billing page; this
// config only holds what must be known before the store is readable.
export interface UsageBillingPluginConfig {
  /** Largest accepted JSON body on the gateway and webhook routes, in bytes. */
  maxBodyBytes: number;
  /** How often the hold-expiry job runs, in seconds (each instance runs it; it is idempotent). */
  holdSweepSeconds: number;
  /** Public base URL used in payment return/notify URLs when the request's own origin is not right. */
  publicUrl?: string;
}

export default {
  default: {
    maxBodyBytes: 1024 * 1024,
    holdSweepSeconds: 60,
    publicUrl: undefined,
  } satisfies UsageBillingPluginConfig,
  validator(config: Partial<UsageBillingPluginConfig>) {
    if (config.maxBodyBytes !== undefined && !(Number.isInteger(config.maxBodyBytes) && config.maxBodyBytes > 0)) {
      throw new Error('usage-billing: maxBodyBytes must be a positive integer');
    }
    if (config.holdSweepSeconds !== undefined && !(Number.isInteger(config.holdSweepSeconds) && config.holdSweepSeconds > 0)) {
      throw new Error('usage-billing: holdSweepSeconds must be a positive integer');
    }
  },
};
