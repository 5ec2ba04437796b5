import type { Core } from '@strapi/strapi';
import { ADMIN_ACTIONS } from './permissions';

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
};
