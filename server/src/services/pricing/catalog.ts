import type { Core } from '@strapi/strapi';
import type { ModelSource } from '../../../../contracts/pricing';
import type { CatalogModel } from '../../../../contracts/api';
import { getService } from '../../utils/get-service';
import { pluginUid } from '../../utils/plugin-uid';
import { onePage, paginationMeta, type PageRequest } from '../../utils/pagination';
import { TABLES, rowMeta, withTransaction, type Trx } from '../db';
import { namedEntries } from './named-entries';

// Rows per INSERT when names are added in bulk (an import, a push): well inside SQLite's parameter limit.
const REGISTER_CHUNK = 500;
/** Past this many catalog models (plugin config `maxAutoCatalogModels`), names reported by calls are no longer added. */
const MAX_AUTO_CATALOG = 10_000;

const selectModels = (db: Trx) => db(TABLES.models).select('name', 'display_name', 'provider', 'source', 'enabled', 'created_at').orderBy('name');

/** A catalog row as the API lists it, `priced` telling whether the model has a price. */
const shapeModel = (priced: Set<string>) => (m: any): CatalogModel => ({
  name: m.name,
  displayName: m.display_name,
  provider: m.provider,
  source: m.source,
  enabled: Boolean(m.enabled),
  priced: priced.has(m.name),
});

/** A catalog model as an admin or a gateway describes it. */
export interface CatalogModelInput {
  name: string;
  displayName?: string;
  provider?: string;
  enabled?: boolean;
}

/** A catalog model as the API lists it: the shape the admin reads, defined once in the contracts. */
export type { CatalogModel };

type CatalogEntry = CatalogModelInput & { source: ModelSource };

/**
 * The model catalog: the models known to exist, whoever added them (an admin, a gateway's push, an import,
 * or an unpriced call). A price is kept apart from it: a model may be in the catalog without a price.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  const entries = namedEntries<CatalogEntry, 'name', CatalogModel>(strapi, {
    table: TABLES.models,
    key: 'name',
    label: 'Catalog model',
    conflictMessage: (name) => `Model "${name}" is already in the catalog`,
    insertColumns: (model) => ({ display_name: model.displayName ?? null, provider: model.provider ?? null, source: model.source, enabled: model.enabled ?? true }),
    // An edit or a repeated push changes only the fields it names; the source stays the one that added the model.
    updateColumns: (model) => ({
      ...(model.displayName !== undefined ? { display_name: model.displayName } : {}),
      ...(model.provider !== undefined ? { provider: model.provider } : {}),
      ...(model.enabled !== undefined ? { enabled: model.enabled } : {}),
    }),
    read: async (db): Promise<CatalogModel[]> => {
      const [models, priced] = await Promise.all([selectModels(db), getService('modelPrices').names(db)]);
      return models.map(shapeModel(new Set(priced)));
    },
  });

  /** One page of the catalog, in name order, read with LIMIT/OFFSET (for catalogs too long to read whole). */
  const listPage = async (page: PageRequest) => {
    const [{ count }] = await knex()(TABLES.models).count({ count: '*' });
    const models = await onePage(selectModels(knex()), page);
    const priced = await knex()(TABLES.prices).whereIn('model', models.map((m: any) => m.name)).pluck('model');
    return { data: models.map(shapeModel(new Set(priced))), meta: { pagination: paginationMeta(page, Number(count)) } };
  };

  const listed = async (name: string) => (await entries.list()).find((m) => m.name === name)!;

  return {
    list: entries.list,
    listPage,
    delete: entries.delete,

    async create(model: CatalogModelInput, source: ModelSource = 'admin'): Promise<CatalogModel> {
      await entries.create({ ...model, source });
      return listed(model.name);
    },

    async update(model: CatalogModelInput): Promise<CatalogModel> {
      // An update never writes the source (see updateColumns).
      await entries.update({ ...model, source: 'admin' });
      return listed(model.name);
    },

    /** Adds the model, or updates the fields it names (a gateway's push, the demo seed). */
    async save(model: CatalogModelInput, source: ModelSource): Promise<void> {
      await entries.upsert(knex(), { ...model, source });
    },

    /**
     * A gateway's push of the models it serves: new names added in bulk, and the display name or provider
     * of those it describes updated; the source stays the one that first added a model.
     */
    async saveMany(models: CatalogModelInput[], source: ModelSource): Promise<void> {
      await withTransaction(strapi, async (trx) => {
        await this.register(trx, models.map((m) => m.name), source);
        for (const model of models) {
          const columns = {
            ...(model.displayName !== undefined ? { display_name: model.displayName } : {}),
            ...(model.provider !== undefined ? { provider: model.provider } : {}),
          };
          if (Object.keys(columns).length) await trx(TABLES.models).where({ name: model.name }).update({ ...columns, updated_at: new Date() });
        }
      });
    },

    /** Adds names to the catalog, leaving those already there as they are; inserted in chunks. */
    async register(db: Trx, names: string[], source: ModelSource): Promise<void> {
      const unique = [...new Set(names)];
      for (let i = 0; i < unique.length; i += REGISTER_CHUNK) {
        await db(TABLES.models)
          .insert(unique.slice(i, i + REGISTER_CHUNK).map((name) => ({ ...rowMeta(), name, source, enabled: true })))
          .onConflict('name')
          .ignore();
      }
    },

    /**
     * Adds a model reported by a call (source auto) unless the catalog already holds `maxAutoCatalogModels`
     * models: a gateway reporting made-up names must not grow it without end. The call is logged either way.
     * False when the name was left out.
     */
    async registerReported(db: Trx, name: string): Promise<boolean> {
      if (await db(TABLES.models).where({ name }).first('id')) return true;
      const [{ count }] = await db(TABLES.models).count({ count: '*' });
      if (Number(count) >= (strapi.config.get(pluginUid('maxAutoCatalogModels'), MAX_AUTO_CATALOG) as number)) return false;
      await this.register(db, [name], 'auto');
      return true;
    },

    async names(db: Trx = knex()): Promise<string[]> {
      return db(TABLES.models).pluck('name');
    },
  };
};
