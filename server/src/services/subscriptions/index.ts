import type { Core } from '@strapi/strapi';
import type { SubscriptionSummary } from '../../../../contracts/api';
import { nanosToString } from '../../rating';
import { NotFoundError, PlanNotAvailableError } from '../../errors';
import { getService } from '../../utils/get-service';
import { TABLES, asText, fromJson, onPostgres, rowMeta, toDate, toJson, withTransaction, type Trx } from '../db';
import { termsOf, type PlanRecord } from '../plans';
import { addDays } from './calendar';
import { advance, boundedPeriodEnd, extendEnd, type PeriodState, type PlanTerms } from './period-state';
import { monthlyPrice } from './plan-actions';

/** A subscription row, as the service works with it. */
export interface SubscriptionRecord extends PeriodState {
  id: number;
  userId: string;
  planId: number;
  source: string | null;
}

const selectSubscriptions = (db: Trx) =>
  db(TABLES.subscriptions).select(
    'id',
    'user_id',
    'plan_id',
    'terms',
    'status',
    'started_at',
    'period_start',
    'period_end',
    'ends_at',
    asText(db, 'credit'),
    asText(db, 'used'),
    'cancelled_at',
    'ended_at',
    'next_plan_id',
    'source',
  );

const toRecord = (r: any): SubscriptionRecord => ({
  id: Number(r.id),
  userId: r.user_id,
  planId: Number(r.plan_id),
  terms: fromJson<PlanTerms>(r.terms)!,
  status: r.status,
  startedAt: toDate(r.started_at ?? r.period_start)!,
  periodStart: toDate(r.period_start)!,
  periodEnd: toDate(r.period_end),
  endsAt: toDate(r.ends_at),
  credit: BigInt(r.credit),
  used: BigInt(r.used),
  cancelledAt: toDate(r.cancelled_at),
  endedAt: toDate(r.ended_at),
  nextPlanId: r.next_plan_id === null || r.next_plan_id === undefined ? null : Number(r.next_plan_id),
  source: r.source ?? null,
});

