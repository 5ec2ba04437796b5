import type { Core } from '@strapi/strapi';
import type { ModelPrice } from '../../rating';
import { DuplicateNameError, NotFoundError } from '../../errors';
import { getService } from '../../utils/get-service';
import { onePage, paginationMeta, type PageRequest } from '../../utils/pagination';
import { TABLES, onUniqueViolation, rowMeta, withTransaction, type Trx } from '../db';
import { modelPriceColumns, rowToModelPrice, samePricing, type PriceRow } from './price-row';

/**
 * Model prices, versioned: each change of a model's price bumps its version, and every usage log keeps
 * the version (and the prices) it was rated with. Prices arrive validated and normalized.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const readRows = async (db: Trx) => (await db(TABLES.prices).select('*').orderBy('model')) as PriceRow[];

  /** Rows as the API lists them: with their version, last change and whether the catalog (`known`) has the model. */
  const listed = (rows: PriceRow[], known: Set<string>) =>
    rows.map((row) => ({
      ...rowToModelPrice(row),
      version: Number(row.version),
      updatedAt: row.updated_at ? new Date(row.updated_at as string).toISOString() : null,
      inCatalog: known.has(row.model),
    }));

  return {
    /** Every price, in model order. */
    async all(db: Trx = knex()): Promise<ModelPrice[]> {
      return (await readRows(db)).map(rowToModelPrice);
    },

    async names(db: Trx = knex()): Promise<string[]> {
      return db(TABLES.prices).pluck('model');
    },

    /** Every price with its version, last change and whether the catalog knows the model. */
    async list() {
      const [rows, catalog] = await Promise.all([readRows(knex()), getService('catalog').names()]);
      return listed(rows, new Set(catalog));
    },

    /** One page of list(), in model order, read with LIMIT/OFFSET (for price lists too long to read whole). */
    async listPage(page: PageRequest) {
      const [{ count }] = await knex()(TABLES.prices).count({ count: '*' });
      const rows = (await onePage(knex()(TABLES.prices).select('*').orderBy('model'), page)) as PriceRow[];
      const known = new Set<string>(await knex()(TABLES.models).whereIn('name', rows.map((r) => r.model)).pluck('name'));
      return { data: listed(rows, known), meta: { pagination: paginationMeta(page, Number(count)) } };
    },

    /** A first price for a model (version 1), which also enters the catalog. */
    async create(price: ModelPrice): Promise<ModelPrice> {
      const insert = () =>
        withTransaction(strapi, async (trx) => {
          await trx(TABLES.prices).insert({ ...rowMeta(), model: price.model, ...modelPriceColumns(price), version: 1 });
          await getService('catalog').register(trx, [price.model], 'admin');
        });
      await onUniqueViolation(insert, async () => {
        const existing = await knex()(TABLES.prices).where({ model: price.model }).first('id');
        throw new DuplicateNameError(
          'model',
          price.model,
          existing && { id: Number(existing.id), name: price.model },
          `Model "${price.model}" already has a price`,
        );
      });
      return price;
    },

    /** A new price for a model that has one (its version grows unless nothing changed). */
    async update(price: ModelPrice): Promise<ModelPrice> {
      await withTransaction(strapi, async (trx) => {
        const exists = await trx(TABLES.prices).where({ model: price.model }).first('id');
        if (!exists) throw new NotFoundError('Model price', { model: price.model });
        await this.upsert(trx, price);
      });
      return price;
    },

    async delete(model: string) {
      const deleted = await knex()(TABLES.prices).where({ model }).delete();
      if (!deleted) throw new NotFoundError('Model price', { model });
      return { model };
    },

    /** Inserts or updates one price; call inside a transaction (the row is locked so versions never collide). */
    async upsert(db: Trx, price: ModelPrice): Promise<'new' | 'changed' | 'unchanged'> {
      const existing = await db(TABLES.prices).where({ model: price.model }).forUpdate().first();
      const columns = modelPriceColumns(price);
      if (!existing) {
        await db(TABLES.prices).insert({ ...rowMeta(), model: price.model, ...columns, version: 1 });
        return 'new';
      }
      if (samePricing(rowToModelPrice(existing), price)) return 'unchanged';
      await db(TABLES.prices)
        .where({ model: price.model })
        .update({ ...columns, version: db.raw('version + 1'), updated_at: new Date() });
      return 'changed';
    },
  };
};
