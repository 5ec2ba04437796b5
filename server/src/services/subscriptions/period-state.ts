import type { PlanInterval, SubscriptionStatus } from '../../../../contracts/plans';
import { toNanos } from '../../rating';
import { addMonths, isPeriodBoundary, periodEndAfter } from './calendar';

/**
 * The terms a subscription runs on: a snapshot of its plan, taken when a period starts. Edits to the plan
 * reach a running subscription only at its next period (see `advance`). Amounts are decimal strings.
 */
export interface PlanTerms {
  planId: number;
  name: string;
  price: string;
  currency: string;
  interval: PlanInterval;
  periodCredit: string;
  discount: string;
  finalPrice: string;
}

/** A subscription's state, as far as time changes it (the service maps it to and from its row). */
export interface PeriodState {
  status: SubscriptionStatus;
  terms: PlanTerms;
  /** The anchor of every period boundary: when the first period began. */
  startedAt: Date;
  periodStart: Date;
  /** null: lifetime (one period without end). */
  periodEnd: Date | null;
  /** When the entitlement ends (the end of the last period paid or granted); null: never. */
  endsAt: Date | null;
  credit: bigint;
  used: bigint;
  cancelledAt: Date | null;
  /** A switch waiting for the next period. */
  nextPlanId: number | null;
  endedAt: Date | null;
}

/** The end of a period starting at `periodStart`, cut at the entitlement's end (a grant of N days ends mid-period). */
export function boundedPeriodEnd(startedAt: Date, periodStart: Date, interval: PlanInterval, endsAt: Date | null): Date | null {
  const end = periodEndAfter(startedAt, periodStart, interval);
  if (endsAt === null) return end;
  return end === null || end > endsAt ? endsAt : end;
}

/**
 * `endsAt` moved one more `interval` (a renewal or a switch paid for the next period): to the next period
 * boundary of the anchor when `endsAt` is one, otherwise one calendar interval later.
 */
export function extendEnd(startedAt: Date, endsAt: Date, interval: Exclude<PlanInterval, 'lifetime'>): Date {
  const months = interval === 'monthly' ? 1 : 12;
  return isPeriodBoundary(startedAt, endsAt) ? periodEndAfter(startedAt, endsAt, interval)! : addMonths(endsAt, months);
}

/**
 * The state at `now`: an active subscription past its end has ended (`cancelled` when it was cancelled,
 * `expired` otherwise); one past its period end but paid beyond it has rolled into the period `now` falls
 * in, on `renewalTerms` (the terms of its plan — or of the plan it switches to — as they are today), with
 * that plan's full credit: unused credit never rolls over. Pure: reads use it to show the state before any
 * write catches up; the hot path and the sweep persist what it returns.
 */
export function advance(state: PeriodState, now: Date, renewalTerms: PlanTerms | null): PeriodState {
  if (state.status !== 'active') return state;
  if (state.endsAt !== null && state.endsAt <= now) {
    return { ...state, status: state.cancelledAt ? 'cancelled' : 'expired', endedAt: state.endsAt };
  }
  if (state.periodEnd === null || state.periodEnd > now) return state;
  const terms = renewalTerms ?? state.terms;
  let periodStart = state.periodEnd;
  let periodEnd = boundedPeriodEnd(state.startedAt, periodStart, terms.interval, state.endsAt);
  while (periodEnd !== null && periodEnd <= now) {
    periodStart = periodEnd;
    periodEnd = boundedPeriodEnd(state.startedAt, periodStart, terms.interval, state.endsAt);
  }
  return { ...state, terms, periodStart, periodEnd, credit: toNanos(terms.periodCredit), used: 0n, nextPlanId: null };
}
