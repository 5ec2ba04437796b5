/** The plugin id: the `strapi.name` of package.json, the prefix of every translation key and RBAC action. */
export const PLUGIN_ID = 'usage-billing';

/** Path of the Billing page inside the admin router (relative to the admin root). */
export const BASE_PATH = `/plugins/${PLUGIN_ID}`;
