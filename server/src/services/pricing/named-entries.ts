import type { Core } from '@strapi/strapi';
import { DuplicateNameError, NotFoundError } from '../../errors';
import { rowMeta, type Trx } from '../db';

/** A pricing table whose rows are addressed by a unique name: tool prices, service multipliers, the model catalog. */
export interface NamedTable<Entry, Key extends keyof Entry & string, Listed = Entry> {
  table: string;
  /** The unique name: the entry's field and the table's column alike. */
  key: Key;
  /** The 404's subject: "Tool price" → "Tool price not found". */
  label: string;
  /** The 409's message when the name is taken. */
  conflictMessage: (name: string) => string;
  /** The columns a new row gets besides its name. */
  insertColumns: (entry: Entry) => Record<string, unknown>;
  /** The columns an update (or an upsert of an existing name) writes; insertColumns unless said otherwise. */
  updateColumns?: (entry: Entry) => Record<string, unknown>;
  /** Every entry, in name order, as the API lists it. */
  read: (db: Trx) => Promise<Listed[]>;
}

/**
 * The CRUD every name-keyed pricing table shares: create once (409 when the name is taken), update and
 * delete by name (404 when there is none), upsert for imports and gateway pushes. Entries arrive
 * validated; each is written as one statement.
 */
export const namedEntries = <Entry, Key extends keyof Entry & string, Listed = Entry>(strapi: Core.Strapi, spec: NamedTable<Entry, Key, Listed>) => {
  const knex = () => strapi.db.connection;
  const nameOf = (entry: Entry) => String(entry[spec.key]);
  const updateColumns = spec.updateColumns ?? spec.insertColumns;
  const newRow = (entry: Entry) => ({ ...rowMeta(), [spec.key]: nameOf(entry), ...spec.insertColumns(entry) });

  return {
    list: (db: Trx = knex()) => spec.read(db),

    async create(entry: Entry): Promise<Entry> {
      const inserted = await knex()(spec.table).insert(newRow(entry)).onConflict(spec.key).ignore().returning('id');
      if (!inserted.length) {
        const existing = await knex()(spec.table).where({ [spec.key]: nameOf(entry) }).first('id');
        throw new DuplicateNameError(
          spec.key,
          nameOf(entry),
          existing && { id: Number(existing.id), name: nameOf(entry) },
          spec.conflictMessage(nameOf(entry)),
        );
      }
      return entry;
    },

    async update(entry: Entry): Promise<Entry> {
      const updated = await knex()(spec.table)
        .where({ [spec.key]: nameOf(entry) })
        .update({ ...updateColumns(entry), updated_at: new Date() });
      if (!updated) throw new NotFoundError(spec.label, { [spec.key]: nameOf(entry) });
      return entry;
    },

    async delete(name: string) {
      if (!(await knex()(spec.table).where({ [spec.key]: name }).delete())) throw new NotFoundError(spec.label, { [spec.key]: name });
      return { [spec.key]: name } as Record<Key, string>;
    },

    upsert: (db: Trx, entry: Entry) =>
      db(spec.table)
        .insert(newRow(entry))
        .onConflict(spec.key)
        .merge({ ...updateColumns(entry), updated_at: new Date() }),
  };
};
