import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import type { CodeListQuery, PricingFile, UsageLogFilters } from '../../../contracts';
import { withQuery } from '../utils/query';
import { apiPath } from './query';

/** Files to save (exports): fetched when asked, never cached (see api/query.ts). */
export const useDownloads = () => {
  const { get } = useFetchClient();
  return React.useMemo(
    () => ({
      pricingJson: async () => (await get<PricingFile>(apiPath('/model-prices/export'))).data,
      pricingCsv: async () =>
        (await get<string>(withQuery(apiPath('/model-prices/export'), { format: 'csv' }), { responseType: 'text' })).data,
      /** The CSV export of the filtered logs, as a Blob to save. */
      usageLogsCsv: async (filters: UsageLogFilters) =>
        (await get<Blob>(withQuery(apiPath('/usage-logs/export'), filters), { responseType: 'blob' })).data,
      /** The CSV export of the filtered redemption codes (a batch, a status…), every page, as a Blob to save. */
      codesCsv: async (filters: Omit<CodeListQuery, 'page' | 'pageSize'>) =>
        (await get<Blob>(withQuery(apiPath('/codes/export'), filters), { responseType: 'blob' })).data,
    }),
    [get],
  );
};
