// The demo's app secrets: generated once per clone, private to their owner, reused, never overriding the env.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureAppSecrets } = require('../../../scripts/lib/app-secrets') as { ensureAppSecrets: (file: string) => string[] };

const NAMES = ['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];

describe('ensureAppSecrets', () => {
  const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ub-secrets-'));
    for (const n of NAMES) delete process.env[n];
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const n of NAMES) if (saved[n] === undefined) delete process.env[n]; else process.env[n] = saved[n];
  });

  test('first run: random secrets written with mode 0600 and put into the environment; the next run reuses them', () => {
    const file = path.join(dir, '.demo', 'secrets.json');
    expect(ensureAppSecrets(file).sort()).toEqual([...NAMES].sort());
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const first = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
    expect(first.APP_KEYS!.split(',')).toHaveLength(2);
    expect(new Set(Object.values(first)).size).toBe(NAMES.length);
    for (const value of Object.values(first)) expect(value!.length).toBeGreaterThanOrEqual(40);
    for (const n of NAMES) delete process.env[n];
    ensureAppSecrets(file);
    expect(Object.fromEntries(NAMES.map((n) => [n, process.env[n]]))).toEqual(first);
  });

  test('two clones never share secrets; a variable already set wins', () => {
    ensureAppSecrets(path.join(dir, 'a.json'));
    const a = process.env.ENCRYPTION_KEY;
    for (const n of NAMES) delete process.env[n];
    process.env.JWT_SECRET = 'from-the-environment';
    const used = ensureAppSecrets(path.join(dir, 'b.json'));
    expect(process.env.ENCRYPTION_KEY).not.toBe(a);
    expect(process.env.JWT_SECRET).toBe('from-the-environment');
    expect(used).not.toContain('JWT_SECRET');
  });
});
