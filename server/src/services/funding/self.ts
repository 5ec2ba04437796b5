import type { FundingSource } from './types';

/** Self mode: every call is allowed and recorded with its computed cost; nothing is charged. */
export const selfFunding: FundingSource = {
  async authorize() {
    return { allowed: true, mode: 'self' };
  },
  async charge() {
    return { charged: 0n };
  },
};
