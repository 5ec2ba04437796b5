import type { Core } from '@strapi/strapi';
import { nanosToString } from '../rating';
import { NotFoundError } from '../errors';
import { TABLES, asText, fromJson, toDate } from './db';
import type { BillingMode, BillingSettings } from './settings';

const ACTIONS: Record<BillingMode, string[]> = {
  // Self mode: usage records only, no purchase, top-up or redemption.
  self: [],
  period: ['subscribe', 'redeem'],
  usage: ['topup', 'redeem'],
};

/** Read side of accounts: admin lists and the user-facing view for the current billing mode. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;

  const heldByUser = async (userIds: string[]) => {
    if (userIds.length === 0) return new Map<string, bigint>();
    const rows = await db()(TABLES.holds)
      .select('user_id', db().raw('CAST(SUM(amount) AS TEXT) AS held'))
      .whereIn('user_id', userIds)
      .andWhere({ status: 'open' })
      .andWhere('expires_at', '>', new Date())
      .groupBy('user_id');
    return new Map(rows.map((r: any) => [r.user_id as string, BigInt(r.held)]));
  };

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

  const usageTotals = async (userId: string) => {
    const row = await db()(TABLES.rollups)
      .where({ user_id: userId })
      .select(
        db().raw('CAST(COALESCE(SUM(calls), 0) AS TEXT) AS calls'),
        db().raw('CAST(COALESCE(SUM(tokens), 0) AS TEXT) AS tokens'),
        db().raw('CAST(COALESCE(SUM(cost), 0) AS TEXT) AS cost'),
        db().raw('CAST(COALESCE(SUM(charged), 0) AS TEXT) AS charged'),
      )
      .first();
    return { calls: row.calls, tokens: row.tokens, cost: nanosToString(row.cost), charged: nanosToString(row.charged) };
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
    async list({ search, page, pageSize }: { search?: string; page: number; pageSize: number }) {
      const filtered = () => {
        const q = db()(TABLES.accounts);
        // Literal substring match, case-insensitive on both databases (SQLite's LIKE ignores case, PostgreSQL's does not).
        if (search) q.whereRaw("LOWER(user_id) LIKE ? ESCAPE '\\'", [`%${search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`]);
        return q;
      };
      const [{ count }] = await filtered().count({ count: '*' });
      const rows = await selectAccounts()
        .whereIn('user_id', filtered().select('user_id'))
        .orderBy('user_id')
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const ids = rows.map((r: any) => r.user_id);
      const [held, subs] = await Promise.all([heldByUser(ids), activeSubscriptions(ids)]);
      const total = Number(count);
      return {
        data: rows.map((r: any) => shape(r, held.get(r.user_id) ?? 0n, subs.get(r.user_id))),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },

    async detail(userId: string) {
      const row = await selectAccounts().where({ user_id: userId }).first();
      if (!row) throw new NotFoundError('Account', { userId });
      const [held, subs, holds] = await Promise.all([
        heldByUser([userId]),
        activeSubscriptions([userId]),
        strapi.plugin('usage-billing').service('holds').openHolds(db(), userId),
      ]);
      return {
        ...shape(row, held.get(userId) ?? 0n, subs.get(userId)),
        holds: holds.map((h: any) => ({
          holdId: h.holdId,
          amount: nanosToString(h.amount),
          status: h.status,
          expiresAt: h.expiresAt.toISOString(),
          requestId: h.requestId,
        })),
        usage: await usageTotals(userId),
      };
    },

    /** The user-facing view for the current mode. An account that was never used reads as empty. */
    async userView(userId: string) {
      const settings: BillingSettings = await strapi.plugin('usage-billing').service('settings').get();
      const usage = await usageTotals(userId);
      const base = { userId, mode: settings.mode, currency: settings.currency, usage, actions: ACTIONS[settings.mode] };
      if (settings.mode === 'self') return base;
      if (settings.mode === 'period') {
        const subs = await activeSubscriptions([userId]);
        return { ...base, subscription: subs.get(userId) ?? null };
      }
      const row = await selectAccounts().where({ user_id: userId }).first();
      const balance = BigInt(row?.balance ?? '0');
      const holds = await strapi.plugin('usage-billing').service('holds').openHolds(db(), userId);
      const held = holds.reduce((sum: bigint, h: any) => sum + h.amount, 0n);
      return {
        ...base,
        balance: nanosToString(balance),
        held: nanosToString(held),
        available: nanosToString(balance - held),
        holds: holds.map((h: any) => ({ holdId: h.holdId, amount: nanosToString(h.amount), expiresAt: h.expiresAt.toISOString() })),
      };
    },

    /** How many accounts hold state that a switch to `mode` will not use (shown before switching). */
    async modeImpact(mode: BillingMode) {
      const [[balances], [subs], [holds]] = await Promise.all([
        db()(TABLES.accounts).whereNot('balance', '0').count({ count: '*' }),
        db()(TABLES.subscriptions).where({ status: 'active' }).count({ count: '*' }),
        db()(TABLES.holds).where({ status: 'open' }).andWhere('expires_at', '>', new Date()).count({ count: '*' }),
      ]);
      return {
        mode,
        accountsWithBalance: mode === 'usage' ? 0 : Number(balances.count),
        activeSubscriptions: mode === 'period' ? 0 : Number(subs.count),
        openHolds: mode === 'usage' ? 0 : Number(holds.count),
      };
    },
  };
};
