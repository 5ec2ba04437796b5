import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, Download } from '@strapi/icons';
import { useQueryParams } from '@strapi/strapi/admin';

import type { UsageLog } from '../../../../contracts';
import { useDownloads } from '../../api/downloads';
import { useUsageLogs } from '../../api/logs';
import { BillingPage } from '../../components/BillingPage';
import { CellText, dateColumn, textColumn, type Column } from '../../components/DataTable';
import { Money, moneyColumn } from '../../components/Money';
import { pageOf } from '../../components/Pager';
import { PagedTable } from '../../components/QueryTable';
import { StatTiles } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { useBusyAction } from '../../hooks/useBusyAction';
import { formatCount } from '../../utils/decimal';
import { saveFile, timestampForFilename } from '../../utils/download';
import { useT } from '../../utils/translations';
import { UsageCharts } from './Charts';
import { FILTER_KEYS, rangeOf, toApiFilters, type LogQuery } from './filters';
import { FilterForm, type Draft } from './FilterForm';
import { LogDetailModal } from './LogDetailModal';
import { LogPager } from './LogPager';

const draftOf = (query: LogQuery): Draft => ({
  range: rangeOf(query.range),
  fromDate: query.fromDate ?? '',
  toDate: query.toDate ?? '',
  userId: query.userId ?? '',
  model: query.model ?? '',
  billingMode: query.billingMode ?? '',
  routeSource: query.routeSource ?? '',
  status: query.status ?? '',
});

