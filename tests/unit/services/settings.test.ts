// The settings service on its own: a partial update merged over what is stored (defaults under it),
// secrets encrypted at rest with the app's key, masked on the way out, kept when their mask comes back
// and cleared by an empty string. Strapi is replaced by the two things the service uses of it: a
// key-value plugin store and the app's encryption key.
import type { Core } from '@strapi/strapi';
import { DEFAULT_SETTINGS, type BillingSettings } from '../../../contracts/settings';
import createSettingsService from '../../../server/src/services/settings';
import { decryptSecret, encryptSecret, keyId } from '../../../server/src/services/secrets';

const KEY = 'unit-test-encryption-key';
const KEYS = { current: KEY };
const STRIPE_KEY = 'sk_test_51Habcdefghijklmnop4242';
const WEBHOOK_SECRET = 'whsec_abcdefgh12345678';
const EPAY_KEY = 'epay-merchant-key-9876';

const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

/**
 * Strapi as far as the settings service is concerned: `strapi.store({ type, name, key })` (a value per
 * type/name/key, handed out as a copy as the database would) and `strapi.config.get()` for the app's
 * encryption key (`admin.secrets.encryptionKey`).
 */
function fakeStrapi(initial: Record<string, unknown> = {}, encryptionKey = KEY) {
  const entries = new Map<string, unknown>(Object.entries(initial));
  let writes = 0;
  const strapi = {
    store: ({ type, name, key }: { type: string; name: string; key: string }) => {
      const id = `${type}:${name}:${key}`;
      return {
        get: async () => clone(entries.get(id) ?? null),
        set: async ({ value }: { value: unknown }) => {
          writes += 1;
          entries.set(id, clone(value));
        },
      };
    },
    config: { get: (path: string) => (path === 'admin.secrets.encryptionKey' ? encryptionKey : undefined) },
    // update() locks the store row in a transaction: here a transaction that runs the work as it is.
    db: { transaction: async (work: (ctx: { trx: unknown }) => unknown) => work({ trx: () => ({ select: () => ({ where: () => ({ forUpdate: async () => [] }) }) }) }) },
  };
  return {
    strapi: strapi as unknown as Core.Strapi,
    /** What the store holds under the settings' entry (the encrypted form). */
    stored: () => entries.get('plugin:usage-billing:settings') as BillingSettings | undefined,
    writes: () => writes,
  };
}

const setup = (initial: Record<string, unknown> = {}, encryptionKey = KEY) => {
  const fake = fakeStrapi(initial, encryptionKey);
  return { ...fake, settings: createSettingsService({ strapi: fake.strapi }) };
};

/** The defaults with some settings changed (a deep copy: DEFAULT_SETTINGS itself is never touched). */
const defaultsWith = (change: (s: BillingSettings) => void): BillingSettings => {
  const copy = clone(DEFAULT_SETTINGS);
  change(copy);
  return copy;
};

