import type { PriceFieldChange, PriceHistory, PriceVersion, PriceVersionEvent } from '../../../../contracts/api';
import type { ModelPrice } from '../../rating';
import { NotFoundError } from '../../errors';
import { TABLES, fromJson, rowMeta, toDate, toJson, type Trx } from '../db';
import { PRICE_FIELDS, rowToModelPrice, type PriceRow } from './price-row';

// A model's price history: every version appended by the writer of model prices (model-prices.ts) in the
// transaction that saved it, read newest first with what each changed from the one before.

/** Who saved a price and how: the admin of the request, and `admin` (the form) or `import` (a pricing file). */
export interface PriceAuthor {
  actor?: string | null;
  source?: 'admin' | 'import';
}

export const recordVersion = (
  db: Trx,
  entry: { model: string; version: number; event: PriceVersionEvent; price: ModelPrice | null },
  author: PriceAuthor = {},
) =>
  db(TABLES.priceVersions).insert({
    ...rowMeta(),
    model: entry.model,
    version: entry.version,
    event: entry.event,
    price: toJson(entry.price),
    actor: author.actor ?? null,
    source: author.source ?? null,
  });

/** JSON with every object's keys sorted: PostgreSQL's jsonb gives keys back in an order of its own. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

/**
 * A price as flat fields, each a string, in a fixed order (whatever order the stored JSON gives its keys):
 * `mode`, `enabled`, every price in bill order, `tiers` (JSON), then `tools.<tool>` by tool name.
 */
const fieldsOf = (price: ModelPrice | null): Map<string, string> => {
  const fields = new Map<string, string>();
  if (!price) return fields;
  fields.set('mode', price.mode);
  if (price.enabled !== undefined) fields.set('enabled', String(price.enabled));
  for (const field of PRICE_FIELDS) if (typeof price[field] === 'string') fields.set(field, price[field]!);
  if (price.tiers) fields.set('tiers', canonicalJson(price.tiers));
  for (const tool of Object.keys(price.tools ?? {}).sort()) fields.set(`tools.${tool}`, price.tools![tool]);
  return fields;
};

/** The fields that differ between two prices, in the newer one's field order, then those it dropped. */
export const priceChanges = (before: ModelPrice | null, after: ModelPrice | null): PriceFieldChange[] => {
  const old = fieldsOf(before);
  const next = fieldsOf(after);
  const changes: PriceFieldChange[] = [];
  for (const [field, value] of next) if (old.get(field) !== value) changes.push({ field, before: old.get(field) ?? null, after: value });
  for (const [field, value] of old) if (!next.has(field)) changes.push({ field, before: value, after: null });
  return changes;
};

/**
 * Every version of a model's price, newest first. A price saved before the history was kept has no entry
 * for its current version: it is listed first, `recorded: false` (who and what unknown). 404 when the model
 * has neither a price nor a history.
 */
export async function readHistory(db: Trx, model: string): Promise<PriceHistory> {
  const [rows, current] = await Promise.all([
    db(TABLES.priceVersions).select('id', 'version', 'event', 'price', 'actor', 'source', 'created_at').where({ model }).orderBy('id', 'asc'),
    db(TABLES.prices).where({ model }).first() as Promise<(PriceRow & { updated_at?: unknown }) | undefined>,
  ]);
  if (!rows.length && !current) throw new NotFoundError('Model price', { model });
  const versions: PriceVersion[] = [];
  let before: ModelPrice | null = null;
  for (const row of rows) {
    const price = fromJson<ModelPrice>(row.price);
    versions.push({
      version: Number(row.version),
      event: row.event,
      at: toDate(row.created_at)!.toISOString(),
      actor: row.actor ?? null,
      source: row.source ?? null,
      price,
      changes: priceChanges(before, price),
      recorded: true,
    });
    before = price;
  }
  const last = versions[versions.length - 1];
  if (current && (!last || last.event === 'deleted' || last.version !== Number(current.version))) {
    const price = rowToModelPrice(current);
    versions.push({
      version: Number(current.version),
      event: Number(current.version) === 1 ? 'created' : 'changed',
      at: toDate(current.updated_at)?.toISOString() ?? null,
      actor: null,
      source: null,
      price,
      changes: priceChanges(last?.price ?? null, price),
      recorded: false,
    });
  }
  return { model, versions: versions.reverse() };
}
