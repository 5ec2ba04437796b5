import type { Core } from '@strapi/strapi';
import type { BillingMode } from '../../../contracts/billing';
import { nanosToString } from '../rating';
import { NotFoundError } from '../errors';
import { getService } from '../utils/get-service';
import { pluginUid } from '../utils/plugin-uid';
import { onePage, paginationMeta, type PageRequest } from '../utils/pagination';
import type { UserPlan } from '../../../contracts/api';
import { TABLES, asText, containsPattern, toDate } from './db';
import { planFinalPrice } from './plans';
import { planActionFor } from './subscriptions/plan-actions';

/**
 * The account actions each mode offers users, listed only when they work ("never advertise what does not
 * work"): `redeem` (POST …/redeem) in the modes codes apply to; `topup` (usage) and `subscribe` (period:
 * buying the plans listed) through POST …/checkout, only while a payment channel is enabled and configured.
 * Self mode offers nothing (usage records only).
 */
const ACTIONS: Record<BillingMode, string[]> = { self: [], period: ['redeem'], usage: ['redeem'] };
const PAID_ACTIONS: Record<BillingMode, string | null> = { self: null, period: 'subscribe', usage: 'topup' };

/** Read side of accounts: admin lists and the user-facing view for the current billing mode. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;

  const activeSubscriptions = (userIds: string[]) => getService('subscriptions').currentByUsers(userIds);

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

  /** The enabled plans in users' order, each with what it offers a user whose plan is `currentPlanId`. */
  const planOffers = async (currentPlanId: number | null): Promise<UserPlan[]> => {
    const all = await getService('plans').records();
    const current = all.find((p) => p.id === currentPlanId) ?? null;
    return all
      .filter((plan) => plan.enabled)
      .map((plan) => ({
        id: plan.id,
        name: plan.name,
        description: plan.description,
        interval: plan.interval,
        price: nanosToString(plan.price),
        discount: plan.discount,
        finalPrice: planFinalPrice(plan),
        currency: plan.currency,
        periodCredit: nanosToString(plan.periodCredit),
        notes: plan.notes,
        action: planActionFor(plan, current),
      }));
  };

  const selectAccounts = () =>
    db()(TABLES.accounts).select('user_id', asText(db(), 'balance'), 'status', 'created_at', 'updated_at');

  return {
    async list({ search, ...page }: { search?: string } & PageRequest) {
      const filtered = () => {
        const q = db()(TABLES.accounts);
        // Literal substring match, case-insensitive on both databases (SQLite's LIKE ignores case, PostgreSQL's does not).
        if (search) q.whereRaw("LOWER(user_id) LIKE ? ESCAPE '\\'", [containsPattern(search.toLowerCase())]);
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

    /**
     * The billing userId of a users-permissions user (for /me and for a logged-in user on /accounts/:userId):
     * the account linked to that user through the account's `user` relation; otherwise the user's id as a
     * string — the default mapping, for gateways that report users by their Strapi id — and an existing
     * account of that id is linked on the way. An app whose gateway uses another id space links each
     * account to its user itself (the relation `user` of plugin::usage-billing.account).
     */
    async userIdOf(upUserId: number | string): Promise<string> {
      const fallback = String(upUserId);
      if (!strapi.plugin('users-permissions')) return fallback;
      const accounts = strapi.db.query(pluginUid('account'));
      const linked = await accounts.findOne({ where: { user: { id: upUserId } }, select: ['userId'] });
      if (linked) return linked.userId;
      const same = await accounts.findOne({ where: { userId: fallback }, select: ['id'], populate: { user: { select: ['id'] } } });
      if (same && !same.user) await accounts.update({ where: { id: same.id }, data: { user: upUserId } });
      return fallback;
    },

    /** The user-facing view for the current mode. An account that was never used reads as empty. */
    async userView(userId: string) {
      const settings = await getService('settings').get();
      const usage = await getService('usageLogs').totals(userId);
      const payments = await getService('payments').userOptions(settings.mode);
      const paid = payments ? PAID_ACTIONS[settings.mode] : null;
      const actions = paid ? [paid, ...ACTIONS[settings.mode]] : ACTIONS[settings.mode];
      if (settings.mode === 'self') return { userId, mode: settings.mode, currency: settings.currency, usage, actions };
      const base = { userId, mode: settings.mode, currency: settings.currency, usage, actions, payments };
      if (settings.mode === 'period') {
        const subscription = (await activeSubscriptions([userId])).get(userId) ?? null;
        return { ...base, subscription, plans: await planOffers(subscription?.planId ?? null) };
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
      const [[balances], subscriptions, openHolds] = await Promise.all([
        db()(TABLES.accounts).whereNot('balance', '0').count({ count: '*' }),
        getService('subscriptions').countActive(),
        getService('holds').countReserving(db()),
      ]);
      // The real counts whatever the target: every direction affects them (to usage mode the balances
      // start paying, to period mode the subscriptions do, away from either they stop); the admin page words
      // each count for the direction. Open holds settle under the mode they started with in every direction.
      return {
        mode,
        accountsWithBalance: Number(balances.count),
        activeSubscriptions: subscriptions,
        openHolds,
      };
    },
  };
};
