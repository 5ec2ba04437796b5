import type { Core } from '@strapi/strapi';
import type { PriceBook, PricingMode, ServiceMultiplier, ToolPrice } from '../../rating';
import { TABLES } from '../db';
import { rowToModelPrice } from './price-row';

/** What authorize needs to know of a model: its price (mode, enabled), and whether the catalog disables it. */
export interface ModelAccess {
  /** The model's price, or null when it has none. */
  price: { mode: PricingMode; enabled: boolean } | null;
  /** False when the model catalog has the model switched off (true when enabled or not in the catalog). */
  catalogEnabled: boolean;
}

/**
 * The read side of the hot path: what /authorize and /usage need of the prices, each in one statement.
 * Reads committed prices; a price edited meanwhile applies to the next call (each log keeps the
 * snapshot it was rated with).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  return {
    /** The model's price and catalog switch, in one round trip. */
    async modelAccess(model: string): Promise<ModelAccess> {
      const result = await knex().raw(
        `SELECT 'price' AS kind, mode, enabled FROM ${TABLES.prices} WHERE model = ?
         UNION ALL SELECT 'catalog', NULL, enabled FROM ${TABLES.models} WHERE name = ?`,
        [model, model],
      );
      const rows: any[] = Array.isArray(result) ? result : result.rows;
      const price = rows.find((r) => r.kind === 'price');
      const catalog = rows.find((r) => r.kind === 'catalog');
      return {
        price: price ? { mode: price.mode, enabled: Boolean(price.enabled) } : null,
        catalogEnabled: catalog ? Boolean(catalog.enabled) : true,
      };
    },

    /** Everything needed to price one call of `model`, and the version of its price. */
    async forModel(model: string, currency: string): Promise<{ book: PriceBook; version: number | null }> {
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
  };
};
