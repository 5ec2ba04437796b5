import { nanosToString, toNanos } from '../../rating';
import { InsufficientCreditError, NoActiveSubscriptionError } from '../../errors';
import { getService } from '../../utils/get-service';
import type { FundingSource } from './types';

/**
 * Period mode: the credit of the user's current subscription period, reserved and consumed exactly like a
 * prepaid balance. Authorize (account row locked by metering, then the subscription row) is allowed while
 * remaining credit − open holds ≥ the prepaid amount and > 0, and opens a hold of the prepaid amount.
 * Usage settles the hold and adds the real bill to the period's `used` with the subscription row locked,
 * in the transaction that writes the log; a bill above what is left is recorded in full.
 *
 * Free models never need a subscription and their model cost never counts. Their paid tools do: the
 * pricing contract has a free model still pay for its tools, and in period mode credit is what pays.
 */
export const periodFunding: FundingSource = {
  async authorize({ trx, account, settings, model, requestId, free }) {
    if (free) return { allowed: true, mode: 'period' };
    const subscription = await getService('subscriptions').lockCurrent(trx, account.userId);
    if (!subscription) throw new NoActiveSubscriptionError(account.userId);
    const held = await getService('holds').heldAmount(trx, account.userId);
    const available = subscription.credit - subscription.used - held;
    const prepaid = toNanos(settings.prepaidAmount);
    if (available <= 0n || available < prepaid) {
      throw new InsufficientCreditError({
        required: nanosToString(prepaid),
        available: nanosToString(available),
        remainingCredit: nanosToString(subscription.credit - subscription.used),
      });
    }
    const hold = await getService('holds').open(trx, { userId: account.userId, amount: prepaid, requestId, model, ttlSeconds: settings.holdTtlSeconds });
    return {
      allowed: true,
      mode: 'period',
      holdId: hold.holdId,
      held: nanosToString(prepaid),
      remainingCredit: nanosToString(available - prepaid),
    };
  },

  async extendHold({ trx, account, settings, hold, amount }) {
    const subscription = await getService('subscriptions').lockCurrent(trx, account.userId);
    if (!subscription) throw new NoActiveSubscriptionError(account.userId);
    const remainingCredit = subscription.credit - subscription.used;
    const available = remainingCredit - (await getService('holds').heldAmount(trx, account.userId));
    if (available < amount) {
      throw new InsufficientCreditError({ required: nanosToString(amount), available: nanosToString(available), remainingCredit: nanosToString(remainingCredit) });
    }
    const extended = await getService('holds').extend(trx, hold, amount, settings.holdTtlSeconds);
    return { hold: extended, remainingCredit: nanosToString(available - amount) };
  },

  async charge({ trx, userId, bill, requestId, holdId }) {
    await getService('holds').settle(trx, { userId, holdId, requestId });
    await getService('ledger').ensureAccount(trx, userId);
    const consumed = await getService('subscriptions').consume(trx, userId, toNanos(bill.total));
    // The call happened without a subscription (it ended between authorize and usage, or the gateway did
    // not authorize): recorded with its cost, charged nothing, flagged for the admin.
    if (!consumed) return { charged: 0n, flags: toNanos(bill.total) === 0n ? [] : ['no_active_subscription'] };
    return { charged: toNanos(bill.total), remainingCredit: nanosToString(consumed.remaining) };
  },
};
