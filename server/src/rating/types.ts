// Shapes shared by the rating engine, the pricing file and their callers.
// Every price, factor and amount is a plain decimal string; token counts are JS integers.
import type { PricingMode, TokenCountField, TokenPriceField } from '../../../contracts/pricing';

/** How a model is priced: the list is a contract the admin shares (contracts/pricing.ts). */
export type { PricingMode };

/**
 * Prices per 1M tokens, one per kind of token (contracts/pricing.ts TOKEN_KINDS). A missing `input` or
 * `output` is 0; a missing narrower price falls back to its parent (`priceSource`), never to 0.
 */
export type TokenPrices = Partial<Record<TokenPriceField, string>>;

/** One price tier of a tiered model. `upTo` is inclusive; null marks the last, open tier. */
export interface PriceTier extends TokenPrices {
  upTo: number | null;
}

export interface ModelPrice extends TokenPrices {
  model: string;
  mode: PricingMode;
  perCall?: string;
  perSecond?: string;
  tiers?: PriceTier[];
  /** `token` and `tiered` models: a fee per call on top of the tokens (a model cost line, so multiplied). */
  perRequest?: string;
  /** `token` and `tiered` models: this model's own per-call tool prices, overriding the global tool prices. */
  tools?: Record<string, string>;
  enabled?: boolean;
}

export interface ToolPrice {
  tool: string;
  perCall: string;
  enabled: boolean;
}

export interface ServiceMultiplier {
  name: string;
  factor: string;
}

/**
 * What one call consumed. Token counts are disjoint (none includes another): `inputTokens` is text input
 * neither read from nor written to the cache, `cacheReadAudioTokens` are not also in `inputAudioTokens`.
 */
export type UsageCounts = Partial<Record<TokenCountField, number>> & {
  durationSeconds?: number | string;
  calls?: number;
};

export interface ToolUse {
  tool: string;
  calls?: number;
}

export interface RateRequest {
  model: string;
  usage: UsageCounts;
  tools?: ToolUse[];
  serviceTier?: string | null;
}

/** Everything rate() needs to price one call of one model. */
export interface PriceBook {
  currency: string;
  price: ModelPrice | null;
  tools: ToolPrice[];
  multipliers: ServiceMultiplier[];
}

export interface BillLine {
  item: string;
  quantity: string;
  unitPrice: string;
  unit: string;
  amount: string;
}

export interface Bill {
  model: string;
  mode: PricingMode | 'unpriced';
  /** 0-based index of the tier used; present for tiered models only. */
  tier?: number;
  currency: string;
  lines: BillLine[];
  modelCost: string;
  multiplier: string;
  toolCost: string;
  total: string;
  flags: string[];
}

export type OnUnknownMultiplier = 'error' | 'flag';

export interface RateOptions {
  onUnknownMultiplier?: OnUnknownMultiplier;
}

/** A validated pricing file, as returned by validatePricingFile (defaults applied). */
export interface PricingFile {
  version: 1;
  currency: string;
  models: ModelPrice[];
  tools: ToolPrice[];
  multipliers: ServiceMultiplier[];
}

/** One validation problem: a JSON path such as `models[1].tiers[0].upTo` and what is wrong there. */
export interface ValidationError {
  path: string;
  message: string;
}
