import type { PriceTier, UsageCounts } from './types';

/**
 * The size that picks a tier: the whole prompt as the provider saw it. Cached tokens are part
 * of the prompt (inputTokens excludes them), so they count toward the threshold too.
 */
export function tierInputSize(usage: UsageCounts): number {
  return (usage.inputTokens ?? 0) + (usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0);
}

export interface SelectedTier {
  index: number;
  tier: PriceTier;
}

/**
 * First tier whose inclusive `upTo` holds the size, or the open (null) tier.
 * A validated tier list always ends with an open tier; should one reach here without it,
 * the last tier is used, so an oversized call is never priced below the top tier.
 */
export function selectTier(tiers: readonly PriceTier[], inputSize: number): SelectedTier {
  if (tiers.length === 0) throw new Error('a tiered price needs at least one tier');
  const index = tiers.findIndex((tier) => tier.upTo === null || inputSize <= tier.upTo);
  const chosen = index === -1 ? tiers.length - 1 : index;
  return { index: chosen, tier: tiers[chosen]! };
}
