import type { Core } from '@strapi/strapi';
import { ADMIN_ACTIONS } from './permissions';
import { getService } from './utils/get-service';

let sweepTimer: NodeJS.Timeout | undefined;

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.admin.services.permission.actionProvider.registerMany(
    ADMIN_ACTIONS.map((action) => ({
      section: 'plugins',
      pluginName: 'usage-billing',
      uid: action.uid,
      displayName: action.displayName,
      subCategory: action.subCategory,
    })),
  );

  await grantMeRoutesOnce(strapi);

  // Expire stale holds on every instance. A plain timer rather than strapi.cron, which only runs when
  // the host app enables cron; the sweep is one set-based UPDATE, so overlapping runs are harmless.
  const seconds = strapi.config.get('plugin::usage-billing.holdSweepSeconds', 60) as number;
  sweepTimer = setInterval(() => {
    getService('holds')
      .sweepExpired()
      .catch((error: Error) => strapi.log.warn(`usage-billing: hold sweep failed: ${error.message}`));
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
 */
async function grantMeRoutesOnce(strapi: Core.Strapi) {
  if (!strapi.plugin('users-permissions')) return;
  const store = strapi.store({ type: 'plugin', name: 'usage-billing', key: 'me-routes-granted' });
  if (await store.get({})) return;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  if (!role) return;
  for (const action of ['plugin::usage-billing.account.me', 'plugin::usage-billing.account.meUsage']) {
    const exists = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
    if (!exists) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
  await store.set({ value: true });
}
