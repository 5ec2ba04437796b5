import { PLUGIN_ID } from '../../contracts';

/** The plugin id comes from the contracts (contracts/plugin.ts), shared with the server. */
export { PLUGIN_ID };

/** Path of the Billing page inside the admin router (relative to the admin root). */
export const BASE_PATH = `/plugins/${PLUGIN_ID}`;
