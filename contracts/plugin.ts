/**
 * The plugin id: package.json's `strapi.name`, the prefix of every content-type uid, RBAC action and
 * translation key. Server and admin both import it from here.
 */
export const PLUGIN_ID = 'usage-billing';
