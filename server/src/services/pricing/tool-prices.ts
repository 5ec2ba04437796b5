import type { Core } from '@strapi/strapi';
import type { ToolPrice } from '../../rating';
import { TABLES } from '../db';
import { namedEntries } from './named-entries';

/** Per-call prices of the native tools a model may call (web search…). */
export default ({ strapi }: { strapi: Core.Strapi }) =>
  namedEntries<ToolPrice, 'tool'>(strapi, {
    table: TABLES.tools,
    key: 'tool',
    label: 'Tool price',
    conflictMessage: (tool) => `Tool "${tool}" already has a price`,
    insertColumns: (entry) => ({ per_call: entry.perCall, enabled: entry.enabled }),
    read: async (db) =>
      (await db(TABLES.tools).select('tool', 'per_call', 'enabled').orderBy('tool')).map((r: any) => ({
        tool: r.tool,
        perCall: r.per_call,
        enabled: Boolean(r.enabled),
      })),
  });
