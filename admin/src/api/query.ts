import * as React from 'react';
import { adminApi } from '@strapi/strapi/admin';

import { PLUGIN_ID, type DataResponse } from '../../../contracts';
import { parseApiError, type ApiErrorInfo } from '../utils/errors';
import { encodeSegment } from '../utils/query';

/*
 * The admin's one query layer: RTK Query, through Strapi's own `adminApi`.
 *
 * Decision: Strapi 5 exports `adminApi` (its RTK Query api, `createApi` with Strapi's fetch client as
 * base query) from '@strapi/strapi/admin' as public API, documented for plugins: "users should use a
 * combination of `enhanceEndpoints` to add their TagTypes to utilise in their `injectEndpoints`". Strapi's
 * own plugins do exactly that (content-releases' `releaseApi`, review-workflows' `reviewWorkflowsApi`).
 * The admin's redux store already mounts its reducer and middleware, so the plugin adds endpoints and
 * ships no data-fetching library of its own (react-query is only a dependency of @strapi/admin, not an
 * API offered to plugins). This replaces the home-made `useRequest`, which fetched the settings twice.
 *
 * Policies:
 * - The settings are fetched once for the Billing page and shared by every component that reads them
 *   (currency, mode); saving them writes the answer into the cache (api/settings.ts).
 * - Every other read is asked again whenever a page or dialog showing it mounts (`fresh` below), as each
 *   page always did, and shared by the components showing it meanwhile (e.g. the tool prices of the Tools
 *   page and of the price preview). A mutation invalidates the tags of what it changed: the lists that
 *   show them refetch (a saved price refreshes the prices and the catalog).
 * - Endpoint names are global in Strapi's shared `adminApi`: they all start with `ub` so that no other
 *   plugin's endpoint of the same name is overridden (or overrides ours). Pages use the hooks the
 *   api/*.ts modules export under plain names.
 * - File downloads (pricing and CSV exports) are not cached data: api/downloads.ts fetches them.
 */

export const TAGS = {
  modelPrice: 'UsageBillingModelPrice',
  catalog: 'UsageBillingCatalogModel',
  tool: 'UsageBillingToolPrice',
  multiplier: 'UsageBillingMultiplier',
  account: 'UsageBillingAccount',
  ledger: 'UsageBillingLedger',
  plan: 'UsageBillingPlan',
  subscription: 'UsageBillingSubscription',
  audit: 'UsageBillingAudit',
  code: 'UsageBillingCode',
  order: 'UsageBillingOrder',
} as const;

export type Tag = (typeof TAGS)[keyof typeof TAGS];

export const billingApi = adminApi.enhanceEndpoints({ addTagTypes: Object.values(TAGS) });

/** The builder `injectEndpoints` hands to its `endpoints` function. */
export type Builder = Parameters<Parameters<typeof billingApi.injectEndpoints>[0]['endpoints']>[0];

/** `/usage-billing/…`: the admin API's routes. */
export const apiPath = (path: string) => `/${PLUGIN_ID}${path}`;

/** The `data` of a `{ data }` answer. */
export const unwrap = <T>(response: DataResponse<T>): T => response.data;

/**
 * List, create, update and delete endpoints of a collection keyed by a name (`/tool-prices/:tool`):
 * `crud(build, '/tool-prices', [TAGS.tool])`. Every change invalidates `tags`.
 */
export const crud = <Item, Input, Patch = Partial<Input>>(build: Builder, path: string, tags: Tag[]) => ({
  List: build.query<Item[], void>({ query: () => apiPath(path), transformResponse: unwrap<Item[]>, providesTags: tags }),
  Create: build.mutation<Item, Input>({
    query: (data) => ({ url: apiPath(path), method: 'POST', data }),
    transformResponse: unwrap<Item>,
    invalidatesTags: tags,
  }),
  Update: build.mutation<Item, { name: string; body: Patch }>({
    query: ({ name, body }) => ({ url: apiPath(`${path}/${encodeSegment(name)}`), method: 'PUT', data: body }),
    transformResponse: unwrap<Item>,
    invalidatesTags: tags,
  }),
  Delete: build.mutation<void, string>({
    query: (name) => ({ url: apiPath(`${path}/${encodeSegment(name)}`), method: 'DELETE' }),
    transformResponse: () => undefined,
    invalidatesTags: tags,
  }),
});

/** `{ list, create }` → `{ ubToolList, ubToolCreate }`: endpoint names, unique in the shared api. */
export const named = <P extends string, E extends Record<string, unknown>>(prefix: P, endpoints: E) =>
  Object.fromEntries(Object.entries(endpoints).map(([key, value]) => [`${prefix}${key}`, value])) as {
    [K in keyof E & string as `${P}${K}`]: E[K];
  };

/** Hook options of a read that is asked again whenever a component showing it mounts. */
export const fresh = (enabled = true) => ({ refetchOnMountOrArgChange: true, skip: !enabled });

/** What a page reads of a query: its data, its error as the API put it, and whether it is loading. */
export interface QueryState<T> {
  data: T | undefined;
  error: ApiErrorInfo | undefined;
  /** True until the first answer (or error) arrives. */
  isLoading: boolean;
  /** True while any request (first or refetch) is in flight. */
  isFetching: boolean;
  refetch: () => void;
}

interface QueryResult<T> {
  data?: T;
  error?: unknown;
  isLoading: boolean;
  isFetching: boolean;
  refetch: () => unknown;
}

/** An RTK Query hook's result as a QueryState (the error parsed like a failed mutation's). */
export const useQueryState = <T>(result: QueryResult<T>): QueryState<T> => {
  const { data, error, isLoading, isFetching, refetch } = result;
  const info = React.useMemo(() => (error ? parseApiError(error) : undefined), [error]);
  const again = () => {
    try {
      void refetch();
    } catch {
      // A skipped query has not started: there is nothing to refresh.
    }
  };
  return { data, error: info, isLoading, isFetching, refetch: again };
};

type Trigger<Arg, Result> = (arg: Arg) => { unwrap: () => Promise<Result> };
type MutationHook<Arg, Result> = () => readonly [Trigger<Arg, Result>, ...unknown[]];

/**
 * The create, update and delete mutations of a `crud` collection as plain functions: each resolves with
 * the answer, or rejects with the API error (parseApiError reads it).
 */
export const useCrudMutations = <Item, Input, Patch>(
  useCreate: MutationHook<Input, Item>,
  useUpdate: MutationHook<{ name: string; body: Patch }, Item>,
  useDelete: MutationHook<string, void>,
) => {
  const [create] = useCreate();
  const [update] = useUpdate();
  const [remove] = useDelete();
  return {
    create: (body: Input) => create(body).unwrap(),
    update: (name: string, body: Patch) => update({ name, body }).unwrap(),
    remove: (name: string) => remove(name).unwrap(),
  };
};
