import { Decimal } from 'decimal.js';
import type { PlanAction } from '../../../../contracts/plans';
import type { PlanRecord } from '../plans';
import { planFinalPrice } from '../plans';

/**
 * What a plan offers a user, given the plan their active subscription runs on (null: none). The rules the
 * README states under "Plans and period mode":
 * - no subscription: every plan → `subscribe`;
 * - a lifetime subscription: its plan → `current`, every other → `unavailable` (a lifetime entitlement is
 *   never replaced by a purchase; an administrator can still grant another plan);
 * - a recurring subscription: its plan → `renew`; a lifetime plan → `upgrade`; another recurring plan →
 *   `upgrade` when it costs more per month (final price, yearly ÷ 12), else `switch`.
 */
export function planActionFor(plan: PlanRecord, current: PlanRecord | null): PlanAction {
  if (!current) return 'subscribe';
  if (current.interval === 'lifetime') return plan.id === current.id ? 'current' : 'unavailable';
  if (plan.id === current.id) return 'renew';
  if (plan.interval === 'lifetime') return 'upgrade';
  return monthlyPrice(plan).greaterThan(monthlyPrice(current)) ? 'upgrade' : 'switch';
}

/** A recurring plan's final price per month, to compare monthly and yearly plans. */
export const monthlyPrice = (plan: PlanRecord) => new Decimal(planFinalPrice(plan)).div(plan.interval === 'yearly' ? 12 : 1);
