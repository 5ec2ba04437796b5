import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { SubscriptionSummary } from '../../../contracts/api';
import type { BillingMode } from '../../../contracts/billing';
import { codeKey, type CodeMode } from '../../../contracts/codes';
import { nanosToString } from '../rating';
import {
  BillingError,
  CodeExhaustedError,
  CodeExpiredError,
  CodeLimitReachedError,
  CodeNotApplicableError,
  CodeNotFoundError,
  TooManyRedeemAttemptsError,
} from '../errors';
import { getService } from '../utils/get-service';
import { pluginUid } from '../utils/plugin-uid';
import { TABLES, rowMeta, toDate, withTransaction, type Trx } from './db';
import { selectCodes } from './codes/rows';

export interface RedeemResult {
  code: string;
  mode: CodeMode;
  amount?: string;
  balance?: string;
  subscription?: SubscriptionSummary;
}

/**
 * Redeeming a code: one transaction with the code row locked (FOR UPDATE on PostgreSQL; SQLite serializes
 * transactions), so concurrent redemptions of one code — by many users or by one user many times — are
 * checked one after the other against its uses and each user's limit. The grant (a ledger credit or a
 * subscription) and the redemption row are written in that same transaction; a refusal writes none of it.
 *
 * Failed attempts are counted per user (and per client address for /me) in fixed windows in the database,
 * so every instance agrees: after `redeemMaxFailures` (5) failures within `redeemWindowSeconds` (600) the
 * route answers 429 until the window ends.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;
  const maxFailures = () => strapi.config.get(pluginUid('redeemMaxFailures'), 5) as number;
  const windowMs = () => (strapi.config.get(pluginUid('redeemWindowSeconds'), 600) as number) * 1000;

  /** 429 when any of `keys` has used up its failures in the current window. */
  const refuseWhenThrottled = async (keys: string[], now: Date) => {
    const rows = await db()(TABLES.redeemAttempts).select('window_start', 'failures').whereIn('key', keys);
    for (const row of rows) {
      const windowEnd = toDate(row.window_start)!.getTime() + windowMs();
      if (Number(row.failures) >= maxFailures() && windowEnd > now.getTime()) {
        throw new TooManyRedeemAttemptsError(Math.ceil((windowEnd - now.getTime()) / 1000));
      }
    }
  };

  /** Counts one failure for each key: a new window when the last one is over, else one more in it. */
  const countFailure = async (keys: string[], now: Date) => {
    const windowOver = new Date(now.getTime() - windowMs());
    for (const key of keys) {
      await db()(TABLES.redeemAttempts)
        .insert({ ...rowMeta(now), key, window_start: now, failures: 1 })
        .onConflict('key')
        .merge({
          failures: db().raw(`CASE WHEN ${TABLES.redeemAttempts}.window_start <= ? THEN 1 ELSE ${TABLES.redeemAttempts}.failures + 1 END`, [windowOver]),
          window_start: db().raw(`CASE WHEN ${TABLES.redeemAttempts}.window_start <= ? THEN ? ELSE ${TABLES.redeemAttempts}.window_start END`, [windowOver, now]),
          updated_at: now,
        });
    }
  };

  /** The checks and the grant, inside the transaction, with the code row locked. */
  const redeemIn = async (trx: Trx, userId: string, key: string, mode: BillingMode, now: Date): Promise<RedeemResult> => {
    const code = await selectCodes(trx).where({ code_key: key }).whereNull('deleted_at').forUpdate().first();
    if (!code || !code.enabled) throw new CodeNotFoundError();
    const expiresAt = toDate(code.expires_at);
    if (expiresAt && expiresAt <= now) throw new CodeExpiredError(expiresAt.toISOString());
    if (Number(code.used_count) >= Number(code.total_uses)) throw new CodeExhaustedError();
    const [{ count }] = await trx(TABLES.redemptions).where({ code_id: code.id, user_id: userId }).count({ count: '*' });
    if (Number(count) >= Number(code.per_user_limit)) throw new CodeLimitReachedError(Number(code.per_user_limit));
    if (mode === 'self' || code.mode !== mode) throw new CodeNotApplicableError(code.mode, mode);

    const redemption = { code_id: code.id, code: code.code, user_id: userId, mode: code.mode, amount: code.amount, plan_id: code.plan_id, duration_days: code.duration_days };
    let result: RedeemResult;
    if (code.mode === 'usage') {
      const reference = `code:${code.id}:${crypto.randomBytes(8).toString('hex')}`;
      const { balanceAfter } = await getService('ledger').post(trx, userId, {
        kind: 'redemption',
        amount: BigInt(code.amount),
        reference,
        actor: `code:${code.code}`,
        note: code.description ?? null,
      });
      await trx(TABLES.redemptions).insert({ ...rowMeta(now), ...redemption, ledger_reference: reference });
      result = { code: code.code, mode: 'usage', amount: nanosToString(code.amount), balance: nanosToString(balanceAfter) };
    } else {
      const subscriptionId = await getService('subscriptions').grantDays(trx, userId, Number(code.plan_id), Number(code.duration_days), `code:${code.code}`);
      await trx(TABLES.redemptions).insert({ ...rowMeta(now), ...redemption, subscription_id: subscriptionId });
      result = { code: code.code, mode: 'period' };
    }
    await trx(TABLES.codes).where({ id: code.id }).update({ used_count: trx.raw('used_count + 1'), updated_at: now });
    return result;
  };

  return {
    /**
     * Redeems `code` for `userId`. `throttleKeys` name who is trying (`user:<id>`, `ip:<address>`): their
     * failures are counted and, past the limit, refused with 429 before anything is looked up.
     */
    async redeem(userId: string, code: string, { throttleKeys }: { throttleKeys: string[] }): Promise<RedeemResult> {
      const now = new Date();
      await refuseWhenThrottled(throttleKeys, now);
      // Read before the transaction: a query outside it inside it would need a second pooled connection
      // while this one waits on the code's row lock, and under a burst the pool runs dry.
      const { mode } = await getService('settings').get();
      try {
        const result = await withTransaction(strapi, (trx) => redeemIn(trx, userId, codeKey(code), mode, now));
        if (result.mode === 'period') result.subscription = (await getService('subscriptions').currentByUsers([userId])).get(userId);
        return result;
      } catch (error) {
        if (error instanceof BillingError) await countFailure(throttleKeys, now);
        throw error;
      }
    },
  };
};
