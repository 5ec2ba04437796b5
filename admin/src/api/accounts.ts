import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import { PLUGIN_ID } from '../pluginId';
import { encodeSegment, withQuery } from '../utils/query';
import type { Account, AccountDetail, AdjustResult, LedgerEntry, Paginated, ReconcileResult } from './types';

const root = `/${PLUGIN_ID}`;

export const useAccountsApi = () => {
  const { get, post } = useFetchClient();
  return React.useMemo(
    () => ({
      listAccounts: async (params: { search?: string; page?: number; pageSize?: number }) =>
        (await get<Paginated<Account>>(withQuery(`${root}/accounts`, params))).data,
      getAccount: async (userId: string) =>
        (await get<{ data: AccountDetail }>(`${root}/accounts/${encodeSegment(userId)}`)).data.data,
      getLedger: async (userId: string, params: { page?: number; pageSize?: number }) =>
        (await get<Paginated<LedgerEntry>>(withQuery(`${root}/accounts/${encodeSegment(userId)}/ledger`, params))).data,
      adjust: async (userId: string, body: { amount: string; reason: string }) =>
        (await post<{ data: AdjustResult }>(`${root}/accounts/${encodeSegment(userId)}/adjust`, body)).data.data,
      reconcile: async () => (await get<{ data: ReconcileResult }>(`${root}/reconcile`)).data.data,
    }),
    [get, post],
  );
};
