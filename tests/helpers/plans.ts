// Helpers for the plan and period-mode suites: admin plan calls and moving a subscription back in time.
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { Plan, PlanInput, SubscriptionSummary } from '../../contracts/api';
import { adminPost, type HasServer } from './metering';

/** A plan created through the admin API (201 expected). */
export async function createPlan(ctx: HasServer, admin: string, input: Partial<PlanInput> & { name: string }): Promise<Plan> {
  const res = await adminPost(ctx, admin, '/plans', { price: '10', interval: 'monthly', periodCredit: '5', ...input });
  if (res.status !== 201) throw new Error(`plan create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** The admin grant of a plan to a user (201 expected). */
export async function grantPlan(ctx: HasServer, admin: string, userId: string, planId: number): Promise<SubscriptionSummary> {
  const res = await adminPost(ctx, admin, `/accounts/${encodeURIComponent(userId)}/subscription`, { planId });
  if (res.status !== 201) throw new Error(`grant failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

export const adminDelete = (ctx: HasServer, jwt: string, path: string) =>
  request(ctx.server).delete(`/usage-billing${path}`).set('Authorization', `Bearer ${jwt}`);

const TIME_COLUMNS = ['started_at', 'period_start', 'period_end', 'ends_at', 'cancelled_at'] as const;

/**
 * Moves the user's subscriptions `days` into the past (every date column), as if that much time had gone
 * by: the way these tests reach a period's end without waiting for it.
 */
export async function ageSubscriptions(strapi: Core.Strapi, userId: string, days: number): Promise<void> {
  const knex = strapi.db.connection;
  const rows: Array<Record<string, unknown>> = await knex('ub_subscriptions').select('id', ...TIME_COLUMNS).where({ user_id: userId });
  for (const row of rows) {
    const moved: Record<string, Date | null> = {};
    for (const column of TIME_COLUMNS) {
      const value = row[column];
      moved[column] = value === null || value === undefined ? null : new Date(new Date(value as string | number | Date).getTime() - days * 86_400_000);
    }
    await knex('ub_subscriptions').where({ id: row.id }).update(moved);
  }
}

/** The raw subscription rows of a user (status, active key, money as text), oldest first. */
export async function subscriptionRows(strapi: Core.Strapi, userId: string) {
  const knex = strapi.db.connection;
  return knex('ub_subscriptions')
    .select('id', 'status', 'active_key', 'plan_id', 'next_plan_id', knex.raw('CAST(credit AS TEXT) AS credit'), knex.raw('CAST(used AS TEXT) AS used'))
    .where({ user_id: userId })
    .orderBy('id');
}
