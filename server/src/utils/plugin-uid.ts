import { PLUGIN_ID } from '../../../contracts/plugin';

/** A uid inside this plugin: `pluginUid('account')` → `plugin::usage-billing.account` (content types, actions, middlewares, config). */
export const pluginUid = <T extends string>(name: T) => `plugin::${PLUGIN_ID}.${name}` as const;
