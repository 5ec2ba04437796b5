import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import { PLUGIN_ID } from '../pluginId';
import { withQuery } from '../utils/query';
import type { Paginated, StatsGroupBy, UsageLog, UsageLogFilters, UsageStats, UsageTotals } from './types';

const base = `/${PLUGIN_ID}/usage-logs`;

export const useLogsApi = () => {
  const { get } = useFetchClient();
  return React.useMemo(
    () => ({
      listLogs: async (filters: UsageLogFilters & { page?: number; pageSize?: number }) =>
        (await get<Paginated<UsageLog, { totals?: UsageTotals }>>(withQuery(base, filters))).data,
      getStats: async (params: { from?: string; to?: string; groupBy: StatsGroupBy; limit?: number } & UsageLogFilters) =>
        (await get<{ data: UsageStats }>(withQuery(`${base}/stats`, params))).data.data,
      /** The CSV export of the filtered logs, as a Blob to save. */
      exportCsv: async (filters: UsageLogFilters) =>
        (await get(withQuery(`${base}/export`, filters), { responseType: 'blob' })).data,
    }),
    [get],
  );
};
