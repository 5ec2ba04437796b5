import { TOKEN_KINDS } from '../../../contracts/pricing';
import type { PriceTier, UsageCounts } from './types';

const INPUT_COUNTS = TOKEN_KINDS.filter((kind) => kind.side === 'input').map((kind) => kind.count);

/**
 * The size that picks a tier: the whole prompt as the provider saw it, i.e. the sum of every input-side
 * count. Counts are disjoint (inputTokens excludes cached, audio, image and video tokens), so each kind
 * counts toward the threshold too. A sum beyond 2^53 loses its last digits but stays above every upTo
 * (they are at most 2^53 − 1), so it still picks the open tier.
 */
export function tierInputSize(usage: UsageCounts): number {
  let size = 0;
  for (const count of INPUT_COUNTS) size += usage[count] ?? 0;
  return size;
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
