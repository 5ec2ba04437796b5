import crypto from 'node:crypto';
import { PLUGIN_ID } from '../../../contracts/plugin';

// Secrets (Stripe keys, webhook secret, EPay key) are stored encrypted with AES-256-GCM under a key derived
// from the app's encryption key, and only ever leave the server masked.
const PREFIX = 'enc:v1:';

// The salt is a fixed string, not the plugin id: were it to follow a rename, every stored secret would
// become unreadable.
const deriveKey = (secret: string) => crypto.createHash('sha256').update(`usage-billing:${secret}`).digest();

export const encryptSecret = (plain: string, secret: string): string => {
  if (plain === '') return '';
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
};

export const decryptSecret = (stored: string, secret: string): string => {
  if (!stored) return '';
  if (!stored.startsWith(PREFIX)) throw new Error(`${PLUGIN_ID}: stored secret is not encrypted`);
  const [iv, tag, body] = stored.slice(PREFIX.length).split(':');
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(secret), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
};

/** `sk_test_…` → `sk_t••••••••4242`: enough to recognise a key, never enough to use it. */
export const maskSecret = (plain: string): string => {
  if (!plain) return '';
  if (plain.length <= 8) return '••••••••';
  return `${plain.slice(0, 4)}••••••••${plain.slice(-4)}`;
};

export const isMasked = (value: string) => value.includes('••••');
