import crypto from 'node:crypto';

// Secrets (Stripe keys, webhook secret, EPay key) are stored encrypted with AES-256-GCM and only ever leave
// the server masked. Format v2: `enc:v2:<key id>:<iv>:<tag>:<ciphertext>` (base64 parts, 12-byte IV, full
// 16-byte tag), with the setting's path (`payments.stripe.secretKey`) as associated data, so a ciphertext
// copied into another field does not decrypt. The key id names the key it was made with, so keys can be
// rotated: the current key encrypts, previous keys still decrypt what they made. v1 (no key id, no
// associated data) is still read.
const V1 = 'enc:v1:';
const V2 = 'enc:v2:';

/** The current key (encrypts) and the previous ones (only decrypt). Raw key material, any length. */
export interface SecretKeys {
  current: string;
  previous?: string[];
}

// Fixed salt strings, not the plugin id: were they to follow a rename, every stored secret would become unreadable.
const deriveKey = (secret: string) => crypto.createHash('sha256').update(`usage-billing:${secret}`).digest();

/** A short public name of a key (8 hex digits of a hash that reveals nothing usable). */
export const keyId = (secret: string) => crypto.createHash('sha256').update(`usage-billing-key-id:${secret}`).digest('hex').slice(0, 8);

const allKeys = (keys: SecretKeys) => [keys.current, ...(keys.previous ?? [])].filter(Boolean);

export class SecretUnreadableError extends Error {
  override readonly name = 'SecretUnreadableError';
  constructor(readonly field: string, reason: string) {
    super(`The stored ${field} cannot be decrypted (${reason}): enter it again`);
  }
}

export const encryptSecret = (plain: string, keys: SecretKeys, field: string): string => {
  if (plain === '') return '';
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(keys.current), iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(field, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${V2}${keyId(keys.current)}:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
};

const open = (key: string, iv: string, tag: string, body: string, field: string | null) => {
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(key), Buffer.from(iv, 'base64'), { authTagLength: 16 });
  if (field !== null) decipher.setAAD(Buffer.from(field, 'utf8'));
  const tagBytes = Buffer.from(tag, 'base64');
  if (tagBytes.length !== 16) throw new Error('the authentication tag is not 16 bytes');
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
};

/** The plain secret; throws SecretUnreadableError when no key can open it (a changed key, a foreign dump). */
export const decryptSecret = (stored: string, keys: SecretKeys, field: string): string => {
  if (!stored) return '';
  if (stored.startsWith(V2)) {
    const [kid, iv, tag, body] = stored.slice(V2.length).split(':');
    const key = allKeys(keys).find((k) => keyId(k) === kid);
    if (!key) throw new SecretUnreadableError(field, `it was encrypted with key ${kid}, which is not configured`);
    try {
      return open(key, iv, tag, body, field);
    } catch {
      throw new SecretUnreadableError(field, 'it fails authentication');
    }
  }
  if (stored.startsWith(V1)) {
    const [iv, tag, body] = stored.slice(V1.length).split(':');
    for (const key of allKeys(keys)) {
      try {
        return open(key, iv, tag, body, null);
      } catch {
        // try the next key
      }
    }
    throw new SecretUnreadableError(field, 'no configured key opens it');
  }
  throw new SecretUnreadableError(field, 'it is not in an encrypted format');
};

/** The key id a stored secret was encrypted with (null: unset, or the v1 format, which has none). */
export const storedKeyId = (stored: string): string | null => (stored.startsWith(V2) ? stored.slice(V2.length).split(':')[0] : null);

/** `sk_test_…4242` → `••••••••4242`: at most the last 4 characters, and none of a short secret. */
export const maskSecret = (plain: string): string => {
  if (!plain) return '';
  if (plain.length < 12) return '••••••••';
  return `••••••••${plain.slice(-4)}`;
};

export const isMasked = (value: string) => value.includes('••••');
