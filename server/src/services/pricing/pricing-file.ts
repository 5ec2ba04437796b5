import type { Core } from '@strapi/strapi';
import { COMMON_TOKEN_PRICE_FIELDS, MORE_TOKEN_PRICE_FIELDS } from '../../../../contracts/pricing';
import { normalizePricingFile, type PricingFile } from '../../rating';
import { BillingError, BillingValidationError } from '../../errors';
import { csvLine } from '../../utils/csv';
import { getService } from '../../utils/get-service';
import { withTransaction, type Trx } from '../db';
import { samePricing } from './price-row';

export class UnknownModelsError extends BillingError {
  constructor(unknown: string[]) {
    super(409, 'UnknownModelsError', `Models unknown to the catalog: ${unknown.join(', ')} (import with allowUnknown=true to add them)`, { unknown });
  }
}

/**
 * New, changed and unchanged entries of `incoming` against `current`, matched by name. A new entry carries
 * what it will be (`after`) as a changed one does, so the dry run shows the price a new model gets.
 */
const diffNamed = <T>(incoming: T[], current: T[], nameOf: (entry: T) => string) => {
  const byName = new Map(current.map((entry) => [nameOf(entry), entry]));
  const diff = { new: [] as { name: string; after: T }[], changed: [] as { name: string; before: T; after: T }[], unchanged: [] as string[] };
  for (const entry of incoming) {
    const before = byName.get(nameOf(entry));
    if (!before) diff.new.push({ name: nameOf(entry), after: entry });
    else if (samePricing(before, entry)) diff.unchanged.push(nameOf(entry));
    else diff.changed.push({ name: nameOf(entry), before, after: entry });
  }
  return diff;
};

// One column per price; an empty cell is a price not set. The columns of the first version keep their
// places; the other token kinds, the fee per request and the model's own tool prices (one cell of JSON) follow.
const CSV_COLUMNS = ['model', 'mode', 'enabled', 'upTo', ...COMMON_TOKEN_PRICE_FIELDS, 'perCall', 'perSecond', ...MORE_TOKEN_PRICE_FIELDS, 'perRequest', 'tools'];

/** Every price, tool price and multiplier as one pricing file: export, and import with a dry-run diff. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  return {
    /** Every price, tool price and multiplier as a pricing file, in canonical order. */
    async exportFile(db: Trx = knex()): Promise<PricingFile> {
      const { currency } = await getService('settings').get();
      // One after the other: `db` may be a transaction, i.e. a single connection.
      const models = await getService('modelPrices').all(db);
      const tools = await getService('toolPrices').list(db);
      const multipliers = await getService('multipliers').list(db);
      return normalizePricingFile({ version: 1, currency, models, tools, multipliers });
    },

    /** The model prices of a pricing file as CSV (one row per model, or per tier of a tiered model). */
    toCsv(file: PricingFile): string {
      const rows = file.models.flatMap((m) =>
        (m.tiers ?? [null]).map((tier) => {
          const prices = tier ?? m;
          return csvLine([
            m.model,
            m.mode,
            String(m.enabled ?? true),
            tier ? String(tier.upTo ?? '') : '',
            ...COMMON_TOKEN_PRICE_FIELDS.map((field) => prices[field]),
            m.perCall,
            m.perSecond,
            ...MORE_TOKEN_PRICE_FIELDS.map((field) => prices[field]),
            m.perRequest,
            m.tools ? JSON.stringify(m.tools) : undefined,
          ]);
        }),
      );
      return [csvLine(CSV_COLUMNS), ...rows].join('\n') + '\n';
    },

    /**
     * Imports a validated pricing file. Dry run: the diff, nothing written. Real run: all or nothing in one
     * transaction; names unknown to the catalog are refused unless allowUnknown, which adds them.
     * Entries absent from the file are left as they are.
     */
    async importFile(file: PricingFile, { dryRun, allowUnknown, actor }: { dryRun: boolean; allowUnknown: boolean; actor?: string }) {
      // Compared in canonical form, so "0.30" and "0.3" are the same price.
      const incoming = normalizePricingFile(file);
      const settings = await getService('settings').get();
      if (incoming.currency !== settings.currency) {
        throw new BillingValidationError(`Pricing file currency ${incoming.currency} differs from the billing currency ${settings.currency}`, [
          { path: 'currency', message: `must be ${settings.currency}, the billing currency` },
        ]);
      }

      const plan = async (db: Trx) => {
        const current = await this.exportFile(db);
        const catalog = new Set(await getService('catalog').names(db));
        const models = diffNamed(incoming.models, current.models, (m) => m.model);
        return {
          models: {
            new: models.new.map((n) => ({ model: n.name, after: n.after })),
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
        await getService('catalog').register(trx, diff.unknown, 'import');
        for (const price of incoming.models) await getService('modelPrices').upsert(trx, price, { actor, source: 'import' });
        for (const tool of incoming.tools) await getService('toolPrices').upsert(trx, tool);
        for (const multiplier of incoming.multipliers) await getService('multipliers').upsert(trx, multiplier);
        return { dryRun: false, applied: true, ...diff };
      });
    },
  };
};