export const UsageLogsPage = () => {
  const t = useT();
  const downloads = useDownloads();
  const { currency } = useBillingSettings();
  const [{ query }, setQuery] = useQueryParams<LogQuery>();
  const [now, setNow] = React.useState(() => Date.now());
  const [draft, setDraft] = React.useState<Draft>(() => draftOf(query));
  const [selected, setSelected] = React.useState<UsageLog>();
  const [exporting, act] = useBusyAction<'csv'>();

  const queryKey = FILTER_KEYS.map((key) => query[key] ?? '').join('|');
  React.useEffect(() => setDraft(draftOf(query)), [queryKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const filters = React.useMemo(() => toApiFilters(query, now), [queryKey, now]); // eslint-disable-line react-hooks/exhaustive-deps
  const { page, pageSize } = pageOf(query);
  const cursor = query.cursor ? decodeURIComponent(query.cursor) : undefined;
  const args = cursor ? { ...filters, page: 1, pageSize, cursor } : { ...filters, page, pageSize };
  const logs = useUsageLogs(args);
  const totals = logs.data?.meta.totals;
  // Too many calls to sum in time for these filters: the count is the database's estimate, sums unknown.
  const estimated = totals?.source === 'estimate';
  const logCurrency = logs.data?.data[0]?.currency ?? currency;

  /**
   * Apply, Reset and Refresh always ask the server again, relative ranges moved to `Date.now()`: other
   * filters make a new request by themselves; the same ones refetch the list.
   */
  const requery = (next: LogQuery, nextPage: number) => {
    const at = Date.now();
    setNow(at);
    if (JSON.stringify({ ...toApiFilters(next, at), page: nextPage, pageSize }) === JSON.stringify(args)) logs.refetch();
  };

  /** Writes the filters to the URL (the useQueryParams setter does not encode values itself). */
  const apply = (next: Partial<Draft>) => {
    const merged = { ...draft, ...next };
    if (merged.range !== 'custom') {
      merged.fromDate = '';
      merged.toDate = '';
    }
    const params: Record<string, string | undefined> = { page: '1', cursor: undefined };
    for (const key of FILTER_KEYS) params[key] = merged[key] ? encodeURIComponent(merged[key]) : undefined;
    setDraft(merged);
    setQuery(params as LogQuery);
    requery(merged, 1);
  };

  const reset = () => {
    setDraft(draftOf({}));
    setQuery({ page: '1', cursor: undefined, ...Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])) } as LogQuery);
    requery({}, 1);
  };

  const exportCsv = () =>
    act(
      'csv',
      async () => saveFile(await downloads.usageLogsCsv(filters), `usage-logs-${timestampForFilename()}.csv`, 'text/csv'),
      { fallback: t('logs.exportFailed') },
    );

  const columns: Column<UsageLog>[] = [
    dateColumn('occurredAt', t('logs.column.occurredAt')),
    textColumn('requestId', t('logs.column.requestId'), { mono: true, ellipsis: true, maxWidth: '12rem' }),
    textColumn('userId', t('logs.column.user'), { ellipsis: true, maxWidth: '12rem' }),
    textColumn('model', t('logs.column.model'), { mono: true, ellipsis: true, maxWidth: '15rem' }),
    {
      key: 'billingMode',
      label: t('logs.column.billingMode'),
      render: (log) => <StatusBadge value={log.billingMode} label={t(`mode.${log.billingMode}.short` as const)} />,
    },
    {
      key: 'tokens',
      label: t('logs.column.tokens'),
      align: 'right',
      render: (log) => (
        <CellText muted>
          {formatCount(log.inputTokens)} / {formatCount(log.outputTokens)}
        </CellText>
      ),
    },
    moneyColumn('cost', t('logs.column.cost'), { currency: (log) => log.currency, textColor: 'neutral600' }),
    moneyColumn('charged', t('logs.column.charged'), { currency: (log) => log.currency, fontWeight: 'semiBold' }),
    {
      key: 'status',
      label: t('logs.column.status'),
      // A failed call's reason, cut to the cell (the whole of it in the tooltip and the detail).
      render: (log) => (
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <StatusBadge value={log.status} label={t(`logs.status.${log.status}` as const)} />
          {log.errorMessage && (
            <CellText muted ellipsis maxWidth="16rem">
              {log.errorMessage}
            </CellText>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <BillingPage
      title={t('logs.title')}
      subtitle={t('logs.subtitle')}
      primaryAction={
        <Flex gap={2}>
          <Button
            variant="tertiary"
            startIcon={<ArrowClockwise />}
            onClick={() => requery(query, page)}
            loading={logs.isFetching && !logs.isLoading}
          >
            {t('common.refresh')}
          </Button>
          <Button startIcon={<Download />} variant="secondary" loading={exporting === 'csv'} onClick={exportCsv}>
            {t('logs.export')}
          </Button>
        </Flex>
      }
      gap={6}
      dialogs={<LogDetailModal log={selected} onClose={() => setSelected(undefined)} />}
    >
      <FilterForm draft={draft} setDraft={setDraft} apply={apply} reset={reset} />

      <StatTiles
        tiles={[
          {
            label: t('logs.totals.calls'),
            value: totals ? `${estimated ? '≈ ' : ''}${formatCount(totals.calls)}` : '—',
            hint: estimated ? t('logs.totals.estimated') : undefined,
          },
          {
            label: t('logs.totals.cost'),
            value: totals?.cost != null ? <Money variant="beta" value={totals.cost} currency={logCurrency} /> : '—',
          },
          {
            label: t('logs.totals.charged'),
            value: totals?.charged != null ? <Money variant="beta" value={totals.charged} currency={logCurrency} /> : '—',
          },
          {
            label: t('logs.totals.tokens'),
            value: totals?.tokens != null ? formatCount(totals.tokens) : '—',
            hint: t('logs.totals.tokensHint'),
          },
        ]}
      />

      <UsageCharts filters={filters} currency={logCurrency} onPick={(key, value) => apply({ [key]: value })} />

      <Flex direction="column" alignItems="stretch" gap={2}>
        <PagedTable
          query={logs}
          above={
            logs.data && (
              <Typography variant="pi" textColor="neutral600">
                {t('logs.count', { count: logs.data.meta.pagination.total, total: formatCount(logs.data.meta.pagination.total) })}
              </Typography>
            )
          }
          columns={columns}
          rowKey={(log) => String(log.id)}
          emptyContent={t('logs.empty')}
          pager={
            <LogPager
              meta={logs.data?.meta}
              page={page}
              cursor={cursor}
              onOlder={(next) => setQuery({ ...query, cursor: encodeURIComponent(next) })}
              onNewest={() => setQuery({ ...query, page: '1', cursor: undefined })}
            />
          }
          onRowClick={setSelected}
          rowBackground={(log) => (log.status === 'error' ? 'danger100' : log.status === 'unpriced' ? 'warning100' : undefined)}
        />
      </Flex>
    </BillingPage>
  );
};

export default UsageLogsPage;
