import type { Core } from '@strapi/strapi';
import { settingsPatchSchema, type SettingsPatch } from '../validation/settings';
import { toValidationError } from '../validation/zod-issues';
import { decryptSecret, encryptSecret, isMasked, maskSecret } from './secrets';

export type BillingMode = 'self' | 'period' | 'usage';

export interface BillingSettings {
  mode: BillingMode;
  currency: string;
  /** Decimal string: the available balance a usage-mode call needs, and the amount its hold reserves. */
  prepaidAmount: string;
  holdTtlSeconds: number;
  allowUnpricedModels: boolean;
  toolBilling: boolean;
  payments: {
    usdToCnyRate: string;
    publicUrl: string;
    stripe: {
      enabled: boolean;
      publishableKey: string;
      secretKey: string;
      webhookSecret: string;
      successUrl: string;
      cancelUrl: string;
      apiBase: string;
    };
    epay: { enabled: boolean; gatewayUrl: string; merchantId: string; key: string; payTypes: string[]; returnUrl: string };
  };
}

export const DEFAULT_SETTINGS: BillingSettings = {
  mode: 'usage',
  currency: 'USD',
  prepaidAmount: '0.1',
  holdTtlSeconds: 900,
  allowUnpricedModels: false,
  toolBilling: true,
  payments: {
    usdToCnyRate: '7.2',
    publicUrl: '',
    stripe: { enabled: false, publishableKey: '', secretKey: '', webhookSecret: '', successUrl: '', cancelUrl: '', apiBase: '' },
    epay: { enabled: false, gatewayUrl: '', merchantId: '', key: '', payTypes: ['alipay', 'wxpay'], returnUrl: '' },
  },
};

/** The settings that are secrets: stored encrypted, returned masked, never logged. */
const SECRET_FIELDS = [
  ['stripe', 'secretKey'],
  ['stripe', 'webhookSecret'],
  ['epay', 'key'],
] as const;

const deepMerge = <T>(base: T, patch: unknown): T => {
  if (patch === undefined) return base;
  if (Array.isArray(patch) || typeof patch !== 'object' || patch === null) return patch as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = deepMerge((base as Record<string, unknown>)?.[key], value);
  }
  return out as T;
};

/**
 * Every gateway call reads the settings; re-reading the store each time was two of the hot path's
 * round trips. They are kept for at most this long per process: an update made on this instance applies
 * at once, one made on another instance within this delay.
 */
const SETTINGS_CACHE_MS = 1000;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: 'usage-billing', key: 'settings' });
  let cached: { settings: BillingSettings; readAt: number } | null = null;
  // Bumped by every local update, so a read that raced with an update is not cached.
  let generation = 0;

  const encryptionKey = (): string => {
    const key =
      (strapi.config.get('admin.secrets.encryptionKey') as string | undefined) ||
      process.env.ENCRYPTION_KEY ||
      (strapi.config.get('server.app.keys') as string[] | undefined)?.[0];
    if (!key) throw new Error('usage-billing: no encryption key (set ENCRYPTION_KEY) to protect payment secrets');
    return key;
  };

  /** Stored form: defaults merged under what was saved; secrets still encrypted. */
  const readStored = async (): Promise<BillingSettings> =>
    deepMerge(DEFAULT_SETTINGS, ((await store().get({})) as Partial<BillingSettings> | null) ?? {});

  const mapSecrets = (settings: BillingSettings, fn: (value: string) => string): BillingSettings => {
    const copy: BillingSettings = JSON.parse(JSON.stringify(settings));
    for (const [channel, field] of SECRET_FIELDS) {
      const holder = copy.payments[channel] as unknown as Record<string, string>;
      holder[field] = fn(holder[field] ?? '');
    }
    return copy;
  };

  return {
    /**
     * Full settings with secrets in clear: server-side use only, never send to a client or a log.
     * The object may be shared with other callers: treat it as read-only.
     */
    async get(): Promise<BillingSettings> {
      if (cached && Date.now() - cached.readAt < SETTINGS_CACHE_MS) return cached.settings;
      const readAt = Date.now();
      const startedAt = generation;
      const key = encryptionKey();
      const settings = mapSecrets(await readStored(), (stored) => decryptSecret(stored, key));
      if (startedAt === generation) cached = { settings, readAt };
      return settings;
    },

    /** Settings as the admin API shows them: secrets masked. */
    async getMasked(): Promise<BillingSettings> {
      // The admin page always shows what is stored, never a cached copy.
      generation += 1;
      cached = null;
      return mapSecrets(await this.get(), maskSecret);
    },

    /**
     * Partial update. A secret sent back in its masked form (as the admin page received it) keeps the
     * stored value; an empty string clears it. Validation failures write nothing.
     */
    async update(patch: unknown): Promise<BillingSettings> {
      const parsed = settingsPatchSchema.safeParse(patch ?? {});
      if (!parsed.success) throw toValidationError(parsed.error, 'Invalid settings');
      const key = encryptionKey();
      const current = await readStored();
      const incoming: SettingsPatch = parsed.data;
      for (const [channel, field] of SECRET_FIELDS) {
        const holder = incoming.payments?.[channel] as Record<string, string> | undefined;
        if (holder && typeof holder[field] === 'string') {
          if (isMasked(holder[field])) delete holder[field];
          else holder[field] = encryptSecret(holder[field], key);
        }
      }
      const next = deepMerge(current, incoming);
      await store().set({ value: next });
      generation += 1;
      cached = null;
      return this.getMasked();
    },
  };
};
