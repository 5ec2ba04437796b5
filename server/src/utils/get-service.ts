import type services from '../services';

type ServiceFactories = typeof services;
export type ServiceName = keyof ServiceFactories;
export type ServiceOf<K extends ServiceName> = ReturnType<ServiceFactories[K]>;

/** Typed access to this plugin's services: `getService('metering').report(…)`. */
export const getService = <K extends ServiceName>(name: K): ServiceOf<K> =>
  strapi.plugin('usage-billing').service(name) as ServiceOf<K>;

export const PLUGIN_ID = 'usage-billing';
export const uid = <T extends string>(name: T) => `plugin::usage-billing.${name}` as const;
