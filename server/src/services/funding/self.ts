import { getService } from '../../utils/get-service';
import type { FundingSource } from './types';

/** Self mode: every call is allowed and recorded with its computed cost; nothing is charged. */
export const selfFunding: FundingSource = {
  async authorize() {
    return { allowed: true, mode: 'self' };
  },
  // Self mode opens no holds; one left from before a switch to self mode is extended without a funds rule.
  async extendHold({ trx, settings, hold, amount }) {
    return { hold: await getService('holds').extend(trx, hold, amount, settings.holdTtlSeconds) };
  },
  async charge({ trx, userId }) {
    // The account still exists from the first call on, so admins see the user.
    await getService('ledger').ensureAccount(trx, userId);
    return { charged: 0n };
  },
};
