'use strict';
// The demo's admin login and gateway API token, created through Strapi's own admin services and
// kept in step with .demo/credentials.json on every start.
const crypto = require('node:crypto');

const ADMIN_EMAIL = 'admin@usage-billing.local';
const TOKEN_NAME = 'Usage billing demo gateway';
const PLUGIN = 'usage-billing';

/** Strapi's admin password policy: 8+ characters with a lowercase letter, an uppercase letter and a digit. */
const isStrongPassword = (value) =>
  typeof value === 'string' && value.length >= 12 && value.length <= 72 && /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value);

function generatePassword() {
  for (;;) {
    // 20 characters from an unambiguous alphabet (~115 bits), grouped for reading.
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
    const bytes = crypto.randomBytes(20);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    const password = `${chars.slice(0, 5)}-${chars.slice(5, 10)}-${chars.slice(10, 15)}-${chars.slice(15)}`;
    if (isStrongPassword(password)) return password;
  }
}

/**
 * The demo super admin. Created with the stored password (or a new one); when it exists but the stored
 * password does not match (credentials file lost or from another database), its password is reset.
 */
async function ensureAdmin(strapi, { password: storedPassword, log }) {
  let password = isStrongPassword(storedPassword) ? storedPassword : null;
  const user = await strapi.db.query('admin::user').findOne({ where: { email: ADMIN_EMAIL } });
  if (!user) {
    password = password ?? generatePassword();
    let superAdmin = await strapi.service('admin::role').getSuperAdmin();
    if (!superAdmin) {
      await strapi.service('admin::role').createRolesIfNoneExist();
      superAdmin = await strapi.service('admin::role').getSuperAdmin();
    }
    await strapi.service('admin::user').create({
      email: ADMIN_EMAIL,
      firstname: 'Demo',
      lastname: 'Admin',
      password,
      isActive: true,
      registrationToken: null,
      roles: [superAdmin.id],
    });
    log.ok(`created the super admin ${ADMIN_EMAIL}`);
    return { email: ADMIN_EMAIL, password, status: 'created' };
  }
  const matches = password !== null && (await strapi.service('admin::auth').validatePassword(password, user.password));
  const patch = {};
  if (!matches) {
    password = password ?? generatePassword();
    patch.password = password;
  }
  if (!user.isActive) patch.isActive = true;
  if (user.blocked) patch.blocked = false;
  if (Object.keys(patch).length > 0) await strapi.service('admin::user').updateById(user.id, patch);
  if (!matches) {
    log.warn(
      storedPassword
        ? `the password in .demo/credentials.json did not match ${ADMIN_EMAIL} on this database: it was set to the stored one`
        : `no stored password for ${ADMIN_EMAIL} (.demo/credentials.json missing): a new one was set`,
    );
  }
  return { email: ADMIN_EMAIL, password, status: matches ? 'reused' : 'reset' };
}

/** Every content-API action of the plugin: one per content-api route, `plugin::usage-billing.<controller>.<action>`. */
function gatewayActions(strapi) {
  const routes = strapi.plugin(PLUGIN).routes?.['content-api']?.routes ?? [];
  const actions = new Set();
  for (const route of routes) {
    const handler = typeof route.handler === 'string' ? route.handler : null;
    if (!handler) continue;
    actions.add(handler.includes('::') ? handler : `plugin::${PLUGIN}.${handler}`);
  }
  return [...actions].sort();
}

const tokenService = (strapi) => {
  try {
    return strapi.service('admin::api-token-content-api') ?? strapi.service('admin::api-token');
  } catch {
    return strapi.service('admin::api-token');
  }
};

/**
 * The gateway's API token (type custom), allowed on every gateway route. Its permissions are brought
 * up to date with the plugin's routes on each start. The access key is only shown when a token is
 * created or regenerated: the stored key is reused when it still matches, then Strapi's encrypted copy
 * is tried, and only then is the key regenerated.
 */
async function ensureApiToken(strapi, { accessKey: storedKey, log }) {
  const service = tokenService(strapi);
  const wanted = gatewayActions(strapi);
  const registered = new Set(strapi.contentAPI.permissions.providers.action.keys());
  const permissions = wanted.filter((action) => registered.has(action));
  const unregistered = wanted.filter((action) => !registered.has(action));
  if (unregistered.length > 0) log.warn(`route actions not registered as permissions, left out of the token: ${unregistered.join(', ')}`);
  if (permissions.length === 0) log.warn('the plugin has no content-API (gateway) routes yet: the API token allows nothing for now');

  const existing = await strapi.db.query('admin::api-token').findOne({ where: { name: TOKEN_NAME }, populate: ['permissions'] });
  if (!existing) {
    const created = await service.create({
      name: TOKEN_NAME,
      description: 'Created by `npm run demo`: the gateway token, allowed on every /api/usage-billing route.',
      type: 'custom',
      lifespan: null,
      permissions,
    });
    log.ok(`created the API token "${TOKEN_NAME}" (${permissions.length} gateway actions)`);
    return { accessKey: created.accessKey, permissions, status: 'created' };
  }

  const current = (existing.permissions ?? []).map((p) => p.action).sort();
  const changed = existing.type !== 'custom' || current.join() !== permissions.join();
  if (changed) {
    await service.update(existing.id, { type: 'custom', permissions });
    log.ok(`updated the API token's permissions to the plugin's ${permissions.length} gateway actions`);
  }

  if (storedKey && service.hash(storedKey) === existing.accessKey) return { accessKey: storedKey, permissions, status: 'reused' };

  // Strapi keeps an encrypted copy of the key (admin.secrets.encryptionKey) that it can show again.
  try {
    const withKey = await service.getById(existing.id, { includeDecryptedKey: true });
    if (withKey?.accessKey && service.hash(withKey.accessKey) === existing.accessKey) {
      if (storedKey) log.info(`the API token in .demo/credentials.json belongs to another database: using this database's "${TOKEN_NAME}"`);
      return { accessKey: withKey.accessKey, permissions, status: 'recovered' };
    }
  } catch {
    // no encrypted copy, or another encryption key: regenerate below
  }
  const regenerated = await service.regenerate(existing.id);
  log.warn(`the key of the API token "${TOKEN_NAME}" could not be recovered: it was regenerated (the old key no longer works)`);
  return { accessKey: regenerated.accessKey, permissions, status: 'regenerated' };
}

module.exports = { ensureAdmin, ensureApiToken, gatewayActions, ADMIN_EMAIL, TOKEN_NAME };
