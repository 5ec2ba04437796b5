import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../contracts/plugin';
import { ADMIN_ACTIONS } from './permissions';
import { getService } from './utils/get-service';
import { pluginUid } from './utils/plugin-uid';

let sweepTimer: NodeJS.Timeout | undefined;

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

  // Expire stale holds on every instance. A plain timer rather than strapi.cron, which only runs when
  // the host app enables cron; the sweep is one set-based UPDATE, so overlapping runs are harmless.
  const seconds = strapi.config.get(pluginUid('holdSweepSeconds'), 60) as number;
  sweepTimer = setInterval(() => {
    getService('holds')
      .sweepExpired()
      .catch((error: Error) => strapi.log.warn(`${PLUGIN_ID}: hold sweep failed: ${error.message}`));
  }, seconds * 1000);
  sweepTimer.unref();
};

export const stopSweep = () => {
  if (sweepTimer) clearInterval(sweepTimer);
  sweepTimer = undefined;
};

/**
 * Logged-in users may read their own billing view (/me, /me/usage) out of the box: the actions are
 * granted to the users-permissions "authenticated" role once, on the first boot with the plugin. An
 * administrator who later removes them in Users & Permissions keeps that choice.
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
  if (await store.get({})) return;
  const roles = strapi.db.query('plugin::users-permissions.role');
  if ((await roles.count()) === 0) await usersPermissions.service('users-permissions').initialize();
  const role = await roles.findOne({ where: { type: 'authenticated' } });
  if (!role) return;
  for (const action of [pluginUid('account.me'), pluginUid('account.meUsage')]) {
    const exists = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
    if (!exists) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
  await store.set({ value: true });
}
