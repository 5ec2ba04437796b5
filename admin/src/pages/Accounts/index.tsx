import * as React from 'react';
import { Box, Button, Flex, Searchbar, Typography } from '@strapi/design-system';
import { Shield } from '@strapi/icons';
import { Layouts, Page, useQueryParams } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';

import { useAccountsApi } from '../../api/accounts';
import type { Account } from '../../api/types';
import { Callout } from '../../components/Callout';
import { CellText, DataTable, type Column } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { Money } from '../../components/Money';
import { Pager } from '../../components/Pager';
import { StatusBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { useRequest } from '../../hooks/useRequest';
import { BASE_PATH } from '../../pluginId';
import { formatCount, isZeroDecimal } from '../../utils/decimal';
import { formatMoneyRounded } from '../../utils/money';
import { useT } from '../../utils/translations';
import { ReconcileModal } from './ReconcileModal';

const DEFAULT_PAGE_SIZE = 20;

interface AccountsQuery {
  search?: string;
  page?: string;
  pageSize?: string;
}

export const AccountsPage = () => {
  const t = useT();
  const api = useAccountsApi();
  const navigate = useNavigate();
  const { currency } = useBillingSettings();
  const [{ query }, setQuery] = useQueryParams<AccountsQuery>();
  const [search, setSearch] = React.useState(query.search ?? '');
  const [reconcileOpen, setReconcileOpen] = React.useState(false);

  const page = Number.parseInt(query.page ?? '1', 10) || 1;
  const pageSize = Number.parseInt(query.pageSize ?? String(DEFAULT_PAGE_SIZE), 10) || DEFAULT_PAGE_SIZE;
  const accounts = useRequest(
    () => api.listAccounts({ search: query.search || undefined, page, pageSize }),
    [api, query.search, page, pageSize],
  );

  React.useEffect(() => setSearch(query.search ?? ''), [query.search]);

  const applySearch = (value: string) =>
    setQuery({ search: value ? encodeURIComponent(value) : undefined, page: '1' } as AccountsQuery);

  const columns: Column<Account>[] = [
    { key: 'userId', label: t('accounts.column.userId'), render: (account) => <CellText mono>{account.userId}</CellText> },
    {
      key: 'balance',
      label: t('accounts.column.balance'),
      align: 'right',
      render: (account) => <Money value={account.balance} currency={currency} fontWeight="semiBold" />,
    },
    {
      key: 'available',
      label: t('accounts.column.available'),
      align: 'right',
      render: (account) => <Money value={account.available} currency={currency} />,
    },
    {
      key: 'held',
      label: t('accounts.column.held'),
      align: 'right',
      render: (account) =>
        isZeroDecimal(account.held) ? (
          <CellText muted>—</CellText>
        ) : (
          <Money value={account.held} currency={currency} textColor="warning600" />
        ),
    },
    {
      key: 'subscription',
      label: t('accounts.column.subscription'),
      render: (account) =>
        account.subscription ? (
          <Flex direction="column" alignItems="flex-start">
            <Typography fontWeight="semiBold">{account.subscription.planName}</Typography>
            <Typography variant="pi" textColor="neutral600">
              {t('accounts.subscription.remaining', {
                remaining: formatMoneyRounded(account.subscription.remaining, currency),
                credit: formatMoneyRounded(account.subscription.credit, currency),
              })}
            </Typography>
          </Flex>
        ) : (
          <CellText muted>—</CellText>
        ),
    },
    {
      key: 'status',
      label: t('accounts.column.status'),
      render: (account) => <StatusBadge value={account.status} label={t(`accounts.status.${account.status === 'suspended' ? 'suspended' : 'active'}`)} />,
    },
    {
      key: 'updatedAt',
      label: t('accounts.column.updatedAt'),
      render: (account) => <DateTime value={account.updatedAt} variant="pi" textColor="neutral600" short />,
    },
  ];

  return (
    <Page.Main>
      <Page.Title>{t('accounts.title')}</Page.Title>
      <Layouts.Header
        title={t('accounts.title')}
        subtitle={
          accounts.data
            ? t('accounts.subtitleCount', { total: formatCount(accounts.data.meta.pagination.total) })
            : t('accounts.subtitle')
        }
        primaryAction={
          <Button variant="secondary" startIcon={<Shield />} onClick={() => setReconcileOpen(true)}>
            {t('accounts.reconcile')}
          </Button>
        }
      />
      <Layouts.Action
        startActions={
          <Box width="32rem">
            <form
              onSubmit={(event) => {
                event.preventDefault();
                applySearch(search.trim());
              }}
            >
              <Searchbar
                name="search"
                value={search}
                size="S"
                clearLabel={t('common.clear')}
                placeholder={t('accounts.search')}
                onClear={() => {
                  setSearch('');
                  applySearch('');
                }}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
              >
                {t('accounts.search')}
              </Searchbar>
            </form>
          </Box>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={2}>
          {accounts.error && <Callout variant="danger">{accounts.error.message}</Callout>}
          <DataTable
            columns={columns}
            rows={accounts.data?.data}
            rowKey={(account) => account.userId}
            isLoading={accounts.isLoading}
            emptyContent={query.search ? t('accounts.emptySearch', { search: query.search }) : t('accounts.empty')}
            onRowClick={(account) => navigate(`${BASE_PATH}/accounts/${encodeURIComponent(account.userId)}`)}
          />
          <Pager pagination={accounts.data?.meta.pagination} defaultPageSize={DEFAULT_PAGE_SIZE} />
        </Flex>
      </Layouts.Content>
      <ReconcileModal open={reconcileOpen} currency={currency} onClose={() => setReconcileOpen(false)} />
    </Page.Main>
  );
};

export default AccountsPage;
