import * as React from 'react';
import { Button, Flex, Grid, Typography } from '@strapi/design-system';
import { ChartPie, Pencil } from '@strapi/icons';
import { BackButton, Layouts, Page, useQueryParams } from '@strapi/strapi/admin';
import { useNavigate, useParams } from 'react-router-dom';

import { useAccountsApi } from '../../api/accounts';
import type { Hold, LedgerEntry } from '../../api/types';
import { Callout } from '../../components/Callout';
import { CellText, DataTable, type Column } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { Money } from '../../components/Money';
import { Pager } from '../../components/Pager';
import { Section, StatCard } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { usePermissions } from '../../hooks/usePermissions';
import { useRequest } from '../../hooks/useRequest';
import { BASE_PATH } from '../../pluginId';
import { formatMoneyRounded } from '../../utils/money';
import { useT } from '../../utils/translations';
import { AdjustModal } from './AdjustModal';

const DEFAULT_PAGE_SIZE = 20;

const LEDGER_KINDS = ['usage', 'topup', 'redemption', 'adjustment', 'refund', 'subscription'] as const;

/** A ledger column of muted free text, cut with an ellipsis at `maxWidth`, "—" when empty. */
const ledgerTextColumn = (key: 'reference' | 'actor' | 'note', label: string, maxWidth: string, mono?: boolean): Column<LedgerEntry> => ({
  key,
  label,
  render: (entry) => (
    <CellText mono={mono} muted ellipsis maxWidth={maxWidth}>
      {entry[key] || '—'}
    </CellText>
  ),
});

