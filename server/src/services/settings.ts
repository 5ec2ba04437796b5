import type { Core } from '@strapi/strapi';
import {
  DEFAULT_SETTINGS,
  PLUGIN_ID,
  SECRET_SETTINGS,
  settingsViolations,
  type BillingMode,
  type BillingSettings,
  type SecretSettingPath,
  type SettingsPatch,
} from '../../../contracts';
import { BillingValidationError } from '../errors';
import { decryptSecret, encryptSecret, isMasked, maskSecret } from './secrets';

// The settings' shape and defaults are a contract shared with the admin (contracts/settings.ts); the
// controller validates a patch (validation/settings.ts) before this service stores it.
export { DEFAULT_SETTINGS };
export type { BillingMode, BillingSettings, SettingsPatch };

const deepMerge = <T>(base: T, patch: unknown): T => {
  if (patch === undefined) return base;
  if (Array.isArray(patch) || typeof patch !== 'object' || patch === null) return patch as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = deepMerge((base as Record<string, unknown>)?.[key], value);
  }
  return out as T;
};

/** The object holding a secret setting and the secret's key in it (`payments.stripe`, `secretKey`). */
const secretHolder = (root: unknown, path: SecretSettingPath): [Record<string, unknown> | undefined, string] => {
  const parts = path.split('.');
  const field = parts.pop()!;
  let holder: unknown = root;
  for (const part of parts) holder = (holder as Record<string, unknown> | undefined)?.[part];
  return [typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>) : undefined, field];
};

/**
 * Every gateway call reads the settings; re-reading the store each time was two of the hot path's
 * round trips. They are kept for at most this long per process: an update made on this instance applies
 * at once, one made on another instance within this delay.
 */
const SETTINGS_CACHE_MS = 1000;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });
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
    for (const path of SECRET_SETTINGS) {
      const [holder, field] = secretHolder(copy, path);
      if (holder) holder[field] = fn((holder[field] as string | undefined) ?? '');
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
     * Partial update with a typed patch: the controller parses the request body (validation/settings.ts).
     * A secret sent back in its masked form (as the admin page received it) keeps the stored value; an
     * empty string clears it. The patch is not modified. Settings that would break a rule of the contract
     * (a caller other than the controller, e.g. a TTL under 10 s) are refused and nothing is written.
     */
    async update(patch: SettingsPatch): Promise<BillingSettings> {
      const key = encryptionKey();
      const current = await readStored();
      const incoming: SettingsPatch = JSON.parse(JSON.stringify(patch ?? {}));
      for (const path of SECRET_SETTINGS) {
        const [holder, field] = secretHolder(incoming, path);
        if (holder && typeof holder[field] === 'string') {
          if (isMasked(holder[field] as string)) delete holder[field];
          else holder[field] = encryptSecret(holder[field] as string, key);
        }
      }
      const next = deepMerge(current, incoming);
      const violations = settingsViolations(next);
      if (violations.length) throw BillingValidationError.naming('Invalid settings', violations);
      await store().set({ value: next });
      generation += 1;
      cached = null;
      return this.getMasked();
    },
  };
};
