// Payment secrets at rest: AES-256-GCM under a dedicated key, stored as
// `enc:v2:<key id>:<iv>:<tag>:<ciphertext>` with the setting's path as associated data; the v1 format of
// earlier versions still reads; masked whenever they leave the server.
import { decryptSecret, encryptSecret, isMasked, keyId, maskSecret, storedKeyId, SecretUnreadableError } from '../../../server/src/services/secrets';

const KEY = 'test-encryption-key';
const KEYS = { current: KEY };
const FIELD = 'payments.stripe.secretKey';
const STRIPE_KEY = 'sk_test_51Habcdefghijklmnop4242';

/**
 * STRIPE_KEY encrypted under KEY in the v1 format of earlier versions (IV 00 01 … 0b, no associated data).
 * It must stay readable: a change of the key derivation (sha256 of "usage-billing:" + the key) breaks it.
 */
const STORED_V1 = 'enc:v1:AAECAwQFBgcICQoL:D3WHH8nQy+2aCuXgAXeFeA==:rnL4PAp9qfddw2RfULzbB4r2aGxb6gVFXi8NxomxeA==';

/** The key id and the three base64 parts of a v2 value, decoded. */
const parts = (stored: string) => {
  const match = /^enc:v2:([0-9a-f]{8}):([^:]+):([^:]+):([^:]+)$/.exec(stored);
  if (!match) throw new Error(`not an enc:v2 value: ${stored}`);
  const [iv, tag, body] = match.slice(2).map((b64) => Buffer.from(b64, 'base64'));
  return { kid: match[1], iv, tag, body };
};

const unreadable = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
};

describe('encryptSecret / decryptSecret', () => {
  test('a secret stored in the v1 format of earlier versions still decrypts, with the current or a previous key', () => {
    expect(decryptSecret(STORED_V1, KEYS, FIELD)).toBe(STRIPE_KEY);
    expect(decryptSecret(STORED_V1, { current: 'new-key', previous: [KEY] }, FIELD)).toBe(STRIPE_KEY);
  });

  test.each([
    ['a Stripe key', STRIPE_KEY],
    ['one character', 'x'],
    ['non-ASCII text', 'clé-密钥-🔑'],
    ['a long value', 'k'.repeat(5000)],
    ['colons and the prefix itself', 'enc:v2:a:b:c:d'],
  ])('round trip: %s', (_, plain) => {
    const stored = encryptSecret(plain, KEYS, FIELD);
    expect(stored.startsWith(`enc:v2:${keyId(KEY)}:`)).toBe(true);
    expect(decryptSecret(stored, KEYS, FIELD)).toBe(plain);
  });

  test('the stored form does not show the secret', () => {
    const stored = encryptSecret(STRIPE_KEY, KEYS, FIELD);
    expect(stored).not.toContain(STRIPE_KEY.slice(0, 8));
    expect(stored).not.toContain(STRIPE_KEY.slice(-8));
  });

  test('layout: the key id, a 12-byte IV, a full 16-byte tag and as many ciphertext bytes as the UTF-8 text', () => {
    const plain = 'clé-密钥';
    const { kid, iv, tag, body } = parts(encryptSecret(plain, KEYS, FIELD));
    expect([kid, iv.length, tag.length, body.length]).toEqual([keyId(KEY), 12, 16, Buffer.byteLength(plain, 'utf8')]);
    expect(storedKeyId(encryptSecret(plain, KEYS, FIELD))).toBe(keyId(KEY));
  });

  test('each encryption draws a new IV', () => {
    const a = encryptSecret(STRIPE_KEY, KEYS, FIELD);
    const b = encryptSecret(STRIPE_KEY, KEYS, FIELD);
    expect(parts(a).iv.equals(parts(b).iv)).toBe(false);
    expect([decryptSecret(a, KEYS, FIELD), decryptSecret(b, KEYS, FIELD)]).toEqual([STRIPE_KEY, STRIPE_KEY]);
  });

  test('the field is authenticated: a ciphertext copied into another setting does not decrypt', () => {
    const stored = encryptSecret(STRIPE_KEY, KEYS, FIELD);
    expect(unreadable(() => decryptSecret(stored, KEYS, 'payments.epay.key'))).toBeInstanceOf(SecretUnreadableError);
  });

  test('rotation: a secret made with a previous key decrypts while that key is listed; new ones use the current key', () => {
    const old = encryptSecret(STRIPE_KEY, { current: 'old-key' }, FIELD);
    const rotated = { current: 'new-key', previous: ['old-key'] };
    expect(decryptSecret(old, rotated, FIELD)).toBe(STRIPE_KEY);
    expect(storedKeyId(encryptSecret(STRIPE_KEY, rotated, FIELD))).toBe(keyId('new-key'));
    const error = unreadable(() => decryptSecret(old, { current: 'new-key' }, FIELD)) as SecretUnreadableError;
    expect(error).toBeInstanceOf(SecretUnreadableError);
    expect(error.message).toContain(`key ${keyId('old-key')}`);
  });

  test('the empty string stays empty both ways (an unset secret)', () => {
    expect(encryptSecret('', KEYS, FIELD)).toBe('');
    expect(decryptSecret('', KEYS, FIELD)).toBe('');
  });

  test('a tampered ciphertext, a tampered or truncated tag, or another key: SecretUnreadableError', () => {
    const stored = encryptSecret(STRIPE_KEY, KEYS, FIELD);
    const { kid, iv, tag, body } = parts(stored);
    const flip = (buffer: Buffer, index: number) => {
      const copy = Buffer.from(buffer);
      copy[index] ^= 1;
      return copy.toString('base64');
    };
    const b64 = (b: Buffer) => b.toString('base64');
    for (const bad of [
      `enc:v2:${kid}:${b64(iv)}:${b64(tag)}:${flip(body, 0)}`,
      `enc:v2:${kid}:${b64(iv)}:${flip(tag, 15)}:${b64(body)}`,
      `enc:v2:${kid}:${b64(iv)}:${b64(tag.subarray(0, 8))}:${b64(body)}`,
    ]) {
      expect(unreadable(() => decryptSecret(bad, KEYS, FIELD))).toBeInstanceOf(SecretUnreadableError);
    }
    expect(unreadable(() => decryptSecret(STORED_V1, { current: 'another-key' }, FIELD))).toBeInstanceOf(SecretUnreadableError);
  });

  test('a stored value in no encrypted format is refused, not returned as is', () => {
    expect(unreadable(() => decryptSecret(STRIPE_KEY, KEYS, FIELD))).toBeInstanceOf(SecretUnreadableError);
  });
});

describe('maskSecret / isMasked', () => {
  test.each([
    ['', ''],
    ['a', '••••••••'],
    ['12345678901', '••••••••'],
    ['123456789012', '••••••••9012'],
    [STRIPE_KEY, '••••••••4242'],
  ])('%j → %j', (plain, masked) => {
    expect(maskSecret(plain)).toBe(masked);
  });

  test('a mask shows at most the last 4 characters of the secret', () => {
    expect(maskSecret('abcdefghijklmnopqrstuvwxyz0123456789').replace(/•/g, '')).toBe('6789');
  });

  test.each([
    ['••••••••4242', true],
    ['••••••••', true],
    ['', false],
    [STRIPE_KEY, false],
    ['•••', false],
  ])('isMasked(%j) is %s', (value, masked) => {
    expect(isMasked(value)).toBe(masked);
  });
});
