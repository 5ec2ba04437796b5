import type { Core } from '@strapi/strapi';
import type { Plan } from '../../../contracts/api';
import { finalPlanPrice, type PlanInterval } from '../../../contracts/plans';
import { nanosToString, toNanos } from '../rating';
import { DuplicateNameError, NotFoundError, PlanInUseError } from '../errors';
import type { PlanCreate, PlanUpdate } from '../validation/plans';
import { getService } from '../utils/get-service';
import { TABLES, asText, fromJson, rowMeta, toDate, toJson, type Trx } from './db';
import type { PlanTerms } from './subscriptions/period-state';

/** A plan as stored, amounts in nanos. */
export interface PlanRecord {
  id: number;
  name: string;
  description: string | null;
  price: bigint;
  currency: string;
  interval: PlanInterval;
  periodCredit: bigint;
  discount: string;
  enabled: boolean;
  sortOrder: number;
  notes: string[];
  createdAt: Date;
  updatedAt: Date;
}

const selectPlans = (db: Trx) =>
  db(TABLES.plans).select(
    'id',
    'name',
    'description',
    asText(db, 'price'),
    'currency',
    'interval',
    asText(db, 'period_credit'),
    'discount',
    'enabled',
    'sort_order',
    'notes',
    'created_at',
    'updated_at',
  );

const toRecord = (r: any): PlanRecord => ({
  id: Number(r.id),
  name: r.name,
  description: r.description ?? null,
  price: BigInt(r.price ?? '0'),
  currency: r.currency,
  interval: r.interval,
  periodCredit: BigInt(r.period_credit ?? '0'),
  discount: r.discount ?? '0',
  enabled: Boolean(r.enabled),
  sortOrder: Number(r.sort_order ?? 0),
  notes: fromJson<string[]>(r.notes) ?? [],
  createdAt: toDate(r.created_at)!,
  updatedAt: toDate(r.updated_at)!,
});

/** What a buyer pays for `plan` (price less discount, rounded half-up to the currency's minor unit). */
export const planFinalPrice = (plan: PlanRecord) => finalPlanPrice(nanosToString(plan.price), plan.discount, plan.currency);

/** The terms a subscription starting (or renewing) on `plan` today runs on. */
export const termsOf = (plan: PlanRecord): PlanTerms => ({
  planId: plan.id,
  name: plan.name,
  price: nanosToString(plan.price),
  currency: plan.currency,
  interval: plan.interval,
  periodCredit: nanosToString(plan.periodCredit),
  discount: plan.discount,
  finalPrice: planFinalPrice(plan),
});

/** The columns a create or an update writes (only the fields given). */
const planColumns = (input: PlanUpdate) => ({
  ...(input.name !== undefined && { name: input.name }),
  ...(input.description !== undefined && { description: input.description }),
  ...(input.price !== undefined && { price: toNanos(input.price).toString() }),
  ...(input.currency !== undefined && { currency: input.currency }),
  ...(input.interval !== undefined && { interval: input.interval }),
  ...(input.periodCredit !== undefined && { period_credit: toNanos(input.periodCredit).toString() }),
  ...(input.discount !== undefined && { discount: input.discount }),
  ...(input.enabled !== undefined && { enabled: input.enabled }),
  ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
  ...(input.notes !== undefined && { notes: toJson(input.notes) }),
});

