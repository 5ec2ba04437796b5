import { TOKEN_PRICE_FIELDS } from '../../../../contracts/pricing';
import type { ModelPrice } from '../../rating';
import { fromJson, toJson } from '../db';

// How a model price is stored: its mode, its prices as one JSON object (only those its mode has), its
// tiers, whether it is enabled, and a version that grows with each change. The JSON holds only the prices
// that are set, so "not set" (which falls back to a parent price) and "0" (free) stay apart: `{}` and
// `{ "cacheRead": "0" }` are different rows. A model's own tool prices are the `tools` object in the same
// JSON; tier prices live in `tiers`, whole.

/** Every price field a model price may have, in bill order. */
export const PRICE_FIELDS = [...TOKEN_PRICE_FIELDS, 'perCall', 'perSecond', 'perRequest'] as const;

const isPriceMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

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
  const prices = fromJson<Record<string, unknown>>(row.prices) ?? {};
  const price: ModelPrice = { model: row.model, mode: row.mode, enabled: Boolean(row.enabled) };
  for (const field of PRICE_FIELDS) if (typeof prices[field] === 'string') price[field] = prices[field];
  if (isPriceMap(prices.tools)) price.tools = { ...prices.tools };
  const tiers = fromJson<ModelPrice['tiers']>(row.tiers);
  if (tiers) price.tiers = tiers;
  return price;
};

/** The columns of a price, besides the model name and the version. */
export const modelPriceColumns = (price: ModelPrice) => {
  const prices: Record<string, string | Record<string, string>> = {};
  for (const field of PRICE_FIELDS) if (price[field] !== undefined) prices[field] = price[field]!;
  if (price.tools && Object.keys(price.tools).length > 0) prices.tools = price.tools;
  return { mode: price.mode, prices: toJson(prices), tiers: toJson(price.tiers ?? null), enabled: price.enabled ?? true };
};

/** JSON with the keys of every object sorted: a stored row and a normalized entry list their fields in different orders. */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

/** Whether two normalized entries (prices, tools, multipliers) price the same: their canonical JSON is equal, whatever the key order. */
export const samePricing = (a: unknown, b: unknown) => sortedJson(a) === sortedJson(b);
