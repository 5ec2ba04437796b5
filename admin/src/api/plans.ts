import type { Plan, PlanInput } from '../../../contracts';
import { TAGS, billingApi, crud, fresh, named, useCrudMutations, useQueryState } from './query';

// A plan's counts (active subscriptions, subscriptions ever started) change with every grant or cancel
// (api/accounts.ts invalidates the plans too); a plan's name shows in the accounts' subscriptions.
const PLAN_TAGS = [TAGS.plan, TAGS.subscription, TAGS.account];

/** Subscription plans: /plans, /plans/:id (the `crud` shape, keyed by the plan's id). */
const plansApi = billingApi.injectEndpoints({
  endpoints: (build) => ({
    ...named('ubPlan', crud<Plan, PlanInput, Partial<PlanInput>>(build, '/plans', PLAN_TAGS)),
  }),
});

/** Every plan, disabled ones included, by sort order then id (the server's order). */
export const usePlans = ({ enabled = true }: { enabled?: boolean } = {}) =>
  useQueryState(plansApi.useUbPlanListQuery(undefined, fresh(enabled)));

/**
 * Create, update (any subset of the fields) and delete, as promises that resolve with the saved plan or
 * reject with the API error (a 409 PlanInUseError for a plan that ever had a subscription).
 */
export const usePlanMutations = () => {
  const { create, update, remove } = useCrudMutations(
    plansApi.useUbPlanCreateMutation,
    plansApi.useUbPlanUpdateMutation,
    plansApi.useUbPlanDeleteMutation,
  );
  return {
    create,
    update: (planId: number, patch: Partial<PlanInput>) => update(String(planId), patch),
    remove: (planId: number) => remove(String(planId)),
  };
};