/**
 * Subscription plans (period mode). The only writer of the plans table. A running subscription keeps the
 * terms it was bought with; an edit reaches it at its next period, and every answer says how many active
 * subscriptions that is. A plan that ever had a subscription is never deleted (its history refers to it):
 * it is disabled instead, which stops new purchases and nothing else.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;

  const find = async (trx: Trx, id: number): Promise<PlanRecord> => {
    const row = await selectPlans(trx).where({ id }).first();
    if (!row) throw new NotFoundError('Plan', { id });
    return toRecord(row);
  };

  const shape = (plan: PlanRecord, counts: { active: number; total: number }): Plan => ({
    id: plan.id,
    name: plan.name,
    description: plan.description,
    price: nanosToString(plan.price),
    currency: plan.currency,
    interval: plan.interval,
    periodCredit: nanosToString(plan.periodCredit),
    discount: plan.discount,
    finalPrice: planFinalPrice(plan),
    enabled: plan.enabled,
    sortOrder: plan.sortOrder,
    notes: plan.notes,
    activeSubscriptions: counts.active,
    subscriptions: counts.total,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  });

  const withCounts = async (plans: PlanRecord[]): Promise<Plan[]> => {
    const counts = await getService('subscriptions').countsByPlan(plans.map((p) => p.id));
    return plans.map((plan) => shape(plan, counts.get(plan.id) ?? { active: 0, total: 0 }));
  };

  /**
   * 409 when another plan has this name, whatever its case: buyers choose plans by name, and two "Pro" plans
   * would leave them guessing. Checked before the write, not by a unique index (plans made before this check
   * may share a name, and an index would make upgrading fail on them); two admins creating the same name in
   * the same instant could both pass, which a rename undoes.
   */
  const refuseTakenName = async (name: string, exceptId?: number) => {
    const q = db()(TABLES.plans).whereRaw('LOWER(name) = ?', [name.trim().toLowerCase()]);
    if (exceptId !== undefined) q.whereNot({ id: exceptId });
    const existing = await q.first('id', 'name');
    if (existing) {
      throw new DuplicateNameError('name', name, { id: Number(existing.id), name: String(existing.name) }, `A plan named "${existing.name}" exists already`);
    }
  };

  return {
    find: (id: number, trx: Trx = db()) => find(trx, id),

    /** Every plan, enabled or not, in the order users see them. */
    async records(trx: Trx = db(), { enabledOnly = false } = {}): Promise<PlanRecord[]> {
      const q = selectPlans(trx).orderBy([{ column: 'sort_order' }, { column: 'id' }]);
      if (enabledOnly) q.where({ enabled: true });
      return (await q).map(toRecord);
    },

    async list(): Promise<Plan[]> {
      return withCounts(await this.records());
    },

    async create(input: PlanCreate): Promise<Plan> {
      await refuseTakenName(input.name);
      const currency = (await getService('settings').get()).currency;
      const now = new Date();
      const columns = { ...planColumns({ currency, discount: '0', enabled: true, sortOrder: 0, notes: [], description: null, ...input }) };
      const [inserted] = await db()(TABLES.plans).insert({ ...rowMeta(now), ...columns }).returning('id');
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      const [plan] = await withCounts([await find(db(), id)]);
      return plan;
    },

    /** Applies `patch`; answers the plan and how many active subscriptions it reaches at their next period. */
    async update(id: number, patch: PlanUpdate): Promise<{ data: Plan; meta: { activeSubscriptions: number } }> {
      await find(db(), id);
      if (patch.name !== undefined) await refuseTakenName(patch.name, id);
      const columns = planColumns(patch);
      if (Object.keys(columns).length > 0) await db()(TABLES.plans).where({ id }).update({ ...columns, updated_at: new Date() });
      const [plan] = await withCounts([await find(db(), id)]);
      return { data: plan, meta: { activeSubscriptions: plan.activeSubscriptions } };
    },

    /** Deletes a plan no subscription ever used; otherwise 409 PlanInUseError (disable it instead). */
    async delete(id: number): Promise<Plan> {
      const [plan] = await withCounts([await find(db(), id)]);
      if (plan.subscriptions > 0) throw new PlanInUseError(id, plan.subscriptions);
      // The count and the delete are not one atomic step: a subscription started on this plan in between
      // would be caught by nothing but this re-check inside the delete itself.
      const deleted = await db()(TABLES.plans)
        .where({ id })
        .whereNotExists(db()(TABLES.subscriptions).select(db().raw('1')).where('plan_id', id).orWhere('next_plan_id', id))
        .delete();
      if (!deleted) throw new PlanInUseError(id, Math.max(1, plan.subscriptions));
      return plan;
    },
  };
};
