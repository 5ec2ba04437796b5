import type { Core } from '@strapi/strapi';

export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => {
  // Cron jobs registered through strapi.cron are stopped by Strapi itself.
};
