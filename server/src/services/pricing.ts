import type { Core } from '@strapi/strapi';
import {
  normalizePricingFile,
  validatePricingFile,
  type ModelPrice,
  type PriceBook,
  type PricingFile,
  type ServiceMultiplier,
  type ToolPrice,
} from '../rating';
import { BillingError, BillingValidationError, ConflictError, NotFoundError } from '../errors';
import { parsePricingEntry } from '../validation/pricing';
import { TABLES, fromJson, isUniqueViolation, rowMeta, toJson, withTransaction, type Trx } from './db';

const PRICE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite', 'perCall', 'perSecond'] as const;

interface PriceRow {
  model: string;
  mode: ModelPrice['mode'];
  prices: unknown;
  tiers: unknown;
  enabled: unknown;
  version: number;
  updated_at?: unknown;
}

export const rowToModelPrice = (row: PriceRow): ModelPrice => {
  const prices = fromJson<Record<string, string>>(row.prices) ?? {};
  const price: ModelPrice = { model: row.model, mode: row.mode, enabled: Boolean(row.enabled) };
  for (const field of PRICE_FIELDS) if (prices[field] !== undefined) price[field] = prices[field];
  const tiers = fromJson<ModelPrice['tiers']>(row.tiers);
  if (tiers) price.tiers = tiers;
  return price;
};

const modelPriceColumns = (price: ModelPrice) => {
  const prices: Record<string, string> = {};
  for (const field of PRICE_FIELDS) if (price[field] !== undefined) prices[field] = price[field]!;
  return { mode: price.mode, prices: toJson(prices), tiers: toJson(price.tiers ?? null), enabled: price.enabled ?? true };
};

/** The canonical JSON of one entry, to tell changed from unchanged prices. */
const canonical = (entry: unknown) => JSON.stringify(entry);

export class UnknownModelsError extends BillingError {
  constructor(unknown: string[]) {
    super(409, 'UnknownModelsError', `Models unknown to the catalog: ${unknown.join(', ')} (import with allowUnknown=true to add them)`, { unknown });
  }
}

