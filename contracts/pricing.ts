/** Pricing modes and the parts of a price. */

/**
 * How a model is priced: per token (input, output, cache reads and writes per 1M tokens), tiered by input
 * size, per call, per second, or free. In the order the admin offers them.
 */
export const PRICING_MODES = ['token', 'tiered', 'per_call', 'per_second', 'free'] as const;
export type PricingMode = (typeof PRICING_MODES)[number];

export const isPricingMode = (value: unknown): value is PricingMode => (PRICING_MODES as readonly unknown[]).includes(value);

/**
 * Every kind of token the engine prices: the one table the rating engine, the pricing-file validator, the
 * request validator, the stored rows, the usage logs and the admin's price form are derived from. In bill
 * order (the first four are the text prices every form shows first; the rest fold under "more token kinds").
 *
 * - `price`: the pricing-file field, per 1M tokens, on a `token` model and on each tier of a `tiered` one;
 * - `count`: the usage count. Counts are disjoint (Anthropic semantics): none includes another, so
 *   `inputTokens` is uncached text input and `cacheReadAudioTokens` are not also in `inputAudioTokens`;
 * - `line`: the bill line's item;
 * - `side`: `input` counts toward the size that picks a tier (the whole prompt), `output` does not;
 * - `parents`: where a missing price falls back to. A biller never gives tokens away: an unpriced narrower
 *   kind is billed at its parent's price (`"0"` is how an admin makes it free). With two parents it falls
 *   back to whichever of them is priced, and when both are this price is required (either could be meant).
 *   No parent (input, output): a missing price is 0.
 */
export const TOKEN_KINDS = [
  { price: 'input', count: 'inputTokens', line: 'input', side: 'input', parents: [], common: true },
  { price: 'output', count: 'outputTokens', line: 'output', side: 'output', parents: [], common: true },
  { price: 'cacheRead', count: 'cacheReadTokens', line: 'cache_read', side: 'input', parents: ['input'], common: true },
  { price: 'cacheWrite', count: 'cacheWriteTokens', line: 'cache_write', side: 'input', parents: ['input'], common: true },
  { price: 'cacheWrite1h', count: 'cacheWrite1hTokens', line: 'cache_write_1h', side: 'input', parents: ['cacheWrite'], common: false },
  { price: 'inputAudio', count: 'inputAudioTokens', line: 'input_audio', side: 'input', parents: ['input'], common: false },
  { price: 'cacheReadAudio', count: 'cacheReadAudioTokens', line: 'cache_read_audio', side: 'input', parents: ['inputAudio', 'cacheRead'], common: false },
  { price: 'inputImage', count: 'inputImageTokens', line: 'input_image', side: 'input', parents: ['input'], common: false },
  { price: 'cacheReadImage', count: 'cacheReadImageTokens', line: 'cache_read_image', side: 'input', parents: ['inputImage', 'cacheRead'], common: false },
  { price: 'inputVideo', count: 'inputVideoTokens', line: 'input_video', side: 'input', parents: ['input'], common: false },
  { price: 'outputAudio', count: 'outputAudioTokens', line: 'output_audio', side: 'output', parents: ['output'], common: false },
  { price: 'outputImage', count: 'outputImageTokens', line: 'output_image', side: 'output', parents: ['output'], common: false },
  { price: 'outputVideo', count: 'outputVideoTokens', line: 'output_video', side: 'output', parents: ['output'], common: false },
] as const satisfies readonly {
  price: string;
  count: `${string}Tokens`;
  line: string;
  side: 'input' | 'output';
  parents: readonly string[];
  common: boolean;
}[];

export type TokenKind = (typeof TOKEN_KINDS)[number];

/** The token prices of a `token` price and of each tier of a `tiered` one (per 1M tokens), in bill order. */
export type TokenPriceField = TokenKind['price'];
export const TOKEN_PRICE_FIELDS: readonly TokenPriceField[] = TOKEN_KINDS.map((kind) => kind.price);

/** The usage counts of tokens, in bill order. */
export type TokenCountField = TokenKind['count'];
export const TOKEN_COUNT_FIELDS: readonly TokenCountField[] = TOKEN_KINDS.map((kind) => kind.count);

/** The four text prices forms show first; the other kinds are folded away until needed. */
export const COMMON_TOKEN_PRICE_FIELDS: readonly TokenPriceField[] = TOKEN_KINDS.filter((kind) => kind.common).map((kind) => kind.price);
export const MORE_TOKEN_PRICE_FIELDS: readonly TokenPriceField[] = TOKEN_KINDS.filter((kind) => !kind.common).map((kind) => kind.price);

const KIND_BY_PRICE = new Map<string, TokenKind>(TOKEN_KINDS.map((kind) => [kind.price, kind]));

/** The token kind of a price field. */
export const tokenKind = (field: TokenPriceField): TokenKind => KIND_BY_PRICE.get(field)!;

/**
 * Which field's price applies to `field` in one set of token prices (a token model, or one tier: a tier's
 * fallbacks look at that tier's own prices): the field itself when set, else its parent's, recursively;
 * `null` when nothing on the chain is set (the price is 0); `ambiguous` when the field is missing and two
 * of its parents are set (the validator refuses that: `cacheReadAudio` beside `inputAudio` and `cacheRead`).
 * A field is set when it has any value, "0" included: "0" is a price.
 */
export function priceSource(
  prices: Partial<Record<TokenPriceField, unknown>>,
  field: TokenPriceField,
): TokenPriceField | null | 'ambiguous' {
  if (prices[field] !== undefined && prices[field] !== null && prices[field] !== '') return field;
  const parents: readonly TokenPriceField[] = tokenKind(field).parents;
  if (parents.length === 0) return null;
  const priced = parents.filter((parent) => prices[parent] !== undefined && prices[parent] !== null && prices[parent] !== '');
  if (priced.length > 1) return 'ambiguous';
  // Neither parent priced: every chain ends at the same root (input or output), so the first one serves.
  return priceSource(prices, priced[0] ?? parents[0]!);
}

/** Fields whose fallback is ambiguous in one set of token prices (each must then be given). */
export const ambiguousPriceFields = (prices: Partial<Record<TokenPriceField, unknown>>): TokenPriceField[] =>
  TOKEN_PRICE_FIELDS.filter((field) => priceSource(prices, field) === 'ambiguous');

/** Fields a `token` or `tiered` model carries beside its token prices, once per model (not per tier). */
export const MODEL_EXTRA_FIELDS = ['perRequest', 'tools'] as const;

/** Where a catalog model came from. */
export const MODEL_SOURCES = ['admin', 'gateway', 'auto', 'import'] as const;
export type ModelSource = (typeof MODEL_SOURCES)[number];
