import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { HoldStatus } from '../../../contracts/billing';
import crypto from 'node:crypto';
import { TABLES, asText, rowMeta, sumAsText, toDate, type Trx } from './db';

export interface HoldRow {
  holdId: string;
  userId: string;
  requestId: string | null;
  amount: bigint;
  status: HoldStatus;
  expiresAt: Date;
}

const toHold = (r: any): HoldRow => ({
  holdId: r.hold_id,
  userId: r.user_id,
  requestId: r.request_id,
  amount: BigInt(r.amount),
  status: r.status,
  expiresAt: toDate(r.expires_at)!,
});

const selectHold = (db: Trx) =>
  db(TABLES.holds).select('hold_id', 'user_id', 'request_id', asText(db, 'amount'), 'status', 'expires_at');

/**
 * The holds that still reserve money: open and not yet expired. One past its expiry stops counting at
 * once, before the sweep gets to mark it expired. Every read of "what is held" goes through this.
 */
const reserving = <Q extends Knex.QueryBuilder>(query: Q, now: Date): Q => query.where('status', 'open').andWhere('expires_at', '>', now) as Q;

/**
 * Holds reserve the prepaid amount between /authorize and /usage (two-phase: open → settled, released
 * or expired). They never touch the balance; they lower what is available. An open hold past its
 * expiry no longer counts (so it never blocks a user), and the sweep job marks it expired.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Sum of the account's open, unexpired holds. Call with the account row locked. */
  async heldAmount(trx: Trx, userId: string, now = new Date()): Promise<bigint> {
    const row = await reserving(trx(TABLES.holds).where({ user_id: userId }), now).select(sumAsText(trx, 'amount', 'held')).first();
    return BigInt(row?.held ?? '0');
  },

  /** What each of `userIds` has held, for the accounts that hold anything. */
  async heldByUsers(db: Trx, userIds: string[], now = new Date()): Promise<Map<string, bigint>> {
    if (userIds.length === 0) return new Map();
    const rows = await reserving(db(TABLES.holds).whereIn('user_id', userIds), now)
      .select('user_id', sumAsText(db, 'amount', 'held'))
      .groupBy('user_id');
    return new Map(rows.map((r: any) => [r.user_id as string, BigInt(r.held)]));
  },

  /** How many holds reserve money right now, across all accounts. */
  async countReserving(db: Trx, now = new Date()): Promise<number> {
    const [{ count }] = await reserving(db(TABLES.holds), now).count({ count: '*' });
    return Number(count);
  },

  async byRequestId(trx: Trx, requestId: string): Promise<HoldRow | null> {
    const row = await selectHold(trx).where({ request_id: requestId }).first();
    return row ? toHold(row) : null;
  },

  async byHoldId(trx: Trx, holdId: string): Promise<HoldRow | null> {
    const row = await selectHold(trx).where({ hold_id: holdId }).first();
    return row ? toHold(row) : null;
  },

  /** The hold named `holdId`, its row locked until the transaction ends (null when there is none). */
  async lockByHoldId(trx: Trx, holdId: string): Promise<HoldRow | null> {
    const row = await selectHold(trx).where({ hold_id: holdId }).forUpdate().first();
    return row ? toHold(row) : null;
  },

  /**
   * Adds `amount` to an open hold and renews its expiry from now: a long stream keeps reserving as long as it
   * runs. Call with the hold row locked (lockByHoldId) and the funds rule already checked.
   */
  async extend(trx: Trx, hold: HoldRow, amount: bigint, ttlSeconds: number): Promise<HoldRow> {
    const now = new Date();
    const extended = { ...hold, amount: hold.amount + amount, expiresAt: new Date(now.getTime() + ttlSeconds * 1000) };
    await trx(TABLES.holds)
      .where({ hold_id: hold.holdId })
      .update({ amount: extended.amount.toString(), expires_at: extended.expiresAt, updated_at: now });
    return extended;
  },

  async openHolds(trx: Trx, userId: string, now = new Date()): Promise<HoldRow[]> {
    const rows = await reserving(selectHold(trx).where({ user_id: userId }), now).orderBy('id');
    return rows.map(toHold);
  },

  async open(trx: Trx, { userId, amount, requestId, model, ttlSeconds }: { userId: string; amount: bigint; requestId?: string; model: string; ttlSeconds: number }) {
    const now = new Date();
    const hold = {
      hold_id: `hold_${crypto.randomBytes(12).toString('hex')}`,
      user_id: userId,
      request_id: requestId ?? null,
      model,
      amount: amount.toString(),
      status: 'open',
      expires_at: new Date(now.getTime() + ttlSeconds * 1000),
    };
    await trx(TABLES.holds).insert({ ...rowMeta(now), ...hold });
    return toHold(hold);
  },

  /** Closes the hold a usage report settles: the one named by holdId, or the one held for its requestId. */
  async settle(trx: Trx, { userId, holdId, requestId }: { userId: string; holdId?: string; requestId: string }) {
    const now = new Date();
    await trx(TABLES.holds)
      .where({ user_id: userId })
      .whereIn('status', ['open', 'expired'])
      .andWhere((q) => {
        q.where({ request_id: requestId });
        if (holdId) q.orWhere({ hold_id: holdId });
      })
      .update({ status: 'settled', closed_at: now, updated_at: now });
  },

  /** Releases a hold at once (the gateway's call failed before producing usage). Idempotent. */
  async release(holdId: string) {
    const db = strapi.db.connection;
    const now = new Date();
    await db(TABLES.holds).where({ hold_id: holdId, status: 'open' }).update({ status: 'released', closed_at: now, updated_at: now });
    return this.byHoldId(db, holdId);
  },

  /** Marks every open hold past its expiry as expired. Set-based, so overlapping runs on several instances are harmless. */
  async sweepExpired(now = new Date()): Promise<number> {
    return strapi.db.connection(TABLES.holds)
      .where({ status: 'open' })
      .andWhere('expires_at', '<=', now)
      .update({ status: 'expired', closed_at: now, updated_at: now });
  },
});
