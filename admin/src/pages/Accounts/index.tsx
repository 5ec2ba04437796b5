import * as React from 'react';
import { Box, Button, Flex, Searchbar, Typography } from '@strapi/design-system';
import { Shield } from '@strapi/icons';
import { useQueryParams } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';

import type { Account } from '../../../../contracts';
import { useAccounts } from '../../api/accounts';
import { BillingPage } from '../../components/BillingPage';
import { CellText, dateColumn, textColumn, type Column } from '../../components/DataTable';
import { Money, moneyColumn } from '../../components/Money';
import { pageOf } from '../../components/Pager';
import { PagedTable } from '../../components/QueryTable';
import { StatusBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { BASE_PATH } from '../../pluginId';
import { formatCount, isZeroDecimal } from '../../utils/decimal';
import { useT, useTNodes } from '../../utils/translations';
import { ReconcileModal } from './ReconcileModal';

interface AccountsQuery {
  search?: string;
  page?: string;
  pageSize?: string;
}

export const AccountsPage = () => {
  const t = useT();
  const tNodes = useTNodes();
  const navigate = useNavigate();
  const { currency } = useBillingSettings();
  const [{ query }, setQuery] = useQueryParams<AccountsQuery>();
  const [search, setSearch] = React.useState(query.search ?? '');
  const [reconcileOpen, setReconcileOpen] = React.useState(false);

  const accounts = useAccounts({ search: query.search || undefined, ...pageOf(query) });

  React.useEffect(() => setSearch(query.search ?? ''), [query.search]);

  const applySearch = (value: string) =>
    setQuery({ search: value ? encodeURIComponent(value) : undefined, page: '1' } as AccountsQuery);

  const columns: Column<Account>[] = [
    textColumn('userId', t('accounts.column.userId'), { mono: true }),
    moneyColumn('balance', t('accounts.column.balance'), { currency, fontWeight: 'semiBold' }),
    moneyColumn('available', t('accounts.column.available'), { currency }),
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
              {tNodes('accounts.subscription.remaining', {
                remaining: <Money variant="pi" textColor="neutral600" value={account.subscription.remaining} currency={currency} />,
                credit: <Money variant="pi" textColor="neutral600" value={account.subscription.credit} currency={currency} />,
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
      render: (account) => (
        <StatusBadge
          value={account.status}
          label={t(`accounts.status.${account.status === 'suspended' ? 'suspended' : 'active'}`)}
        />
      ),
    },
    dateColumn('updatedAt', t('accounts.column.updatedAt'), 'neutral600'),
  ];

  return (
    <BillingPage
      title={t('accounts.title')}
      subtitle={
        accounts.data
          ? t('accounts.subtitleCount', {
              count: accounts.data.meta.pagination.total,
              total: formatCount(accounts.data.meta.pagination.total),
            })
          : t('accounts.subtitle')
      }
      primaryAction={
        <Button variant="secondary" startIcon={<Shield />} onClick={() => setReconcileOpen(true)}>
          {t('accounts.reconcile')}
        </Button>
      }
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
      gap={2}
      dialogs={<ReconcileModal open={reconcileOpen} currency={currency} onClose={() => setReconcileOpen(false)} />}
    >
      <PagedTable
        query={accounts}
        columns={columns}
        rowKey={(account) => account.userId}
        emptyContent={query.search ? t('accounts.emptySearch', { search: query.search }) : t('accounts.empty')}
        onRowClick={(account) => navigate(`${BASE_PATH}/accounts/${encodeURIComponent(account.userId)}`)}
      />
    </BillingPage>
  );
};

export default AccountsPage;
