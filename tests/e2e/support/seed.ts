// The demo seed the server was booted with (scripts/seed), read from its own modules: expected rows come
// from the same data that created them.
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ROOT } = require('./constants');

interface SeedAccount {
  userId: string;
}

interface PricedModel {
  model: string;
  mode: 'token' | 'tiered' | 'per_call' | 'per_second' | 'free';
  input?: string;
  output?: string;
  cacheRead?: string;
  cacheWrite?: string;
  perCall?: string;
  perSecond?: string;
}

// eslint-disable-next-line @typescript-eslint/no-var-requires
const data = require(path.join(ROOT, 'scripts', 'seed', 'data'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { loadPricingFile } = require(path.join(ROOT, 'scripts', 'seed'));

export const SEED_SETTINGS: { mode: string; currency: string; prepaidAmount: string; allowUnpricedModels: boolean; toolBilling: boolean } = data.SETTINGS;
export const SEED_ACCOUNTS: SeedAccount[] = data.ACCOUNTS;
export const MODEL_INFO: Record<string, [displayName: string, provider: string]> = data.MODEL_INFO;
export const UNPRICED_MODELS: string[] = data.UNPRICED_MODELS;

/** The seeded subscription plans (names, decimal strings, sort order, notes). */
export const SEED_PLANS: Array<{
  name: string;
  description: string;
  price: string;
  interval: 'monthly' | 'yearly' | 'lifetime';
  periodCredit: string;
  discount: string;
  sortOrder: number;
  notes: string[];
}> = data.PLANS;

/** The seeded pricing file, as the seed validated and imported it. */
export const PRICING: {
  currency: string;
  models: PricedModel[];
  tools: Array<{ tool: string; perCall: string; enabled?: boolean }>;
  multipliers: Array<{ name: string; factor: string }>;
} = loadPricingFile().raw;
