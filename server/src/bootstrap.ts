import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../contracts/plugin';
import { requireCredentials } from './middlewares/require-credentials';
import { watchApiTokens } from './auth/cached-api-token';
import { ADMIN_ACTIONS } from './permissions';
import { getService } from './utils/get-service';
import { pluginUid } from './utils/plugin-uid';

let sweepTimer: NodeJS.Timeout | undefined;
let unwatchApiTokens: (() => void) | undefined;

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.admin.services.permission.actionProvider.registerMany(
    ADMIN_ACTIONS.map((action) => ({
      section: 'plugins',
      pluginName: PLUGIN_ID,
      uid: action.uid,
      displayName: action.displayName,
      subCategory: action.subCategory,
    })),
  );

  await grantMeRoutesOnce(strapi);

  // Here, not in register(): the app's middlewares are in place by now, so this runs after CORS and the
  // security headers, and before the router (mounted after bootstrap).
  strapi.server.use(requireCredentials(strapi));

  // A token revoked or changed here stops being trusted from the cache at once (auth/cached-api-token.ts).
  unwatchApiTokens = watchApiTokens(strapi);

  // Expire stale holds on every instance. A plain timer rather than strapi.cron, which only runs when
  // the host app enables cron; the sweep is one set-based UPDATE, so overlapping runs are harmless.
  const seconds = strapi.config.get(pluginUid('holdSweepSeconds'), 60) as number;
  // The same timer marks ended subscriptions (reads and the hot path already treat them as ended) and
  // retries recurring Stripe stops (payments.stopRecurring claims each, so overlapping instances send it once).
  sweepTimer = setInterval(() => {
    getService('holds')
      .sweepExpired()
      .catch((error: Error) => strapi.log.warn(`${PLUGIN_ID}: hold sweep failed: ${error.message}`));
    getService('subscriptions')
      .sweepEnded()
      .catch((error: Error) => strapi.log.warn(`${PLUGIN_ID}: subscription sweep failed: ${error.message}`));
    // Recurring Stripe subscriptions still to stop (a failed or interrupted call after a purchase or cancel).
    void getService('payments').stopRecurring();
  }, seconds * 1000);
  sweepTimer.unref();
};

export const stopSweep = () => {
  if (sweepTimer) clearInterval(sweepTimer);
  sweepTimer = undefined;
  unwatchApiTokens?.();
  unwatchApiTokens = undefined;
};

/**
 * The content-API actions logged-in users get out of the box (their own billing view). A feature that adds
 * a `/me/…` route adds its action here; existing installs receive it on their next boot.
 */
const ME_ACTIONS = ['account.me', 'account.meUsage', 'account.meRedeem', 'account.meCheckout'];

/**
 * Logged-in users may use their own billing routes (/me, /me/usage, …) out of the box: each action is
 * granted to the users-permissions "authenticated" role once. The plugin store remembers which actions
 * were granted, so an action added by a later version is granted on the next boot, while one an
 * administrator removed in Users & Permissions stays removed. (Before this list existed the store held
 * `true`, meaning the first two actions.)
 *
 * Boot order: Strapi bootstraps the plugins declared in config/plugins.js before those only installed as
 * dependencies, so in a default app (which declares just us) our bootstrap runs before users-permissions'
 * and, on a brand-new database, its roles do not exist yet. We then run its `initialize()` first: it
 * creates the roles only when there are none and seeds its default permissions only when the permission
 * table is empty, so its own later call creates nothing more. Granting on the role's creation instead (a lifecycle
 * subscription) would put our permissions in that table first and make users-permissions skip its
 * defaults (register, login, users/me).
 */
async function grantMeRoutesOnce(strapi: Core.Strapi) {
  const usersPermissions = strapi.plugin('users-permissions');
  if (!usersPermissions) return;
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'me-routes-granted' });
  const stored = await store.get({});
  const granted: string[] = Array.isArray(stored) ? stored : stored ? ME_ACTIONS.slice(0, 2) : [];
  const missing = ME_ACTIONS.filter((action) => !granted.includes(action));
  if (missing.length === 0) return;
  const roles = strapi.db.query('plugin::users-permissions.role');
  if ((await roles.count()) === 0) await usersPermissions.service('users-permissions').initialize();
  const role = await roles.findOne({ where: { type: 'authenticated' } });
  if (!role) return;
  for (const action of missing.map((name) => pluginUid(name))) {
    const exists = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
    if (!exists) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
  await store.set({ value: [...granted, ...missing] });
}
