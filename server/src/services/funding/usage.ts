import { nanosToString, toNanos } from '../../rating';
import { InsufficientFundsError } from '../../errors';
import { getService } from '../../utils/get-service';
import type { FundingSource } from './types';

/**
 * Usage mode: prepaid balance. Authorize reserves the prepaid amount with a hold while the available
 * amount (balance − open holds) covers it; usage charges the real bill through the ledger and settles the
 * hold. A bill above the balance is charged in full (the call happened): the balance goes negative and
 * further authorizations fail until it is repaid.
 */
export const usageFunding: FundingSource = {
  async authorize({ trx, account, settings, model, requestId, free }) {
    const held = await getService('holds').heldAmount(trx, account.userId);
    const available = account.balance - held;
    if (free) return { allowed: true, mode: 'usage', available: nanosToString(available) };
    const prepaid = toNanos(settings.prepaidAmount);
    if (available < prepaid) {
      throw new InsufficientFundsError({ required: nanosToString(prepaid), available: nanosToString(available) });
    }
    const hold = await getService('holds').open(trx, { userId: account.userId, amount: prepaid, requestId, model, ttlSeconds: settings.holdTtlSeconds });
    return {
      allowed: true,
      mode: 'usage',
      holdId: hold.holdId,
      held: nanosToString(prepaid),
      available: nanosToString(available - prepaid),
    };
  },

  async extendHold({ trx, account, settings, hold, amount }) {
    // What this hold already reserves counts as held: only money beyond every open hold can be added.
    const available = account.balance - (await getService('holds').heldAmount(trx, account.userId));
    if (available < amount) throw new InsufficientFundsError({ required: nanosToString(amount), available: nanosToString(available) });
    const extended = await getService('holds').extend(trx, hold, amount, settings.holdTtlSeconds);
    return { hold: extended, available: nanosToString(available - amount) };
  },

  async charge({ trx, userId, bill, requestId, holdId }) {
    const amount = toNanos(bill.total);
    // The hold row first, the account row last: the account lock (taken by the ledger's UPDATE) is then
    // held for the shortest time, which is what bounds throughput on a hot account.
    await getService('holds').settle(trx, { userId, holdId, requestId });
    if (amount === 0n) {
      // Nothing to post (free model, unpriced call): no ledger entry, just the account and its balance.
      await getService('ledger').ensureAccount(trx, userId);
      return { charged: 0n, balance: nanosToString(await getService('ledger').balance(trx, userId)) };
    }
    const { balanceAfter } = await getService('ledger').post(trx, userId, { kind: 'usage', amount: -amount, reference: requestId, actor: 'gateway' });
    return { charged: amount, balance: nanosToString(balanceAfter) };
  },
};
