// Payment secrets at rest: AES-256-GCM under a key derived from the app's encryption key, stored as
// `enc:v1:<iv>:<tag>:<ciphertext>` (base64 parts), and masked whenever they leave the server.
import { decryptSecret, encryptSecret, isMasked, maskSecret } from '../../../server/src/services/secrets';

const KEY = 'test-encryption-key';
const STRIPE_KEY = 'sk_test_51Habcdefghijklmnop4242';

/**
 * STRIPE_KEY encrypted under KEY with the IV 00 01 … 0b, as the plugin stores it. Settings saved by earlier
 * versions must stay readable: a change of the format or of the key derivation (sha256 of
 * "usage-billing:" + the app's key) breaks this value, as it would break every stored secret.
 */
const STORED_V1 = 'enc:v1:AAECAwQFBgcICQoL:D3WHH8nQy+2aCuXgAXeFeA==:rnL4PAp9qfddw2RfULzbB4r2aGxb6gVFXi8NxomxeA==';

/** The three base64 parts of a stored secret, decoded. */
const parts = (stored: string) => {
  const match = /^enc:v1:([^:]+):([^:]+):([^:]+)$/.exec(stored);
  if (!match) throw new Error(`not an enc:v1 value: ${stored}`);
  const [iv, tag, body] = match.slice(1).map((b64) => Buffer.from(b64, 'base64'));
  return { iv, tag, body };
};

describe('encryptSecret / decryptSecret', () => {
  test('a secret stored in the v1 format decrypts to its plain text', () => {
    expect(decryptSecret(STORED_V1, KEY)).toBe(STRIPE_KEY);
  });

  test.each([
    ['a Stripe key', STRIPE_KEY],
    ['one character', 'x'],
    ['non-ASCII text', 'clé-密钥-🔑'],
    ['a long value', 'k'.repeat(5000)],
    ['colons and the prefix itself', 'enc:v1:a:b:c'],
  ])('round trip: %s', (_, plain) => {
    const stored = encryptSecret(plain, KEY);
    expect(stored.startsWith('enc:v1:')).toBe(true);
    expect(decryptSecret(stored, KEY)).toBe(plain);
  });

  test('the stored form does not show the secret', () => {
    const stored = encryptSecret(STRIPE_KEY, KEY);
    expect(stored).not.toContain(STRIPE_KEY);
    // Not even its recognisable parts (a 4-character piece may turn up in base64 by chance; 8 will not).
    expect(stored).not.toContain(STRIPE_KEY.slice(0, 8));
    expect(stored).not.toContain(STRIPE_KEY.slice(-8));
  });

  test('layout: a 12-byte IV, a 16-byte tag and as many ciphertext bytes as the UTF-8 text', () => {
    const plain = 'clé-密钥';
    const { iv, tag, body } = parts(encryptSecret(plain, KEY));
    expect([iv.length, tag.length, body.length]).toEqual([12, 16, Buffer.byteLength(plain, 'utf8')]);
  });

  test('each encryption draws a new IV: the same secret is stored differently every time', () => {
    const a = encryptSecret(STRIPE_KEY, KEY);
    const b = encryptSecret(STRIPE_KEY, KEY);
    expect(a).not.toBe(b);
    expect(parts(a).iv.equals(parts(b).iv)).toBe(false);
    expect([decryptSecret(a, KEY), decryptSecret(b, KEY)]).toEqual([STRIPE_KEY, STRIPE_KEY]);
  });

  test('the empty string stays empty both ways (an unset secret)', () => {
    expect(encryptSecret('', KEY)).toBe('');
    expect(decryptSecret('', KEY)).toBe('');
  });

  test('another app key cannot decrypt', () => {
    expect(() => decryptSecret(STORED_V1, 'another-encryption-key')).toThrow();
  });

  test('a tampered ciphertext or tag is refused (GCM authentication)', () => {
    const { iv, tag, body } = parts(STORED_V1);
    const flip = (buffer: Buffer, index: number) => {
      const copy = Buffer.from(buffer);
      copy[index] ^= 1;
      return copy.toString('base64');
    };
    expect(() => decryptSecret(`enc:v1:${iv.toString('base64')}:${tag.toString('base64')}:${flip(body, 0)}`, KEY)).toThrow();
    expect(() => decryptSecret(`enc:v1:${iv.toString('base64')}:${flip(tag, 15)}:${body.toString('base64')}`, KEY)).toThrow();
  });

  test('a stored value without the enc:v1: prefix is refused, not returned as is', () => {
    expect(() => decryptSecret(STRIPE_KEY, KEY)).toThrow('usage-billing: stored secret is not encrypted');
  });
});

describe('maskSecret / isMasked', () => {
  test.each([
    ['', ''],
    ['a', '••••••••'],
    ['12345678', '••••••••'],
    ['123456789', '1234••••••••6789'],
    [STRIPE_KEY, 'sk_t••••••••4242'],
    ['whsec_abcdefgh12345678', 'whse••••••••5678'],
  ])('%j → %j', (plain, masked) => {
    expect(maskSecret(plain)).toBe(masked);
  });

  test('a mask shows at most 8 characters of the secret, whatever its length', () => {
    const secret = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const masked = maskSecret(secret);
    expect(masked.replace(/•/g, '')).toBe('abcd6789');
  });

  test.each([
    ['sk_t••••••••4242', true],
    ['••••••••', true],
    ['a••••b', true],
    ['', false],
    [STRIPE_KEY, false],
    ['•••', false],
  ])('isMasked(%j) is %s', (value, masked) => {
    expect(isMasked(value)).toBe(masked);
  });

  test('every non-empty mask is recognised as masked', () => {
    for (const plain of ['a', '12345678', '123456789', STRIPE_KEY]) expect(isMasked(maskSecret(plain))).toBe(true);
  });
});
