import type { PriceBook, PricingFile, ModelPrice } from '../../../server/src/rating';

// Public list prices (USD per 1M tokens, per call, per second) used across the rating tests.
export const CLAUDE_SONNET_4_5: ModelPrice = {
  model: 'claude-sonnet-4-5',
  mode: 'token',
  input: '3',
  output: '15',
  cacheRead: '0.30',
  cacheWrite: '3.75',
};

export const GEMINI_2_5_PRO: ModelPrice = {
  model: 'gemini-2.5-pro',
  mode: 'tiered',
  tiers: [
    { upTo: 200000, input: '1.25', output: '10', cacheRead: '0.125' },
    { upTo: null, input: '2.5', output: '15', cacheRead: '0.25' },
  ],
};

export const GPT_4O: ModelPrice = { model: 'gpt-4o', mode: 'token', input: '2.50', cacheRead: '1.25', output: '10' };
export const GPT_IMAGE_1: ModelPrice = { model: 'gpt-image-1', mode: 'per_call', perCall: '0.04' };
export const SORA_2: ModelPrice = { model: 'sora-2', mode: 'per_second', perSecond: '0.1' };
export const LLAMA_FREE: ModelPrice = { model: 'llama-3.1-8b', mode: 'free' };

export const PRICING_FILE: PricingFile = {
  version: 1,
  currency: 'USD',
  models: [CLAUDE_SONNET_4_5, GEMINI_2_5_PRO, GPT_4O, GPT_IMAGE_1, SORA_2, LLAMA_FREE],
  tools: [
    { tool: 'web_search', perCall: '0.01', enabled: true }, // $10 per 1,000 searches
    { tool: 'code_interpreter', perCall: '0.03', enabled: false },
    { tool: 'file_search', perCall: '0', enabled: true },
  ],
  multipliers: [
    { name: 'priority', factor: '2' },
    { name: 'batch', factor: '0.5' },
    { name: 'standard', factor: '1' },
  ],
};

export function book(price: ModelPrice | null, overrides: Partial<PriceBook> = {}): PriceBook {
  return { currency: 'USD', price, tools: PRICING_FILE.tools, multipliers: PRICING_FILE.multipliers, ...overrides };
}
