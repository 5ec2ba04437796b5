import { BillingError } from '../../errors';
import { getService } from '../../utils/get-service';
import type { FundingSource } from './types';

export class PeriodBillingUnavailableError extends BillingError {
  constructor() {
    super(503, 'PeriodBillingUnavailableError', 'Period billing (subscription credit) is not available yet: no subscription funding source is installed', {
      mode: 'period',
    });
  }
}

/**
 * Period mode: subscription credit. Until the subscriptions capability provides this funding source,
 * authorization refuses clearly (503) instead of letting calls pass unpaid, and a call that was still
 * reported is recorded with its cost, charged 0, and flagged so an admin can see it.
 */
export const periodFunding: FundingSource = {
  async authorize({ free }) {
    if (free) return { allowed: true, mode: 'period' };
    throw new PeriodBillingUnavailableError();
  },
  async charge({ trx, userId, bill }) {
    await getService('ledger').ensureAccount(trx, userId);
    // Free models never count against credit, so they are not flagged.
    return { charged: 0n, flags: bill.mode === 'free' || bill.total === '0' ? [] : ['period_funding_unavailable'] };
  },
};
