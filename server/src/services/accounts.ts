import type { Core } from '@strapi/strapi';
import type { BillingMode } from '../../../contracts/billing';
import { nanosToString } from '../rating';
import { NotFoundError } from '../errors';
import { getService } from '../utils/get-service';
import { onePage, paginationMeta, type PageRequest } from '../utils/pagination';
import { TABLES, asText, fromJson, toDate } from './db';

const ACTIONS: Record<BillingMode, string[]> = {
  // Self mode: usage records only, no purchase, top-up or redemption.
  self: [],
  period: ['subscribe', 'redeem'],
  usage: ['topup', 'redeem'],
};

/** Read side of accounts: admin lists and the user-facing view for the current billing mode. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;

  const activeSubscriptions = async (userIds: string[]) => {
    if (userIds.length === 0) return new Map<string, any>();
    const rows = await db()(TABLES.subscriptions)
      .select('user_id', 'plan_id', 'terms', 'period_start', 'period_end', asText(db(), 'credit'), asText(db(), 'used'))
      .whereIn('user_id', userIds)
      .andWhere({ status: 'active' });
    return new Map(
      rows.map((r: any) => {
        const terms = fromJson<{ name?: string }>(r.terms) ?? {};
        const credit = BigInt(r.credit);
        const used = BigInt(r.used);
        return [
          r.user_id as string,
          {
            planId: r.plan_id,
            planName: terms.name ?? null,
            periodStart: toDate(r.period_start)?.toISOString(),
            periodEnd: toDate(r.period_end)?.toISOString() ?? null,
            credit: nanosToString(credit),
            used: nanosToString(used),
            remaining: nanosToString(credit - used),
          },
        ];
      }),
    );
  };

  const shape = (row: any, held: bigint, subscription: unknown) => {
    const balance = BigInt(row.balance);
    return {
      userId: row.user_id,
      balance: nanosToString(balance),
      held: nanosToString(held),
      available: nanosToString(balance - held),
      status: row.status,
      subscription: subscription ?? null,
      createdAt: toDate(row.created_at)?.toISOString(),
      updatedAt: toDate(row.updated_at)?.toISOString(),
    };
  };

  const selectAccounts = () =>
    db()(TABLES.accounts).select('user_id', asText(db(), 'balance'), 'status', 'created_at', 'updated_at');

  return {
    async list({ search, ...page }: { search?: string } & PageRequest) {
      const filtered = () => {
        const q = db()(TABLES.accounts);
        // Literal substring match, case-insensitive on both databases (SQLite's LIKE ignores case, PostgreSQL's does not).
        if (search) q.whereRaw("LOWER(user_id) LIKE ? ESCAPE '\\'", [`%${search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`]);
        return q;
      };
      const [{ count }] = await filtered().count({ count: '*' });
      const rows = await onePage(selectAccounts().whereIn('user_id', filtered().select('user_id')).orderBy('user_id'), page);
      const ids = rows.map((r: any) => r.user_id);
      const [held, subs] = await Promise.all([getService('holds').heldByUsers(db(), ids), activeSubscriptions(ids)]);
      return {
        data: rows.map((r: any) => shape(r, held.get(r.user_id) ?? 0n, subs.get(r.user_id))),
        meta: { pagination: paginationMeta(page, Number(count)) },
      };
    },

    async detail(userId: string) {
      const row = await selectAccounts().where({ user_id: userId }).first();
      if (!row) throw new NotFoundError('Account', { userId });
      const [held, subs, holds] = await Promise.all([
        getService('holds').heldByUsers(db(), [userId]),
        activeSubscriptions([userId]),
        getService('holds').openHolds(db(), userId),
      ]);
      return {
        ...shape(row, held.get(userId) ?? 0n, subs.get(userId)),
        holds: holds.map((h) => ({
          holdId: h.holdId,
          amount: nanosToString(h.amount),
          status: h.status,
          expiresAt: h.expiresAt.toISOString(),
          requestId: h.requestId,
        })),
        usage: await getService('usageLogs').totals(userId),
      };
    },

    /** The user-facing view for the current mode. An account that was never used reads as empty. */
    async userView(userId: string) {
      const settings = await getService('settings').get();
      const usage = await getService('usageLogs').totals(userId);
      const base = { userId, mode: settings.mode, currency: settings.currency, usage, actions: ACTIONS[settings.mode] };
      if (settings.mode === 'self') return base;
      if (settings.mode === 'period') {
        const subs = await activeSubscriptions([userId]);
        return { ...base, subscription: subs.get(userId) ?? null };
      }
      const row = await selectAccounts().where({ user_id: userId }).first();
      const balance = BigInt(row?.balance ?? '0');
      const holds = await getService('holds').openHolds(db(), userId);
      const held = holds.reduce((sum, h) => sum + h.amount, 0n);
      return {
        ...base,
        balance: nanosToString(balance),
        held: nanosToString(held),
        available: nanosToString(balance - held),
        holds: holds.map((h) => ({ holdId: h.holdId, amount: nanosToString(h.amount), expiresAt: h.expiresAt.toISOString() })),
      };
    },

    /** How many accounts hold state that a switch to `mode` will not use (shown before switching). */
    async modeImpact(mode: BillingMode) {
      const [[balances], [subs], openHolds] = await Promise.all([
        db()(TABLES.accounts).whereNot('balance', '0').count({ count: '*' }),
        db()(TABLES.subscriptions).where({ status: 'active' }).count({ count: '*' }),
        getService('holds').countReserving(db()),
      ]);
      return {
        mode,
        accountsWithBalance: mode === 'usage' ? 0 : Number(balances.count),
        activeSubscriptions: mode === 'period' ? 0 : Number(subs.count),
        openHolds: mode === 'usage' ? 0 : openHolds,
      };
    },
  };
};
