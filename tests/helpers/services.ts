// Typed access to the plugin's services of a booted Strapi, as server/src/utils/get-service.ts gives the
// server code. Only the types come from server/src: the services that run are those Strapi loaded (the
// shipped build, dist/server).
import type { Core } from '@strapi/strapi';
import type { ServiceName } from '../../server/src/utils/get-service';
import type { Services } from '../../server/src/services';

export type { ServiceName, Services };

export const service = <K extends ServiceName>(strapi: Core.Strapi, name: K): Services[K] =>
  strapi.plugin('usage-billing').service(name) as Services[K];
