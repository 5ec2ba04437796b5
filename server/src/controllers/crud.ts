/** What the CRUD handlers need of a service: validated entries in, the stored entry (or its listing) out. */
export interface CrudService<Entry> {
  list(): Promise<unknown>;
  create(entry: Entry): Promise<unknown>;
  update(entry: Entry): Promise<unknown>;
  delete(name: string): Promise<unknown>;
}

export interface CrudResource<Entry> {
  service: () => CrudService<Entry>;
  /** The route parameter naming the entry: `:model`, `:tool`, `:name`. */
  param: string;
  /** A create body, validated. */
  parseCreate: (body: unknown) => Entry;
  /** An update body, validated, for the entry the URL names. */
  parseUpdate: (name: string, body: unknown) => Entry;
}

/**
 * The handlers of a name-keyed admin list (model prices, tool prices, multipliers, catalog models):
 * GET → the list; POST → 201 and the created entry; PUT /:name and DELETE /:name → the entry.
 */
export const crudHandlers = <Entry>(resource: CrudResource<Entry>) => {
  // The router has already URL-decoded path parameters: decoding again would corrupt names containing "%".
  const name = (ctx: any) => String(ctx.params[resource.param]);
  return {
    async list(ctx: any) {
      ctx.body = { data: await resource.service().list() };
    },
    async create(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await resource.service().create(resource.parseCreate(ctx.request.body)) };
    },
    async update(ctx: any) {
      ctx.body = { data: await resource.service().update(resource.parseUpdate(name(ctx), ctx.request.body)) };
    },
    async delete(ctx: any) {
      ctx.body = { data: await resource.service().delete(name(ctx)) };
    },
  };
};