describe('settings service: merge', () => {
  const pristineDefaults = clone(DEFAULT_SETTINGS);
  afterAll(() => expect(DEFAULT_SETTINGS).toEqual(pristineDefaults));

  test('nothing stored: get() and getMasked() answer the defaults', async () => {
    const { settings, writes } = setup();
    expect(await settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(await settings.getMasked()).toEqual(DEFAULT_SETTINGS);
    expect(writes()).toBe(0);
  });

  test('stored settings from an older version: the defaults fill what they lack, key by key', async () => {
    const { settings } = setup({ 'plugin:usage-billing:settings': { mode: 'self', payments: { stripe: { enabled: true } } } });
    expect(await settings.get()).toEqual(
      defaultsWith((s) => {
        s.mode = 'self';
        s.payments.stripe.enabled = true;
      }),
    );
  });

  test('a partial update is merged into the stored settings; the next one keeps what the first set', async () => {
    const { settings, stored } = setup();
    const first = await settings.update({ prepaidAmount: '0.25', payments: { stripe: { enabled: true, publishableKey: 'pk_test_1' } } });
    const afterFirst = defaultsWith((s) => {
      s.prepaidAmount = '0.25';
      s.payments.stripe.enabled = true;
      s.payments.stripe.publishableKey = 'pk_test_1';
    });
    expect(first).toEqual(afterFirst);
    expect(stored()).toEqual(afterFirst);

    const second = await settings.update({ mode: 'period', payments: { usdToCnyRate: '7.1' } });
    const afterSecond = defaultsWith((s) => {
      s.mode = 'period';
      s.prepaidAmount = '0.25';
      s.payments.usdToCnyRate = '7.1';
      s.payments.stripe.enabled = true;
      s.payments.stripe.publishableKey = 'pk_test_1';
    });
    expect(second).toEqual(afterSecond);
    expect(stored()).toEqual(afterSecond);
    expect(await settings.get()).toEqual(afterSecond);
  });

  test('an array replaces the stored one as a whole', async () => {
    const { settings } = setup();
    await settings.update({ payments: { epay: { payTypes: ['wxpay'] } } });
    expect((await settings.get()).payments.epay.payTypes).toEqual(['wxpay']);
    await settings.update({ payments: { epay: { payTypes: [] } } });
    expect((await settings.get()).payments.epay.payTypes).toEqual([]);
  });

  test('the patch object is left as the caller passed it', async () => {
    const { settings } = setup();
    const patch = { mode: 'self' as const, payments: { stripe: { secretKey: STRIPE_KEY } } };
    await settings.update(patch);
    expect(patch).toEqual({ mode: 'self', payments: { stripe: { secretKey: STRIPE_KEY } } });
  });

  test('settings that break a rule once merged are refused with a 400 naming the field, and nothing is written', async () => {
    const { settings, stored, writes } = setup();
    await settings.update({ prepaidAmount: '0.5' });
    const before = clone(stored());
    const error = await settings.update({ holdTtlSeconds: 5 }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationError', message: 'Invalid settings: holdTtlSeconds must be a whole number of seconds from 10 to 604800' });
    expect((error as { details: unknown }).details).toEqual({
      errors: [{ path: ['holdTtlSeconds'], message: 'must be a whole number of seconds from 10 to 604800', name: 'ValidationError', field: 'holdTtlSeconds' }],
    });
    expect(writes()).toBe(1);
    expect(stored()).toEqual(before);
    expect((await settings.get()).holdTtlSeconds).toBe(900);
  });
});

describe('settings service: secrets', () => {
  /** A service holding the three secrets, written by one update. */
  const withSecrets = async () => {
    const ctx = setup();
    const answer = await ctx.settings.update({
      payments: { stripe: { secretKey: STRIPE_KEY, webhookSecret: WEBHOOK_SECRET }, epay: { key: EPAY_KEY } },
    });
    return { ...ctx, answer };
  };

  test('secrets are answered masked, stored encrypted with the key, never decrypted by get(), read in clear by secret()', async () => {
    const { settings, stored, answer } = await withSecrets();
    expect([answer.payments.stripe.secretKey, answer.payments.stripe.webhookSecret, answer.payments.epay.key]).toEqual([
      '••••••••4242',
      '••••••••5678',
      '••••••••9876',
    ]);

    const raw = stored()!;
    const rawSecrets = [raw.payments.stripe.secretKey, raw.payments.stripe.webhookSecret, raw.payments.epay.key];
    for (const value of rawSecrets) expect(value).toMatch(/^enc:v2:[0-9a-f]{8}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect([
      decryptSecret(rawSecrets[0], KEYS, 'payments.stripe.secretKey'),
      decryptSecret(rawSecrets[1], KEYS, 'payments.stripe.webhookSecret'),
      decryptSecret(rawSecrets[2], KEYS, 'payments.epay.key'),
    ]).toEqual([STRIPE_KEY, WEBHOOK_SECRET, EPAY_KEY]);
    for (const plain of [STRIPE_KEY, WEBHOOK_SECRET, EPAY_KEY]) expect(JSON.stringify(raw)).not.toContain(plain);

    // The hot path's read never decrypts: secrets stay as stored.
    const hot = await settings.get();
    expect(hot.payments.stripe.secretKey).toBe(raw.payments.stripe.secretKey);
    expect([await settings.secret('payments.stripe.secretKey'), await settings.secret('payments.stripe.webhookSecret'), await settings.secret('payments.epay.key')]).toEqual([
      STRIPE_KEY,
      WEBHOOK_SECRET,
      EPAY_KEY,
    ]);
    expect((await settings.getMasked()).payments.stripe.secretKey).toBe('••••••••4242');
    expect((await settings.secretStatus())['payments.stripe.secretKey']).toEqual({ set: true, readable: true, keyId: keyId(KEY), currentKey: true });
  });

  test('a secret stored by an earlier version (v1) is still read', async () => {
    const STORED_V1 = 'enc:v1:AAECAwQFBgcICQoL:D3WHH8nQy+2aCuXgAXeFeA==:rnL4PAp9qfddw2RfULzbB4r2aGxb6gVFXi8NxomxeA==';
    const { settings } = setup({ 'plugin:usage-billing:settings': { payments: { stripe: { ...DEFAULT_SETTINGS.payments.stripe, secretKey: STORED_V1 } } } }, 'test-encryption-key');
    expect(await settings.secret('payments.stripe.secretKey')).toBe(STRIPE_KEY);
    expect((await settings.secretStatus())['payments.stripe.secretKey']).toMatchObject({ readable: true, keyId: null, currentKey: false });
  });

  test('a secret the configured key cannot open (a changed key, a restored dump): get() still works, the admin sees it unreadable', async () => {
    const stripe = { ...DEFAULT_SETTINGS.payments.stripe, secretKey: encryptSecret(STRIPE_KEY, { current: 'the-old-production-key' }, 'payments.stripe.secretKey') };
    const { settings } = setup({ 'plugin:usage-billing:settings': { mode: 'period', payments: { stripe } } });
    expect((await settings.get()).mode).toBe('period');
    expect((await settings.getMasked()).payments.stripe.secretKey).toBe('');
    expect((await settings.secretStatus())['payments.stripe.secretKey']).toMatchObject({ set: true, readable: false, currentKey: false });
    await expect(settings.secret('payments.stripe.secretKey')).rejects.toThrow('cannot be decrypted');
  });

  test('changing the Stripe API base needs the secret key entered in the same save', async () => {
    const { settings, stored } = await withSecrets();
    const before = clone(stored());
    const error = await settings.update({ payments: { stripe: { apiBase: 'https://evil.example' } } }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ details: { errors: [expect.objectContaining({ field: 'payments.stripe.apiBase' })] } });
    expect(stored()).toEqual(before);
    await settings.update({ payments: { stripe: { apiBase: 'http://127.0.0.1:12111', secretKey: 'sk_test_another_key_0000' } } });
    expect(stored()!.payments.stripe.apiBase).toBe('http://127.0.0.1:12111');
  });

  test('the masked value sent back keeps the stored secret, ciphertext and all; other fields still update', async () => {
    const { settings, stored } = await withSecrets();
    const before = stored()!.payments.stripe.secretKey;
    const answer = await settings.update({ payments: { stripe: { secretKey: '••••••••4242', enabled: true } } });
    expect(stored()!.payments.stripe.secretKey).toBe(before);
    expect(answer.payments.stripe).toMatchObject({ secretKey: '••••••••4242', enabled: true });
    expect(await settings.secret('payments.stripe.secretKey')).toBe(STRIPE_KEY);
  });

  test('a secret left out of the patch is kept', async () => {
    const { settings, stored } = await withSecrets();
    const before = clone(stored()!.payments);
    await settings.update({ payments: { stripe: { publishableKey: 'pk_live_2' } } });
    expect(stored()!.payments.stripe).toEqual({ ...before.stripe, publishableKey: 'pk_live_2' });
    expect(stored()!.payments.epay).toEqual(before.epay);
  });

  test('an empty string clears the secret; the other secrets stay', async () => {
    const { settings, stored } = await withSecrets();
    const answer = await settings.update({ payments: { stripe: { secretKey: '' } } });
    expect(stored()!.payments.stripe.secretKey).toBe('');
    expect(answer.payments.stripe.secretKey).toBe('');
    expect([await settings.secret('payments.stripe.secretKey'), await settings.secret('payments.stripe.webhookSecret'), await settings.secret('payments.epay.key')]).toEqual([
      '',
      WEBHOOK_SECRET,
      EPAY_KEY,
    ]);
  });

  test('a new value replaces the secret', async () => {
    const { settings, stored } = await withSecrets();
    await settings.update({ payments: { epay: { key: 'rotated-epay-key-1234' } } });
    expect(decryptSecret(stored()!.payments.epay.key, KEYS, 'payments.epay.key')).toBe('rotated-epay-key-1234');
    expect((await settings.getMasked()).payments.epay.key).toBe('••••••••1234');
  });

  test('a short secret is masked entirely', async () => {
    const { settings } = setup();
    const answer = await settings.update({ payments: { stripe: { webhookSecret: 'whsec_1' } } });
    expect(answer.payments.stripe.webhookSecret).toBe('••••••••');
    expect(await settings.secret('payments.stripe.webhookSecret')).toBe('whsec_1');
  });
});
