import type {
  Account,
  AccountDetail,
  AccountListQuery,
  AdjustInput,
  AdjustResult,
  LedgerEntry,
  PageQuery,
  Paginated,
  ReconcileResult,
  SubscriptionGrantInput,
  SubscriptionSummary,
} from '../../../contracts';
import { encodeSegment, withQuery } from '../utils/query';
import { TAGS, apiPath, billingApi, fresh, unwrap, useQueryState } from './query';

const account = (userId: string) => apiPath(`/accounts/${encodeSegment(userId)}`);

// A grant or a cancellation changes the account's subscription, its history and the plans' counts.
const SUBSCRIPTION_CHANGE = [TAGS.account, TAGS.subscription, TAGS.plan];

const accountsApi = billingApi.injectEndpoints({
  endpoints: (build) => ({
    ubAccounts: build.query<Paginated<Account>, AccountListQuery>({
      query: (params) => withQuery(apiPath('/accounts'), params),
      providesTags: [TAGS.account],
    }),
    ubAccount: build.query<AccountDetail, string>({
      query: (userId) => account(userId),
      transformResponse: unwrap<AccountDetail>,
      providesTags: [TAGS.account],
    }),
    ubLedger: build.query<Paginated<LedgerEntry>, { userId: string } & PageQuery>({
      query: ({ userId, ...params }) => withQuery(`${account(userId)}/ledger`, params),
      providesTags: [TAGS.ledger],
    }),
    ubAdjust: build.mutation<AdjustResult, { userId: string; body: AdjustInput }>({
      query: ({ userId, body }) => ({ url: `${account(userId)}/adjust`, method: 'POST', data: body }),
      transformResponse: unwrap<AdjustResult>,
      invalidatesTags: [TAGS.account, TAGS.ledger],
    }),
    ubSubscriptions: build.query<SubscriptionSummary[], string>({
      query: (userId) => `${account(userId)}/subscriptions`,
      transformResponse: unwrap<SubscriptionSummary[]>,
      providesTags: [TAGS.subscription],
    }),
    /** Starts (or replaces) the user's subscription now. */
    ubGrantSubscription: build.mutation<SubscriptionSummary, { userId: string; body: SubscriptionGrantInput }>({
      query: ({ userId, body }) => ({ url: `${account(userId)}/subscription`, method: 'POST', data: body }),
      transformResponse: unwrap<SubscriptionSummary>,
      invalidatesTags: SUBSCRIPTION_CHANGE,
    }),
    /** Cancels the active subscription: it runs to the end of its period. */
    ubCancelSubscription: build.mutation<SubscriptionSummary, string>({
      query: (userId) => ({ url: `${account(userId)}/subscription/cancel`, method: 'POST' }),
      transformResponse: unwrap<SubscriptionSummary>,
      invalidatesTags: SUBSCRIPTION_CHANGE,
    }),
    ubReconcile: build.query<ReconcileResult, void>({
      query: () => apiPath('/reconcile'),
      transformResponse: unwrap<ReconcileResult>,
    }),
  }),
});

export const useAccounts = (query: AccountListQuery) => useQueryState(accountsApi.useUbAccountsQuery(query, fresh()));
export const useAccount = (userId: string) => useQueryState(accountsApi.useUbAccountQuery(userId, fresh()));
export const useLedger = (userId: string, page: PageQuery) =>
  useQueryState(accountsApi.useUbLedgerQuery({ userId, ...page }, fresh()));
/** The user's subscriptions, newest first (the current one included). */
export const useSubscriptions = (userId: string) => useQueryState(accountsApi.useUbSubscriptionsQuery(userId, fresh()));
/** Every cached balance against the sum of its ledger: asked each time `enabled` turns on. */
export const useReconcile = ({ enabled }: { enabled: boolean }) =>
  useQueryState(accountsApi.useUbReconcileQuery(undefined, fresh(enabled)));

export const {
  useUbAdjustMutation: useAdjustBalance,
  useUbGrantSubscriptionMutation: useGrantSubscription,
  useUbCancelSubscriptionMutation: useCancelSubscription,
} = accountsApi;
