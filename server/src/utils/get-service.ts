import { PLUGIN_ID } from '../../../contracts/plugin';
import type { Services } from '../services';

export type ServiceName = keyof Services;

/**
 * Typed access to this plugin's services, for controllers and for services calling each other:
 * `getService('metering').report(…)`. Resolved on each call (a map lookup), so a service may call one
 * that is registered after it.
 */
export const getService = <K extends ServiceName>(name: K): Services[K] => strapi.plugin(PLUGIN_ID).service(name) as Services[K];
