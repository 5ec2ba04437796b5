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
