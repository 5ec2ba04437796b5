import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { ChartPie, Pencil, ShoppingCart } from '@strapi/icons';
import { BackButton, Page, useQueryParams } from '@strapi/strapi/admin';
import { useNavigate, useParams } from 'react-router-dom';

import { LEDGER_KINDS, type Hold, type LedgerEntry } from '../../../../contracts';
import { useAccount, useLedger } from '../../api/accounts';
import { BillingPage } from '../../components/BillingPage';
import { Callout } from '../../components/Callout';
import { DataTable, dateColumn, textColumn, type Column } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { Money, moneyColumn } from '../../components/Money';
import { pageOf } from '../../components/Pager';
import { PagedTable } from '../../components/QueryTable';
import { Section, StatTiles } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { usePermissions } from '../../hooks/usePermissions';
import { BASE_PATH } from '../../pluginId';
import { useT } from '../../utils/translations';
import { AdjustModal } from './AdjustModal';
import { SubscriptionHistory } from './SubscriptionHistory';
import { SubscriptionSection } from './SubscriptionSection';

export const AccountDetailPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const { userId = '' } = useParams<{ userId: string }>();
  const { can } = usePermissions();
  const { currency } = useBillingSettings();
  const [{ query }] = useQueryParams<{ page?: string; pageSize?: string }>();
  const [adjustOpen, setAdjustOpen] = React.useState(false);

  // An adjustment refreshes both (api/accounts.ts).
  const account = useAccount(userId);
  const ledger = useLedger(userId, pageOf(query));

  const back = <BackButton fallback={`${BASE_PATH}/accounts`} />;

  if (account.isLoading) return <Page.Loading />;
  if (account.error || !account.data) {
    return (
      <BillingPage title={userId} navigationAction={back} documentTitle={false}>
        <Callout variant="danger">
          {account.error?.status === 404 ? t('accounts.detail.notFound', { userId }) : account.error?.message}
        </Callout>
      </BillingPage>
    );
  }

  const data = account.data;
  const kindLabel = (kind: string) =>
    (LEDGER_KINDS as readonly string[]).includes(kind)
      ? t(`ledger.kind.${kind as (typeof LEDGER_KINDS)[number]}` as const)
      : kind;

  const holdColumns: Column<Hold>[] = [
    textColumn('holdId', t('accounts.holds.holdId'), { mono: true }),
    moneyColumn('amount', t('accounts.holds.amount'), { currency }),
    { key: 'status', label: t('accounts.holds.status'), render: (hold) => <StatusBadge value={hold.status} /> },
    dateColumn('expiresAt', t('accounts.holds.expiresAt')),
    textColumn('requestId', t('accounts.holds.requestId'), { mono: true, muted: true, ellipsis: true }),
  ];

  const ledgerColumns: Column<LedgerEntry>[] = [
    dateColumn('createdAt', t('ledger.column.createdAt')),
    {
      key: 'kind',
      label: t('ledger.column.kind'),
      render: (entry) => <StatusBadge value={entry.kind} label={kindLabel(entry.kind)} />,
    },
    moneyColumn('amount', t('ledger.column.amount'), { currency, signed: true, colored: true, fontWeight: 'semiBold' }),
    moneyColumn('balanceAfter', t('ledger.column.balanceAfter'), { currency }),
    textColumn('reference', t('ledger.column.reference'), { mono: true, muted: true, ellipsis: true, maxWidth: '16rem' }),
    textColumn('actor', t('ledger.column.actor'), { muted: true, ellipsis: true, maxWidth: '16rem' }),
    // Notes are the reason an admin typed: wrapped, never cut (a cut reason hid who asked for a credit and why).
    textColumn('note', t('ledger.column.note'), { muted: true, wrap: true, maxWidth: '32rem' }),
  ];

  return (
    <BillingPage
      navigationAction={back}
      title={t('accounts.detail.title', { userId })}
      subtitle={
        <Flex gap={2} alignItems="center">
          <StatusBadge value={data.status} label={t(`accounts.status.${data.status === 'suspended' ? 'suspended' : 'active'}`)} />
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
          {can['orders.read'] && (
            <Button variant="tertiary" startIcon={<ShoppingCart />} onClick={() => navigate(`${BASE_PATH}/orders?userId=${encodeURIComponent(userId)}`)}>
              {t('accounts.detail.orders')}
            </Button>
          )}
          {can['accounts.adjust'] && (
            <Button startIcon={<Pencil />} onClick={() => setAdjustOpen(true)}>
              {t('accounts.adjust')}
            </Button>
          )}
        </Flex>
      }
      gap={6}
      dialogs={
        <AdjustModal
          open={adjustOpen}
          userId={userId}
          balance={data.balance}
          currency={currency}
          onClose={() => setAdjustOpen(false)}
          onAdjusted={() => setAdjustOpen(false)}
        />
      }
    >
      <StatTiles
        tiles={[
          {
            label: t('accounts.column.balance'),
            value: <Money variant="alpha" value={data.balance} currency={currency} colored={data.balance.startsWith('-')} />,
          },
          {
            label: t('accounts.column.available'),
            value: <Money variant="alpha" value={data.available} currency={currency} />,
            hint: t('accounts.detail.availableHint'),
          },
          {
            label: t('accounts.column.held'),
            value: <Money variant="alpha" value={data.held} currency={currency} />,
            hint: t('accounts.detail.heldHint', { count: data.holds.filter((hold) => hold.status === 'open').length }),
          },
        ]}
      />

      <SubscriptionSection userId={userId} subscription={data.subscription} currency={currency} />
      <SubscriptionHistory userId={userId} />

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
        <PagedTable
          query={ledger}
          columns={ledgerColumns}
          rowKey={(entry) => String(entry.id)}
          emptyContent={t('ledger.empty')}
        />
      </Section>
    </BillingPage>
  );
};

export default AccountDetailPage;
