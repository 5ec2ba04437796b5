import type { Core } from '@strapi/strapi';
import type { AuditEntry } from '../../../contracts/api';
import { onePage, paginationMeta, type PageRequest } from '../utils/pagination';
import { TABLES, fromJson, rowMeta, toDate, toJson } from './db';

/**
 * The audit trail of configuration edits: settings, model/tool prices, multipliers, the catalog, pricing
 * imports and plans. The only writer of its table; entries are never changed or deleted.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;
  return {
    /** Records that `actor` did `action` on `subject`, leaving `after` (masked by the caller where secret). */
    async record(entry: { actor: string; action: string; subject?: string | null; after?: unknown }): Promise<void> {
      await db()(TABLES.audit).insert({
        ...rowMeta(),
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject ?? null,
        after: toJson(entry.after ?? null),
      });
    },

    /** Newest first. */
    async list(page: PageRequest): Promise<{ data: AuditEntry[]; meta: { pagination: ReturnType<typeof paginationMeta> } }> {
      const [{ count }] = await db()(TABLES.audit).count({ count: '*' });
      const rows = await onePage(db()(TABLES.audit).select('id', 'actor', 'action', 'subject', 'after', 'created_at').orderBy('id', 'desc'), page);
      return {
        data: rows.map((r: any) => ({
          id: Number(r.id),
          actor: r.actor,
          action: r.action,
          subject: r.subject ?? null,
          after: fromJson(r.after),
          createdAt: toDate(r.created_at)!.toISOString(),
        })),
        meta: { pagination: paginationMeta(page, Number(count)) },
      };
    },
  };
};
