import { adminActor } from '../utils/admin-actor';
import { getService } from '../utils/get-service';
import type { PageRequest } from '../utils/pagination';
import { parsePage } from '../validation/admin';

/** What the CRUD handlers need of a service: validated entries in, the stored entry (or its listing) out. */
export interface CrudService<Entry> {
  list(): Promise<unknown>;
  /** One page of the list, read from the database with LIMIT/OFFSET (lists that can grow long). */
  listPage?(page: PageRequest): Promise<unknown>;
  /** `actor` (the admin, `admin:<id> (<email>)`): passed only with `recordsActor` (see CrudResource). */
  create(entry: Entry, actor?: string): Promise<unknown>;
  update(entry: Entry, actor?: string): Promise<unknown>;
  delete(name: string, actor?: string): Promise<unknown>;
}

export interface CrudResource<Entry> {
  service: () => CrudService<Entry>;
  /** The route parameter naming the entry: `:model`, `:tool`, `:name`. */
  param: string;
  /** A create body, validated. */
  parseCreate: (body: unknown) => Entry;
  /** An update body, validated, for the entry the URL names. */
  parseUpdate: (name: string, body: unknown) => Entry;
  /** The audit trail's name of the list: `model-prices` → actions `model-prices.create|update|delete`. */
  audit: string;
  /**
   * The service keeps who changed what itself (model prices: their version history), so create, update and
   * delete get the admin as their last argument. Off for the others, whose second argument means something else.
   */
  recordsActor?: boolean;
}

/**
 * The handlers of a name-keyed admin list (model prices, tool prices, multipliers, catalog models):
 * GET → the list; POST → 201 and the created entry; PUT /:name and DELETE /:name → the entry.
 */
export const crudHandlers = <Entry>(resource: CrudResource<Entry>) => {
  // The router has already URL-decoded path parameters: decoding again would corrupt names containing "%".
  const name = (ctx: any) => String(ctx.params[resource.param]);
  const by = (ctx: any): [string?] => (resource.recordsActor ? [adminActor(ctx)] : []);
  const audit = (ctx: any, action: string, subject: string, after: unknown) =>
    getService('audit').record({ actor: adminActor(ctx), action: `${resource.audit}.${action}`, subject, after });
  return {
    /** The whole list as `{ data }`; with `?page=` or `?pageSize=`, one page as `{ data, meta: { pagination } }` where the list supports it. */
    async list(ctx: any) {
      const service = resource.service();
      const paged = ctx.query?.page !== undefined || ctx.query?.pageSize !== undefined;
      if (paged && service.listPage) {
        ctx.body = await service.listPage(parsePage(ctx.query));
        return;
      }
      ctx.body = { data: await service.list() };
    },
    async create(ctx: any) {
      const entry = resource.parseCreate(ctx.request.body);
      const created = await resource.service().create(entry, ...by(ctx));
      await audit(ctx, 'create', String((entry as Record<string, unknown>)[resource.param]), created);
      ctx.status = 201;
      ctx.body = { data: created };
    },
    async update(ctx: any) {
      const updated = await resource.service().update(resource.parseUpdate(name(ctx), ctx.request.body), ...by(ctx));
      await audit(ctx, 'update', name(ctx), updated);
      ctx.body = { data: updated };
    },
    async delete(ctx: any) {
      const deleted = await resource.service().delete(name(ctx), ...by(ctx));
      await audit(ctx, 'delete', name(ctx), null);
      ctx.body = { data: deleted };
    },
  };
};
