import type { Core } from '@strapi/strapi';
import type { ModelPrice } from '../../rating';
import { DuplicateNameError, NotFoundError } from '../../errors';
import { getService } from '../../utils/get-service';
import { onePage, paginationMeta, type PageRequest } from '../../utils/pagination';
import { TABLES, onUniqueViolation, rowMeta, withTransaction, type Trx } from '../db';
import { modelPriceColumns, rowToModelPrice, samePricing, type PriceRow } from './price-row';
import { readHistory, recordVersion, type PriceAuthor } from './price-history';

/**
 * Model prices, versioned: each change of a model's price bumps its version, and every usage log keeps
 * the version (and the prices) it was rated with; each version is also appended to the model's price
 * history (who, when, the whole price) in the same transaction. Prices arrive validated and normalized.
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
    async create(price: ModelPrice, actor?: string): Promise<ModelPrice> {
      const insert = () =>
        withTransaction(strapi, async (trx) => {
          await trx(TABLES.prices).insert({ ...rowMeta(), model: price.model, ...modelPriceColumns(price), version: 1 });
          const stored = rowToModelPrice({ model: price.model, ...modelPriceColumns(price), version: 1 });
          await recordVersion(trx, { model: price.model, version: 1, event: 'created', price: stored }, { actor, source: 'admin' });
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
    async update(price: ModelPrice, actor?: string): Promise<ModelPrice> {
      await withTransaction(strapi, async (trx) => {
        const exists = await trx(TABLES.prices).where({ model: price.model }).first('id');
        if (!exists) throw new NotFoundError('Model price', { model: price.model });
        await this.upsert(trx, price, { actor, source: 'admin' });
      });
      return price;
    },

    async delete(model: string, actor?: string) {
      await withTransaction(strapi, async (trx) => {
        const row = await trx(TABLES.prices).where({ model }).forUpdate().first('version');
        if (!row) throw new NotFoundError('Model price', { model });
        await trx(TABLES.prices).where({ model }).delete();
        await recordVersion(trx, { model, version: Number(row.version), event: 'deleted', price: null }, { actor, source: 'admin' });
      });
      return { model };
    },

    /** Every version of a model's price with who saved it, when, and what it changed; newest first. */
    history(model: string) {
      return readHistory(knex(), model);
    },

    /** Inserts or updates one price; call inside a transaction (the row is locked so versions never collide). */
    async upsert(db: Trx, price: ModelPrice, author: PriceAuthor = {}): Promise<'new' | 'changed' | 'unchanged'> {
      const existing = await db(TABLES.prices).where({ model: price.model }).forUpdate().first();
      const columns = modelPriceColumns(price);
      // The price as it is stored (and read back): the history's entries compare field by field.
      const stored = rowToModelPrice({ model: price.model, ...columns, version: 0 });
      if (!existing) {
        await db(TABLES.prices).insert({ ...rowMeta(), model: price.model, ...columns, version: 1 });
        await recordVersion(db, { model: price.model, version: 1, event: 'created', price: stored }, author);
        return 'new';
      }
      if (samePricing(rowToModelPrice(existing), price)) return 'unchanged';
      await db(TABLES.prices)
        .where({ model: price.model })
        .update({ ...columns, version: db.raw('version + 1'), updated_at: new Date() });
      await recordVersion(db, { model: price.model, version: Number(existing.version) + 1, event: 'changed', price: stored }, author);
      return 'changed';
    },
  };
};
