import type { PageQuery, StatsQuery, UsageLogFilters, UsageLogList, UsageStats } from '../../../contracts';
import { withQuery } from '../utils/query';
import { apiPath, billingApi, fresh, unwrap, useQueryState } from './query';

const logsApi = billingApi.injectEndpoints({
  endpoints: (build) => ({
    ubUsageLogs: build.query<UsageLogList, UsageLogFilters & PageQuery & { cursor?: string }>({
      query: (filters) => withQuery(apiPath('/usage-logs'), filters),
    }),
    ubUsageStats: build.query<UsageStats, StatsQuery>({
      query: (params) => withQuery(apiPath('/usage-logs/stats'), params),
      transformResponse: unwrap<UsageStats>,
    }),
  }),
});

export const useUsageLogs = (query: UsageLogFilters & PageQuery & { cursor?: string }, { enabled = true }: { enabled?: boolean } = {}) =>
  useQueryState(logsApi.useUbUsageLogsQuery(query, fresh(enabled)));
export const useUsageStats = (query: StatsQuery) => useQueryState(logsApi.useUbUsageStatsQuery(query, fresh()));
