import { TOKEN_PRICE_FIELDS } from '../../../../contracts/pricing';
import type { ModelPrice } from '../../rating';
import { fromJson, toJson } from '../db';

// How a model price is stored: its mode, its prices as one JSON object (only those its mode has), its
// tiers, whether it is enabled, and a version that grows with each change.

const PRICE_FIELDS = [...TOKEN_PRICE_FIELDS, 'perCall', 'perSecond'] as const;

export interface PriceRow {
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

/** The columns of a price, besides the model name and the version. */
export const modelPriceColumns = (price: ModelPrice) => {
  const prices: Record<string, string> = {};
  for (const field of PRICE_FIELDS) if (price[field] !== undefined) prices[field] = price[field]!;
  return { mode: price.mode, prices: toJson(prices), tiers: toJson(price.tiers ?? null), enabled: price.enabled ?? true };
};

/** Whether two normalized entries (prices, tools, multipliers) price the same: their canonical JSON is equal. */
export const samePricing = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
