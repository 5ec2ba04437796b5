import type { Core } from '@strapi/strapi';
import { stopSweep } from './bootstrap';

export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => {
  stopSweep();
};