type CatalogSource = 'admin' | 'gateway' | 'auto' | 'import';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  const readTools = async (db: Trx): Promise<ToolPrice[]> =>
    (await db(TABLES.tools).select('tool', 'per_call', 'enabled').orderBy('tool')).map((r: any) => ({
      tool: r.tool,
      perCall: r.per_call,
      enabled: Boolean(r.enabled),
    }));

  const readMultipliers = async (db: Trx): Promise<ServiceMultiplier[]> =>
    (await db(TABLES.multipliers).select('name', 'factor').orderBy('name')).map((r: any) => ({ name: r.name, factor: r.factor }));

  const readPrices = async (db: Trx) => (await db(TABLES.prices).select('*').orderBy('model')) as PriceRow[];

  const ensureInCatalog = async (db: Trx, names: string[], source: CatalogSource) => {
    if (names.length === 0) return;
    const rows = names.map((name) => ({ ...rowMeta(), name, source, enabled: true }));
    await db(TABLES.models).insert(rows).onConflict('name').ignore();
  };

  /** Inserts or updates one price; call inside a transaction (the row is locked so versions never collide). */
  const upsertPrice = async (db: Trx, price: ModelPrice) => {
    const existing = await db(TABLES.prices).where({ model: price.model }).forUpdate().first();
    const columns = modelPriceColumns(price);
    if (!existing) {
      await db(TABLES.prices).insert({ ...rowMeta(), model: price.model, ...columns, version: 1 });
      return 'new' as const;
    }
    if (canonical(rowToModelPrice(existing)) === canonical(price)) return 'unchanged' as const;
    await db(TABLES.prices)
      .where({ model: price.model })
      .update({ ...columns, version: db.raw('version + 1'), updated_at: new Date() });
    return 'changed' as const;
  };

  const upsertTool = (db: Trx, tool: ToolPrice) =>
    db(TABLES.tools)
      .insert({ ...rowMeta(), tool: tool.tool, per_call: tool.perCall, enabled: tool.enabled })
      .onConflict('tool')
      .merge({ per_call: tool.perCall, enabled: tool.enabled, updated_at: new Date() });

  const upsertMultiplier = (db: Trx, multiplier: ServiceMultiplier) =>
    db(TABLES.multipliers)
      .insert({ ...rowMeta(), name: multiplier.name, factor: multiplier.factor })
      .onConflict('name')
      .merge({ factor: multiplier.factor, updated_at: new Date() });

  const diffNamed = <T>(incoming: T[], current: T[], nameOf: (entry: T) => string) => {
    const byName = new Map(current.map((entry) => [nameOf(entry), entry]));
    const diff = { new: [] as string[], changed: [] as { name: string; before: T; after: T }[], unchanged: [] as string[] };
    for (const entry of incoming) {
      const before = byName.get(nameOf(entry));
      if (!before) diff.new.push(nameOf(entry));
      else if (canonical(before) === canonical(entry)) diff.unchanged.push(nameOf(entry));
      else diff.changed.push({ name: nameOf(entry), before, after: entry });
    }
    return diff;
  };

  return {
    /**
     * Everything needed to price one call of `model`, read in one round of queries. Reads committed
     * prices; a price edited meanwhile applies to the next call (each log keeps the snapshot it used).
     */
    async priceBook(model: string, currency: string): Promise<{ book: PriceBook; version: number | null }> {
      // One round trip for the model's price, every tool price and every multiplier: the hot path pays
      // per statement, and these three small reads always go together.
      const result = await knex().raw(
        `SELECT 'price' AS kind, model AS name, mode, prices, tiers, enabled, version, NULL AS per_call, NULL AS factor
           FROM ${TABLES.prices} WHERE model = ?
         UNION ALL SELECT 'tool', tool, NULL, NULL, NULL, enabled, NULL, per_call, NULL FROM ${TABLES.tools}
         UNION ALL SELECT 'multiplier', name, NULL, NULL, NULL, NULL, NULL, NULL, factor FROM ${TABLES.multipliers}
         ORDER BY 1, 2`,
        [model],
      );
      const rows: any[] = Array.isArray(result) ? result : result.rows;
      const priceRow = rows.find((r) => r.kind === 'price');
      const tools: ToolPrice[] = rows.filter((r) => r.kind === 'tool').map((r) => ({ tool: r.name, perCall: r.per_call, enabled: Boolean(r.enabled) }));
      const multipliers: ServiceMultiplier[] = rows.filter((r) => r.kind === 'multiplier').map((r) => ({ name: r.name, factor: r.factor }));
      return {
        book: { currency, price: priceRow ? rowToModelPrice({ ...priceRow, model: priceRow.name }) : null, tools, multipliers },
        version: priceRow ? Number(priceRow.version) : null,
      };
    },

    async listModelPrices() {
      const [rows, catalog] = await Promise.all([readPrices(knex()), knex()(TABLES.models).pluck('name')]);
      const known = new Set(catalog as string[]);
      return rows.map((row: any) => ({
        ...rowToModelPrice(row),
        version: Number(row.version),
        updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
        inCatalog: known.has(row.model),
      }));
    },

    async createModelPrice(body: unknown) {
      const price = parsePricingEntry('models', body);
      try {
        await withTransaction(strapi, async (trx) => {
          await trx(TABLES.prices).insert({ ...rowMeta(), model: price.model, ...modelPriceColumns(price), version: 1 });
          await ensureInCatalog(trx, [price.model], 'admin');
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`Model "${price.model}" already has a price`, { model: price.model });
        throw error;
      }
      return price;
    },

    async updateModelPrice(model: string, body: unknown) {
      const price = parsePricingEntry('models', { model, ...(body as object) });
      if (price.model !== model) throw new BillingValidationError('model cannot be renamed', [{ path: 'model', message: 'must match the URL' }]);
      await withTransaction(strapi, async (trx) => {
        const exists = await trx(TABLES.prices).where({ model }).first('id');
        if (!exists) throw new NotFoundError('Model price', { model });
        await upsertPrice(trx, price);
      });
      return price;
    },

    async deleteModelPrice(model: string) {
      const deleted = await knex()(TABLES.prices).where({ model }).delete();
      if (!deleted) throw new NotFoundError('Model price', { model });
      return { model };
    },

    async listTools() {
      return readTools(knex());
    },
    async createTool(body: unknown) {
      const entry = parsePricingEntry('tools', body);
      const inserted = await knex()(TABLES.tools)
        .insert({ ...rowMeta(), tool: entry.tool, per_call: entry.perCall, enabled: entry.enabled })
        .onConflict('tool')
        .ignore()
        .returning('id');
      if (!inserted.length) throw new ConflictError(`Tool "${entry.tool}" already has a price`, { tool: entry.tool });
      return entry;
    },
    async updateTool(tool: string, body: unknown) {
      const entry = parsePricingEntry('tools', { ...(body as object), tool });
      const updated = await knex()(TABLES.tools).where({ tool }).update({ per_call: entry.perCall, enabled: entry.enabled, updated_at: new Date() });
      if (!updated) throw new NotFoundError('Tool price', { tool });
      return entry;
    },
    async deleteTool(tool: string) {
      if (!(await knex()(TABLES.tools).where({ tool }).delete())) throw new NotFoundError('Tool price', { tool });
      return { tool };
    },

    async listMultipliers() {
      return readMultipliers(knex());
    },
    async createMultiplier(body: unknown) {
      const entry = parsePricingEntry('multipliers', body);
      const inserted = await knex()(TABLES.multipliers)
        .insert({ ...rowMeta(), name: entry.name, factor: entry.factor })
        .onConflict('name')
        .ignore()
        .returning('id');
      if (!inserted.length) throw new ConflictError(`Service multiplier "${entry.name}" already exists`, { name: entry.name });
      return entry;
    },
    async updateMultiplier(name: string, body: unknown) {
      const entry = parsePricingEntry('multipliers', { ...(body as object), name });
      const updated = await knex()(TABLES.multipliers).where({ name }).update({ factor: entry.factor, updated_at: new Date() });
      if (!updated) throw new NotFoundError('Service multiplier', { name });
      return entry;
    },
    async deleteMultiplier(name: string) {
      if (!(await knex()(TABLES.multipliers).where({ name }).delete())) throw new NotFoundError('Service multiplier', { name });
      return { name };
    },

    /** The model catalog, each entry flagged with whether it has a price. */
    async listCatalog() {
      const [models, priced] = await Promise.all([
        knex()(TABLES.models).select('name', 'display_name', 'provider', 'source', 'enabled', 'created_at').orderBy('name'),
        knex()(TABLES.prices).pluck('model'),
      ]);
      const pricedSet = new Set(priced as string[]);
      return models.map((m: any) => ({
        name: m.name,
        displayName: m.display_name,
        provider: m.provider,
        source: m.source,
        enabled: Boolean(m.enabled),
        priced: pricedSet.has(m.name),
      }));
    },

    /** Adds names to the catalog (ignoring those already there). */
    async registerModels(names: string[], source: CatalogSource, db: Trx = knex()) {
      await ensureInCatalog(db, [...new Set(names)], source);
    },

    async saveCatalogModel(body: { name: string; displayName?: string; provider?: string; enabled?: boolean }, source: CatalogSource) {
      await knex()(TABLES.models)
        .insert({ ...rowMeta(), name: body.name, display_name: body.displayName ?? null, provider: body.provider ?? null, source, enabled: body.enabled ?? true })
        .onConflict('name')
        .merge({
          ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
          ...(body.provider !== undefined ? { provider: body.provider } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          updated_at: new Date(),
        });
      return (await this.listCatalog()).find((m) => m.name === body.name)!;
    },

    async createCatalogModel(body: { name: string; displayName?: string; provider?: string; enabled?: boolean }, source: CatalogSource) {
      const inserted = await knex()(TABLES.models)
        .insert({ ...rowMeta(), name: body.name, display_name: body.displayName ?? null, provider: body.provider ?? null, source, enabled: body.enabled ?? true })
        .onConflict('name')
        .ignore()
        .returning('id');
      if (!inserted.length) throw new ConflictError(`Model "${body.name}" is already in the catalog`, { name: body.name });
      return (await this.listCatalog()).find((m) => m.name === body.name)!;
    },

    async updateCatalogModel(name: string, body: { displayName?: string; provider?: string; enabled?: boolean }) {
      const exists = await knex()(TABLES.models).where({ name }).first('id');
      if (!exists) throw new NotFoundError('Catalog model', { name });
      return this.saveCatalogModel({ ...body, name }, 'admin');
    },

    async deleteCatalogModel(name: string) {
      if (!(await knex()(TABLES.models).where({ name }).delete())) throw new NotFoundError('Catalog model', { name });
      return { name };
    },

    /** The model prices of a pricing file as CSV (one row per model, or per tier of a tiered model). */
    toCsv(file: PricingFile): string {
      const header = ['model', 'mode', 'enabled', 'upTo', 'input', 'output', 'cacheRead', 'cacheWrite', 'perCall', 'perSecond'];
      const rows = file.models.flatMap((m) =>
        (m.tiers ?? [null]).map((tier) => {
          const prices = tier ?? m;
          return [m.model, m.mode, String(m.enabled ?? true), tier ? String(tier.upTo ?? '') : '', prices.input, prices.output, prices.cacheRead, prices.cacheWrite, m.perCall, m.perSecond]
            .map((v) => (v === undefined ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
            .join(',');
        }),
      );
      return [header.join(','), ...rows].join('\n') + '\n';
    },

    /** Every price, tool price and multiplier as a pricing file, in canonical order. */
    async exportFile(db: Trx = knex()): Promise<PricingFile> {
      const settings = await strapi.plugin('usage-billing').service('settings').get();
      // One after the other: `db` may be a transaction, i.e. a single connection.
      const rows = await readPrices(db);
      const tools = await readTools(db);
      const multipliers = await readMultipliers(db);
      return normalizePricingFile({ version: 1, currency: settings.currency, models: rows.map(rowToModelPrice), tools, multipliers });
    },

    /**
     * Imports a pricing file. Dry run: the diff, nothing written. Real run: all or nothing in one
     * transaction; names unknown to the catalog are refused unless allowUnknown, which adds them.
     * Entries absent from the file are left as they are.
     */
    async importFile(body: unknown, { dryRun, allowUnknown }: { dryRun: boolean; allowUnknown: boolean }) {
      const result = validatePricingFile(body);
      if (!result.ok) {
        throw new BillingValidationError(`Invalid pricing file: ${result.errors[0].path} ${result.errors[0].message}`, result.errors);
      }
      const incoming = normalizePricingFile(result.file);
      const settings = await strapi.plugin('usage-billing').service('settings').get();
      if (incoming.currency !== settings.currency) {
        throw new BillingValidationError(`Pricing file currency ${incoming.currency} differs from the billing currency ${settings.currency}`, [
          { path: 'currency', message: `must be ${settings.currency}, the billing currency` },
        ]);
      }

      const plan = async (db: Trx) => {
        const current = await this.exportFile(db);
        const catalog = new Set((await db(TABLES.models).pluck('name')) as string[]);
        const models = diffNamed(incoming.models, current.models, (m) => m.model);
        return {
          models: {
            new: models.new,
            changed: models.changed.map((c) => ({ model: c.name, before: c.before, after: c.after })),
            unchanged: models.unchanged,
          },
          unknown: incoming.models.map((m) => m.model).filter((name) => !catalog.has(name)),
          tools: diffNamed(incoming.tools, current.tools, (t) => t.tool),
          multipliers: diffNamed(incoming.multipliers, current.multipliers, (m) => m.name),
        };
      };

      if (dryRun) return { dryRun: true, applied: false, ...(await plan(knex())) };

      return withTransaction(strapi, async (trx) => {
        const diff = await plan(trx);
        if (diff.unknown.length > 0 && !allowUnknown) throw new UnknownModelsError(diff.unknown);
        await ensureInCatalog(trx, diff.unknown, 'import');
        for (const price of incoming.models) await upsertPrice(trx, price);
        for (const tool of incoming.tools) await upsertTool(trx, tool);
        for (const multiplier of incoming.multipliers) await upsertMultiplier(trx, multiplier);
        return { dryRun: false, applied: true, ...diff };
      });
    },
  };
};