export const AccountDetailPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const { userId = '' } = useParams<{ userId: string }>();
  const api = useAccountsApi();
  const { can } = usePermissions();
  const { currency } = useBillingSettings();
  const [{ query }] = useQueryParams<{ page?: string; pageSize?: string }>();
  const [adjustOpen, setAdjustOpen] = React.useState(false);

  const page = Number.parseInt(query.page ?? '1', 10) || 1;
  const pageSize = Number.parseInt(query.pageSize ?? String(DEFAULT_PAGE_SIZE), 10) || DEFAULT_PAGE_SIZE;

  const account = useRequest(() => api.getAccount(userId), [api, userId]);
  const ledger = useRequest(() => api.getLedger(userId, { page, pageSize }), [api, userId, page, pageSize]);

  const back = <BackButton fallback={`${BASE_PATH}/accounts`} />;

  if (account.isLoading) return <Page.Loading />;
  if (account.error || !account.data) {
    return (
      <Page.Main>
        <Layouts.Header title={userId} navigationAction={back} />
        <Layouts.Content>
          <Callout variant="danger">
            {account.error?.status === 404 ? t('accounts.detail.notFound', { userId }) : account.error?.message}
          </Callout>
        </Layouts.Content>
      </Page.Main>
    );
  }

  const data = account.data;
  const kindLabel = (kind: string) =>
    (LEDGER_KINDS as readonly string[]).includes(kind) ? t(`ledger.kind.${kind as (typeof LEDGER_KINDS)[number]}` as const) : kind;

  const holdColumns: Column<Hold>[] = [
    { key: 'holdId', label: t('accounts.holds.holdId'), render: (hold) => <CellText mono>{hold.holdId}</CellText> },
    { key: 'amount', label: t('accounts.holds.amount'), align: 'right', render: (hold) => <Money value={hold.amount} currency={currency} /> },
    { key: 'status', label: t('accounts.holds.status'), render: (hold) => <StatusBadge value={hold.status} /> },
    { key: 'expiresAt', label: t('accounts.holds.expiresAt'), render: (hold) => <DateTime value={hold.expiresAt} variant="pi" short /> },
    {
      key: 'requestId',
      label: t('accounts.holds.requestId'),
      render: (hold) => (
        <CellText mono muted ellipsis>
          {hold.requestId ?? '—'}
        </CellText>
      ),
    },
  ];

  const ledgerColumns: Column<LedgerEntry>[] = [
    { key: 'createdAt', label: t('ledger.column.createdAt'), render: (entry) => <DateTime value={entry.createdAt} variant="pi" short /> },
    { key: 'kind', label: t('ledger.column.kind'), render: (entry) => <StatusBadge value={entry.kind} label={kindLabel(entry.kind)} /> },
    {
      key: 'amount',
      label: t('ledger.column.amount'),
      align: 'right',
      render: (entry) => <Money value={entry.amount} currency={currency} signed colored fontWeight="semiBold" />,
    },
    {
      key: 'balanceAfter',
      label: t('ledger.column.balanceAfter'),
      align: 'right',
      render: (entry) => <Money value={entry.balanceAfter} currency={currency} />,
    },
    ledgerTextColumn('reference', t('ledger.column.reference'), '16rem', true),
    ledgerTextColumn('actor', t('ledger.column.actor'), '16rem'),
    ledgerTextColumn('note', t('ledger.column.note'), '20rem'),
  ];

  return (
    <Page.Main>
      <Page.Title>{t('accounts.detail.title', { userId })}</Page.Title>
      <Layouts.Header
        navigationAction={back}
        title={t('accounts.detail.title', { userId })}
        subtitle={
          <Flex gap={2} alignItems="center">
            <StatusBadge
              value={data.status}
              label={t(`accounts.status.${data.status === 'suspended' ? 'suspended' : 'active'}`)}
            />
            <Typography variant="pi" textColor="neutral600">
              {t('accounts.detail.since')}
            </Typography>
            <DateTime value={data.createdAt} variant="pi" textColor="neutral600" dateOnly />
          </Flex>
        }
        primaryAction={
          <Flex gap={2}>
            {can['logs.read'] && (
              <Button
                variant="tertiary"
                startIcon={<ChartPie />}
                onClick={() => navigate(`${BASE_PATH}/usage-logs?range=30d&userId=${encodeURIComponent(userId)}`)}
              >
                {t('accounts.detail.usage')}
              </Button>
            )}
            {can['accounts.adjust'] && (
              <Button startIcon={<Pencil />} onClick={() => setAdjustOpen(true)}>
                {t('accounts.adjust')}
              </Button>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Grid.Root gap={4}>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <StatCard
                label={t('accounts.column.balance')}
                value={<Money variant="alpha" value={data.balance} currency={currency} colored={data.balance.startsWith('-')} />}
              />
            </Grid.Item>
            <Grid.Item col={4} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard
                label={t('accounts.column.available')}
                value={<Money variant="alpha" value={data.available} currency={currency} />}
                hint={t('accounts.detail.availableHint')}
              />
            </Grid.Item>
            <Grid.Item col={4} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard
                label={t('accounts.column.held')}
                value={<Money variant="alpha" value={data.held} currency={currency} />}
                hint={t('accounts.detail.heldHint', { count: data.holds.filter((hold) => hold.status === 'open').length })}
              />
            </Grid.Item>
          </Grid.Root>

          {data.subscription && (
            <Callout variant="info" title={t('accounts.detail.subscription', { plan: data.subscription.planName })}>
              {t('accounts.detail.subscriptionBody', {
                used: formatMoneyRounded(data.subscription.used, currency),
                credit: formatMoneyRounded(data.subscription.credit, currency),
                remaining: formatMoneyRounded(data.subscription.remaining, currency),
              })}
            </Callout>
          )}

          <Section title={t('accounts.holds.title')} subtitle={t('accounts.holds.subtitle')}>
            <DataTable
              columns={holdColumns}
              rows={data.holds}
              rowKey={(hold) => hold.holdId}
              emptyContent={t('accounts.holds.empty')}
              compactEmpty
            />
          </Section>

          <Section title={t('ledger.title')} subtitle={t('ledger.subtitle')}>
            {ledger.error && <Callout variant="danger">{ledger.error.message}</Callout>}
            <DataTable
              columns={ledgerColumns}
              rows={ledger.data?.data}
              rowKey={(entry) => String(entry.id)}
              isLoading={ledger.isLoading}
              emptyContent={t('ledger.empty')}
            />
            <Pager pagination={ledger.data?.meta.pagination} defaultPageSize={DEFAULT_PAGE_SIZE} />
          </Section>
        </Flex>
      </Layouts.Content>
      <AdjustModal
        open={adjustOpen}
        userId={userId}
        balance={data.balance}
        currency={currency}
        onClose={() => setAdjustOpen(false)}
        onAdjusted={() => {
          setAdjustOpen(false);
          void account.refetch();
          void ledger.refetch();
        }}
      />
    </Page.Main>
  );
};

export default AccountDetailPage;
