import type { Core } from '@strapi/strapi';
import type { ServiceMultiplier } from '../../rating';
import { TABLES } from '../db';
import { namedEntries } from './named-entries';

/** Service multipliers: the factor a call's model cost is multiplied by for its service tier ("priority"…). */
export default ({ strapi }: { strapi: Core.Strapi }) =>
  namedEntries<ServiceMultiplier, 'name'>(strapi, {
    table: TABLES.multipliers,
    key: 'name',
    label: 'Service multiplier',
    conflictMessage: (name) => `Service multiplier "${name}" already exists`,
    insertColumns: (entry) => ({ factor: entry.factor }),
    read: async (db) => (await db(TABLES.multipliers).select('name', 'factor').orderBy('name')).map((r: any) => ({ name: r.name, factor: r.factor })),
  });
