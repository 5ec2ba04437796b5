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
import { pluginUid } from '../utils/plugin-uid';
import { decryptSecret, encryptSecret, isMasked, keyId, maskSecret, storedKeyId, SecretUnreadableError, type SecretKeys } from './secrets';

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

// Where Strapi's plugin store keeps the settings (its table and the row's key).
const STORE_TABLE = 'strapi_core_store_settings';
const STORE_KEY = `plugin_${PLUGIN_ID}_settings`;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });

  /**
   * Runs a read-modify-write of the settings with their store row locked (SELECT … FOR UPDATE in a Strapi
   * transaction, which the store's own queries join), so two admins saving at once both keep their change.
   */
  const withSettingsLocked = <T>(work: () => Promise<T>): Promise<T> =>
    strapi.db.transaction(async ({ trx }) => {
      await trx(STORE_TABLE).select('id').where({ key: STORE_KEY }).forUpdate();
      return work();
    }) as Promise<T>;
  let cached: { settings: BillingSettings; readAt: number } | null = null;
  // Bumped by every local update, so a read that raced with an update is not cached.
  let generation = 0;

  /**
   * The keys that protect payment secrets: a dedicated one — the plugin config `encryptionKey`, else the env
   * USAGE_BILLING_ENCRYPTION_KEY, else the app's ENCRYPTION_KEY (`admin.secrets.encryptionKey`, which Strapi
   * keeps for encryption; never APP_KEYS, which sign sessions and rotate for other reasons) — and the
   * `previousEncryptionKeys` that still decrypt what they made (rotation).
   */
  const encryptionKeys = (): SecretKeys | null => {
    const current =
      (strapi.config.get(pluginUid('encryptionKey')) as string | undefined) ||
      process.env.USAGE_BILLING_ENCRYPTION_KEY ||
      (strapi.config.get('admin.secrets.encryptionKey') as string | undefined) ||
      process.env.ENCRYPTION_KEY;
    if (!current) return null;
    return { current, previous: (strapi.config.get(pluginUid('previousEncryptionKeys')) as string[] | undefined) ?? [] };
  };

  const requireKeys = (): SecretKeys => {
    const keys = encryptionKeys();
    if (!keys) throw new Error(`${PLUGIN_ID}: no encryption key (set ENCRYPTION_KEY, or the plugin's encryptionKey) to protect payment secrets`);
    return keys;
  };

  /** Stored form: defaults merged under what was saved; secrets still encrypted. */
  const readStored = async (): Promise<BillingSettings> =>
    deepMerge(DEFAULT_SETTINGS, ((await store().get({})) as Partial<BillingSettings> | null) ?? {});

  const mapSecrets = (settings: BillingSettings, fn: (value: string, path: SecretSettingPath) => string): BillingSettings => {
    const copy: BillingSettings = JSON.parse(JSON.stringify(settings));
    for (const path of SECRET_SETTINGS) {
      const [holder, field] = secretHolder(copy, path);
      if (holder) holder[field] = fn((holder[field] as string | undefined) ?? '', path);
    }
    return copy;
  };

  /** What is stored under a secret's path (encrypted). */
  const storedSecret = (settings: BillingSettings, path: SecretSettingPath): string => {
    const [holder, field] = secretHolder(settings, path);
    return ((holder?.[field] as string | undefined) ?? '') as string;
  };

  /** The read-modify-write of update(), inside its lock. */
  const applyPatch = async (patch: SettingsPatch): Promise<void> => {
    const current = await readStored();
    const incoming: SettingsPatch = JSON.parse(JSON.stringify(patch ?? {}));
    for (const path of SECRET_SETTINGS) {
      const [holder, field] = secretHolder(incoming, path);
      if (holder && typeof holder[field] === 'string') {
        if (isMasked(holder[field] as string)) delete holder[field];
        else holder[field] = encryptSecret(holder[field] as string, requireKeys(), path);
      }
    }
    // Changing where the Stripe SDK sends requests needs the secret key entered again in the same save:
    // otherwise whoever may edit settings could send the stored key to a host of their choice.
    const newApiBase = incoming.payments?.stripe?.apiBase;
    const newSecretKey = incoming.payments?.stripe?.secretKey;
    if (newApiBase !== undefined && newApiBase !== current.payments.stripe.apiBase && (typeof newSecretKey !== 'string' || newSecretKey === '')) {
      throw BillingValidationError.naming('Invalid settings', [
        { path: 'payments.stripe.apiBase', message: 'can only be changed together with payments.stripe.secretKey (enter the secret key again)' },
      ]);
    }
    const next = deepMerge(current, incoming);
    const violations = settingsViolations(next);
    if (violations.length) throw BillingValidationError.naming('Invalid settings', violations);
    await store().set({ value: next });
  };

  return {
    /**
     * The settings every call reads (mode, prepaid amount…). Secrets stay as stored, encrypted: nothing on
     * the hot path decrypts, so a key that changed can never take metering down. Payments read a secret in
     * clear with secret(). The object may be shared with other callers: treat it as read-only.
     */
    async get(): Promise<BillingSettings> {
      if (cached && Date.now() - cached.readAt < SETTINGS_CACHE_MS) return cached.settings;
      const readAt = Date.now();
      const startedAt = generation;
      const settings = await readStored();
      if (startedAt === generation) cached = { settings, readAt };
      return settings;
    },

    /**
     * One secret in clear, for the payment code that needs it: server-side only, never to a client or a
     * log. '' when unset; SecretUnreadableError when the configured keys cannot open it.
     */
    async secret(path: SecretSettingPath): Promise<string> {
      const stored = storedSecret(await this.get(), path);
      if (!stored) return '';
      const keys = encryptionKeys();
      if (!keys) throw new SecretUnreadableError(path, 'no encryption key is configured');
      return decryptSecret(stored, keys, path);
    },

    /** Settings as the admin API shows them: secrets masked ('' when unset or unreadable, see secretStatus()). */
    async getMasked(): Promise<BillingSettings> {
      // The admin page always shows what is stored, never a cached copy.
      generation += 1;
      cached = null;
      const keys = encryptionKeys();
      return mapSecrets(await this.get(), (stored, path) => {
        if (!stored || !keys) return '';
        try {
          return maskSecret(decryptSecret(stored, keys, path));
        } catch {
          return '';
        }
      });
    },

    /**
     * For the admin: each secret's state — set or not, readable with the configured keys (an unreadable one
     * must be entered again), and whether it is under the current key (rotation: re-save it to move it).
     */
    async secretStatus(): Promise<Record<SecretSettingPath, { set: boolean; readable: boolean; keyId: string | null; currentKey: boolean }>> {
      const settings = await readStored();
      const keys = encryptionKeys();
      const current = keys ? keyId(keys.current) : null;
      const status = {} as Record<SecretSettingPath, { set: boolean; readable: boolean; keyId: string | null; currentKey: boolean }>;
      for (const path of SECRET_SETTINGS) {
        const stored = storedSecret(settings, path);
        let readable = false;
        if (stored && keys) {
          try {
            decryptSecret(stored, keys, path);
            readable = true;
          } catch {
            readable = false;
          }
        }
        const kid = storedKeyId(stored);
        status[path] = { set: stored !== '', readable, keyId: kid, currentKey: kid !== null && kid === current };
      }
      return status;
    },

    /**
     * Partial update with a typed patch: the controller parses the request body (validation/settings.ts).
     * A secret sent back in its masked form (as the admin page received it) keeps the stored value; an
     * empty string clears it. The patch is not modified. Settings that would break a rule of the contract
     * (a caller other than the controller, e.g. a TTL under 10 s) are refused and nothing is written.
     */
    async update(patch: SettingsPatch): Promise<BillingSettings> {
      await withSettingsLocked(() => applyPatch(patch));
      generation += 1;
      cached = null;
      return this.getMasked();
    },

  };
};
