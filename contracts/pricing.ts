/** Pricing modes and the parts of a price. */

/**
 * How a model is priced: per token (input, output, cache reads and writes per 1M tokens), tiered by input
 * size, per call, per second, or free. In the order the admin offers them.
 */
export const PRICING_MODES = ['token', 'tiered', 'per_call', 'per_second', 'free'] as const;
export type PricingMode = (typeof PRICING_MODES)[number];

export const isPricingMode = (value: unknown): value is PricingMode => (PRICING_MODES as readonly unknown[]).includes(value);

/** The token prices of a `token` price and of each tier of a `tiered` one (per 1M tokens). */
export const TOKEN_PRICE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite'] as const;
export type TokenPriceField = (typeof TOKEN_PRICE_FIELDS)[number];

/** Where a catalog model came from. */
export const MODEL_SOURCES = ['admin', 'gateway', 'auto', 'import'] as const;
export type ModelSource = (typeof MODEL_SOURCES)[number];
