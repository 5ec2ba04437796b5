'use strict';
// The secrets a Strapi app signs and encrypts with. The demo generates its own on first run and keeps them
// in .demo/secrets.json (git-ignored, readable by its owner only), so no two installs share a key and none
// ships in the repository. Variables already set in the environment win.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const random = () => crypto.randomBytes(32).toString('base64');

/** A fresh set: two app keys, the admin JWT, API token and transfer salts, the users JWT, the encryption key. */
const generateAppSecrets = () => ({
  APP_KEYS: `${random()},${random()}`,
  ADMIN_JWT_SECRET: random(),
  API_TOKEN_SALT: random(),
  TRANSFER_TOKEN_SALT: random(),
  JWT_SECRET: random(),
  ENCRYPTION_KEY: random(),
});

/**
 * The secrets stored in `file` (created on first use), put into process.env where not already set.
 * Returns the names taken from the file.
 */
function ensureAppSecrets(file) {
  let secrets;
  try {
    secrets = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    secrets = generateAppSecrets();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  const used = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (process.env[name] === undefined) {
      process.env[name] = value;
      used.push(name);
    }
  }
  return used;
}

module.exports = { ensureAppSecrets, generateAppSecrets };