/** The columns time and the lifecycle operations change. */
const stateColumns = (s: PeriodState, userId: string, now: Date) => ({
  plan_id: s.terms.planId,
  terms: toJson(s.terms),
  status: s.status,
  period_start: s.periodStart,
  period_end: s.periodEnd,
  ends_at: s.endsAt,
  credit: s.credit.toString(),
  used: s.used.toString(),
  cancelled_at: s.cancelledAt,
  ended_at: s.endedAt,
  next_plan_id: s.nextPlanId,
  active_key: s.status === 'active' ? userId : null,
  updated_at: now,
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Subscriptions (period mode): the only writer of the subscriptions table. Every operation on a user's
 * subscription runs in one transaction with the user's account row locked, so operations on one user
 * serialize; the unique `active_key` makes a second active subscription impossible even so. Time moves a
 * subscription on by itself (new period, end): reads compute that state (`advance`), the hot path and
 * the sweep write it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;

  /** Today's terms of the plan a subscription renews on: the plan it switches to, or its own. */
  const renewalTerms = async (trx: Trx, s: SubscriptionRecord, now: Date): Promise<PlanTerms | null> => {
    if (s.status !== 'active' || s.periodEnd === null || s.periodEnd > now) return null;
    return termsOf(await getService('plans').find(s.nextPlanId ?? s.planId, trx));
  };

  /** Writes what time did to `s` (a new period, its end) and returns the state now. */
  const catchUp = async (trx: Trx, s: SubscriptionRecord, now: Date): Promise<SubscriptionRecord> => {
    const next = { ...s, ...advance(s, now, await renewalTerms(trx, s, now)) };
    if (next.status !== s.status || next.periodStart.getTime() !== s.periodStart.getTime()) {
      await trx(TABLES.subscriptions).where({ id: s.id }).update(stateColumns(next, s.userId, now));
    }
    return { ...next, planId: next.terms.planId };
  };

  const write = async (trx: Trx, s: SubscriptionRecord, now: Date) => {
    await trx(TABLES.subscriptions).where({ id: s.id }).update(stateColumns(s, s.userId, now));
    return s;
  };

  /** The user's active subscription, row locked, caught up with time; null when there is none. */
  const lockCurrent = async (trx: Trx, userId: string, now = new Date()): Promise<SubscriptionRecord | null> => {
    const row = await selectSubscriptions(trx).where({ active_key: userId }).forUpdate().first();
    if (!row) return null;
    const s = await catchUp(trx, toRecord(row), now);
    return s.status === 'active' ? s : null;
  };

  type UserWork<T> = (trx: Trx, current: SubscriptionRecord | null, now: Date) => Promise<T>;

  /** One operation on a user's subscription inside `trx`: the account row locked (created on first use), then `work`. */
  const onUser = async <T>(trx: Trx, userId: string, work: UserWork<T>): Promise<T> => {
    const now = new Date();
    await getService('ledger').lockAccount(trx, userId);
    return work(trx, await lockCurrent(trx, userId, now), now);
  };

  /** The same in a transaction of its own. */
  const forUser = <T>(userId: string, work: UserWork<T>) => withTransaction(strapi, (trx) => onUser(trx, userId, work));

  /** `s` with a new entitlement end, its current period recut to it (a period may have been cut at the old end). */
  const withEnd = (s: SubscriptionRecord, endsAt: Date | null): SubscriptionRecord => ({
    ...s,
    endsAt,
    periodEnd: boundedPeriodEnd(s.startedAt, s.periodStart, s.terms.interval, endsAt),
  });

  /** Starts `plan` for `userId` now, ending `current` (see start()). */
  const startIn = async (
    trx: Trx,
    userId: string,
    current: SubscriptionRecord | null,
    now: Date,
    plan: PlanRecord,
    { source, durationDays }: { source: string; durationDays?: number },
  ): Promise<SubscriptionRecord> => {
    let carried = 0n;
    if (current) {
      const left = current.credit - current.used;
      carried = left > 0n ? left : 0n;
      await write(trx, { ...current, status: 'expired', endedAt: now, endsAt: now }, now);
    }
    const terms = termsOf(plan);
    const endsAt = durationDays !== undefined ? addDays(now, durationDays) : boundedPeriodEnd(now, now, terms.interval, null);
    const state: PeriodState = {
      status: 'active',
      terms,
      startedAt: now,
      periodStart: now,
      periodEnd: boundedPeriodEnd(now, now, terms.interval, endsAt),
      endsAt,
      credit: plan.periodCredit + carried,
      used: 0n,
      cancelledAt: null,
      nextPlanId: null,
      endedAt: null,
    };
    const [inserted] = await trx(TABLES.subscriptions)
      .insert({ ...rowMeta(now), user_id: userId, started_at: now, source, ...stateColumns(state, userId, now) })
      .returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    return { ...state, id, userId, planId: plan.id, source };
  };

  /** One more period of `plan` added to the end of `s` (a pending cancel undone). */
  const renewIn = async (trx: Trx, s: SubscriptionRecord, plan: PlanRecord, now: Date) => {
    if (plan.interval === 'lifetime' || s.endsAt === null) throw new PlanNotAvailableError(plan.id, 'lifetime');
    return write(trx, { ...withEnd(s, extendEnd(s.startedAt, s.endsAt, plan.interval)), cancelledAt: null }, now);
  };

  /** `s` moves to `target` from its next period, which is paid now on `target`'s interval. */
  const switchIn = async (trx: Trx, s: SubscriptionRecord, target: PlanRecord, now: Date) => {
    if (target.interval === 'lifetime' || s.endsAt === null) throw new PlanNotAvailableError(target.id, 'lifetime');
    return write(trx, { ...withEnd(s, extendEnd(s.startedAt, s.endsAt, target.interval)), nextPlanId: target.id, cancelledAt: null }, now);
  };

  const requireCurrent = (userId: string, current: SubscriptionRecord | null): SubscriptionRecord => {
    if (!current) throw new NotFoundError('Active subscription', { userId });
    return current;
  };

  const enabledPlan = async (trx: Trx, planId: number): Promise<PlanRecord> => {
    const plan = await getService('plans').find(planId, trx);
    if (!plan.enabled) throw new PlanNotAvailableError(planId, 'disabled');
    return plan;
  };

  const summarize = (s: SubscriptionRecord, planNames: Map<number, string>): SubscriptionSummary => ({
    id: s.id,
    planId: s.terms.planId,
    planName: s.terms.name,
    interval: s.terms.interval,
    status: s.status,
    startedAt: s.startedAt.toISOString(),
    periodStart: s.periodStart.toISOString(),
    periodEnd: iso(s.periodEnd),
    endsAt: iso(s.endsAt),
    credit: nanosToString(s.credit),
    used: nanosToString(s.used),
    remaining: nanosToString(s.credit - s.used),
    cancelledAt: iso(s.cancelledAt),
    nextPlanId: s.nextPlanId,
    nextPlanName: s.nextPlanId === null ? null : (planNames.get(s.nextPlanId) ?? null),
    source: s.source,
    endedAt: iso(s.endedAt),
  });

  /** Rows as they stand at `now` (computed, nothing written), summarized with today's plan names. */
  const summarizeAt = async (records: SubscriptionRecord[], now: Date): Promise<SubscriptionSummary[]> => {
    if (records.length === 0) return [];
    const plans = new Map((await getService('plans').records()).map((p) => [p.id, p]));
    const names = new Map([...plans].map(([id, p]) => [id, p.name]));
    return records.map((s) => {
      const renewal = s.status === 'active' && s.periodEnd !== null && s.periodEnd <= now ? plans.get(s.nextPlanId ?? s.planId) : undefined;
      return summarize({ ...s, ...advance(s, now, renewal ? termsOf(renewal) : null) }, names);
    });
  };

  const summarizeOne = async (s: SubscriptionRecord) => (await summarizeAt([s], new Date()))[0];

  return {
    lockCurrent,

    /**
     * Consumes `amount` nanos of the user's current credit (a reported call), the subscription row locked.
     * The full amount is recorded even above what is left: the call happened; remaining goes negative and
     * authorizations fail until the next period. Null when the user has no active subscription.
     */
    async consume(trx: Trx, userId: string, amount: bigint, now = new Date()): Promise<{ subscriptionId: number; remaining: bigint } | null> {
      const s = await lockCurrent(trx, userId, now);
      if (!s) return null;
      if (amount === 0n) return { subscriptionId: s.id, remaining: s.credit - s.used };
      const update = trx(TABLES.subscriptions)
        .where({ id: s.id })
        .update({ used: trx.raw('used + ?', [amount.toString()]), updated_at: now });
      let used: bigint;
      if (onPostgres(trx)) {
        const rows = await update.returning('used');
        used = BigInt(rows[0].used);
      } else {
        await update;
        used = BigInt((await trx(TABLES.subscriptions).select(asText(trx, 'used')).where({ id: s.id }).first()).used);
      }
      return { subscriptionId: s.id, remaining: s.credit - used };
    },

    /**
     * Starts a subscription on `planId` now (a purchase, an upgrade, an administrator's grant, a code). A
     * subscription the user already has ends at once (`expired`), and the credit it had left in its period
     * (never a negative amount) is added to the new first period's credit, so paying for a better plan never
     * throws away what was paid for the old one. `durationDays` (a code or a grant for N days) ends the
     * entitlement after that many days; otherwise it runs one interval (lifetime: forever).
     */
    async start(userId: string, planId: number, { source, durationDays }: { source: string; durationDays?: number }): Promise<SubscriptionSummary> {
      const started = await forUser(userId, async (trx, current, now) =>
        startIn(trx, userId, current, now, await enabledPlan(trx, planId), { source, durationDays }),
      );
      return summarizeOne(started);
    },

    /**
     * A period code's grant, inside the redemption's transaction: `durationDays` more of the plan the user
     * already runs on (added to its end; a lifetime one has none to extend), or else the plan started now for
     * that many days (replacing another plan like start() does). Returns the subscription's id.
     */
    async grantDays(trx: Trx, userId: string, planId: number, durationDays: number, source: string): Promise<number> {
      return onUser(trx, userId, async (_, current, now) => {
        // Not enabledPlan(): a code is an entitlement handed out already; disabling its plan stops new
        // purchases, not codes that were issued for it.
        const plan = await getService('plans').find(planId, trx);
        if (current && current.planId === planId) {
          if (current.endsAt === null) return current.id;
          await write(trx, { ...withEnd(current, addDays(current.endsAt, durationDays)), cancelledAt: null }, now);
          return current.id;
        }
        return (await startIn(trx, userId, current, now, plan, { source, durationDays })).id;
      });
    },

    /** One more period on the same plan (or on the plan a pending switch chose), paid now; undoes a cancel. */
    async renew(userId: string): Promise<SubscriptionSummary> {
      const renewed = await forUser(userId, async (trx, current, now) => {
        const s = requireCurrent(userId, current);
        return renewIn(trx, s, await enabledPlan(trx, s.nextPlanId ?? s.planId), now);
      });
      return summarizeOne(renewed);
    },

    /**
     * A paid plan order (or a recurring plan's paid renewal) inside the payment's transaction: what the plan
     * offers this user now (plan-actions.ts) is applied — `subscribe`/`upgrade` start it (carrying credit),
     * `renew` adds one period, `switch` moves to it from the next period. The money was taken, so the plan
     * is granted even if it was disabled after checkout, and a lifetime subscription the user bought
     * meanwhile is replaced rather than the payment lost. Returns the subscription's id.
     */
    async purchaseIn(trx: Trx, userId: string, planId: number, source: string): Promise<number> {
      return onUser(trx, userId, async (_, current, now) => {
        const plan = await getService('plans').find(planId, trx);
        if (!current || current.endsAt === null || plan.interval === 'lifetime') return (await startIn(trx, userId, current, now, plan, { source })).id;
        if (plan.id === current.planId) return (await renewIn(trx, current, plan, now)).id;
        const own = await getService('plans').find(current.planId, trx);
        if (monthlyPrice(plan).greaterThan(monthlyPrice(own))) return (await startIn(trx, userId, current, now, plan, { source })).id;
        return (await switchIn(trx, current, plan, now)).id;
      });
    },

    /**
     * Moves to a cheaper or equal recurring plan from the next period: that period is paid now on the new
     * plan; the current one runs out on the terms it was bought with.
     */
    async switchPlan(userId: string, planId: number): Promise<SubscriptionSummary> {
      const switched = await forUser(userId, async (trx, current, now) => {
        const s = requireCurrent(userId, current);
        const target = await enabledPlan(trx, planId);
        if (target.interval === 'lifetime' || s.endsAt === null) throw new PlanNotAvailableError(planId, 'lifetime');
        if (target.id === s.planId) throw new PlanNotAvailableError(planId, 'same-plan');
        const own = await getService('plans').find(s.planId, trx);
        if (monthlyPrice(target).greaterThan(monthlyPrice(own))) throw new PlanNotAvailableError(planId, 'not-cheaper');
        return switchIn(trx, s, target, now);
      });
      return summarizeOne(switched);
    },

    /**
     * Cancels the user's subscription: it keeps running to the end of the current period, then ends as
     * `cancelled` (periods paid ahead and a pending switch are dropped). A lifetime subscription has no
     * period end: it ends at once. The user's recurring Stripe subscriptions are cancelled in Stripe.
     */
    async cancel(userId: string): Promise<SubscriptionSummary> {
      let recurringStops: number[] = [];
      const cancelled = await forUser(userId, async (trx, current, now) => {
        const s = requireCurrent(userId, current);
        // The user's recurring Stripe subscriptions stop charging at once: the period already paid runs out
        // here (ends_at), so Stripe has nothing left to bill. Sent after the commit (payments.stopRecurring).
        recurringStops = await getService('orders').requestRecurringStops(trx, userId, 'now');
        if (s.periodEnd === null) return write(trx, { ...s, status: 'cancelled', cancelledAt: now, endsAt: now, endedAt: now, nextPlanId: null }, now);
        return write(trx, { ...s, cancelledAt: now, endsAt: s.periodEnd, nextPlanId: null }, now);
      });
      if (recurringStops.length) await getService('payments').stopRecurring(recurringStops);
      return summarizeOne(cancelled);
    },

    /**
     * Marks every active subscription past its end as ended, in one set-based UPDATE (like the hold sweep,
     * harmless when instances overlap). Reads and the hot path never wait for it: they see the end anyway.
     */
    async sweepEnded(now = new Date()): Promise<number> {
      return db()(TABLES.subscriptions)
        .where({ status: 'active' })
        .andWhere('ends_at', '<=', now)
        .update({
          status: db().raw("CASE WHEN cancelled_at IS NULL THEN 'expired' ELSE 'cancelled' END"),
          ended_at: db().ref('ends_at'),
          active_key: null,
          updated_at: now,
        });
    },

    /** Each user's active subscription as it stands now, for the users that have one. */
    async currentByUsers(userIds: string[], now = new Date()): Promise<Map<string, SubscriptionSummary>> {
      if (userIds.length === 0) return new Map();
      const records = (await selectSubscriptions(db()).whereIn('active_key', userIds)).map(toRecord);
      const summaries = await summarizeAt(records, now);
      return new Map(records.map((r, i) => [r.userId, summaries[i]] as const).filter(([, s]) => s.status === 'active'));
    },

    /** Every subscription the user ever had, newest first, as it stands now. */
    async history(userId: string): Promise<SubscriptionSummary[]> {
      const rows = await selectSubscriptions(db()).where({ user_id: userId }).orderBy('id', 'desc');
      return summarizeAt(rows.map(toRecord), new Date());
    },

    /** Subscriptions still running now (the sweep may not have marked the ended ones yet). */
    async countActive(now = new Date()): Promise<number> {
      const [{ count }] = await db()(TABLES.subscriptions)
        .where({ status: 'active' })
        .andWhere((q) => q.whereNull('ends_at').orWhere('ends_at', '>', now))
        .count({ count: '*' });
      return Number(count);
    },

    /**
     * Per plan: subscriptions running on it or switching to it now (`active`), and all that ever did
     * (`total`; a plan with any is never deleted).
     */
    async countsByPlan(planIds: number[], now = new Date()): Promise<Map<number, { active: number; total: number }>> {
      const counts = new Map<number, { active: number; total: number }>(planIds.map((id) => [id, { active: 0, total: 0 }]));
      if (planIds.length === 0) return counts;
      const running = (q: any) => q.where({ status: 'active' }).andWhere((w: any) => w.whereNull('ends_at').orWhere('ends_at', '>', now));
      for (const column of ['plan_id', 'next_plan_id']) {
        const base = () => db()(TABLES.subscriptions).whereIn(column, planIds);
        const [all, active] = await Promise.all([
          base().select(`${column} as plan`).count({ count: '*' }).groupBy(column),
          running(base()).select(`${column} as plan`).count({ count: '*' }).groupBy(column),
        ]);
        for (const r of all as any[]) counts.get(Number(r.plan))!.total += Number(r.count);
        for (const r of active as any[]) counts.get(Number(r.plan))!.active += Number(r.count);
      }
      return counts;
    },
  };
};
