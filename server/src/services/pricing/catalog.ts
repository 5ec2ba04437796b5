import type { Core } from '@strapi/strapi';
import type { ModelSource } from '../../../../contracts/pricing';
import type { CatalogModel } from '../../../../contracts/api';
import { getService } from '../../utils/get-service';
import { TABLES, rowMeta, type Trx } from '../db';
import { namedEntries } from './named-entries';

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
      const [models, priced] = await Promise.all([
        db(TABLES.models).select('name', 'display_name', 'provider', 'source', 'enabled', 'created_at').orderBy('name'),
        getService('modelPrices').names(db),
      ]);
      const pricedSet = new Set(priced);
      return models.map((m: any) => ({
        name: m.name,
        displayName: m.display_name,
        provider: m.provider,
        source: m.source,
        enabled: Boolean(m.enabled),
        priced: pricedSet.has(m.name),
      }));
    },
  });

  const listed = async (name: string) => (await entries.list()).find((m) => m.name === name)!;

  return {
    list: entries.list,
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

    /** Adds names to the catalog, leaving those already there as they are. */
    async register(db: Trx, names: string[], source: ModelSource): Promise<void> {
      const unique = [...new Set(names)];
      if (unique.length === 0) return;
      await db(TABLES.models)
        .insert(unique.map((name) => ({ ...rowMeta(), name, source, enabled: true })))
        .onConflict('name')
        .ignore();
    },

    async names(db: Trx = knex()): Promise<string[]> {
      return db(TABLES.models).pluck('name');
    },
  };
};
