import * as React from 'react';
import { Box, Button, DatePicker, Field, Flex, Grid, Typography } from '@strapi/design-system';
import { ArrowClockwise, Download, Filter } from '@strapi/icons';
import { Layouts, Page, useQueryParams } from '@strapi/strapi/admin';

import { useLogsApi } from '../../api/logs';
import type { UsageLog } from '../../api/types';
import { Callout } from '../../components/Callout';
import { CellText, DataTable, type Column } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { SelectField, TextField } from '../../components/FormFields';
import { Money } from '../../components/Money';
import { Pager } from '../../components/Pager';
import { StatCard } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { useNotifyApiError } from '../../hooks/useNotifyApiError';
import { useRequest } from '../../hooks/useRequest';
import { formatCount } from '../../utils/decimal';
import { saveFile, timestampForFilename } from '../../utils/download';
import { useT } from '../../utils/translations';
import { UsageCharts } from './Charts';
import { FILTER_KEYS, RANGES, rangeOf, toApiFilters, toDateString, type LogQuery, type RangeKey } from './filters';
import { LogDetailModal } from './LogDetailModal';

const DEFAULT_PAGE_SIZE = 20;

type Draft = Required<Pick<LogQuery, (typeof FILTER_KEYS)[number]>>;

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

const parseDate = (value: string) => (value ? new Date(`${value}T00:00:00`) : undefined);

export const UsageLogsPage = () => {
  const t = useT();
  const api = useLogsApi();
  const notifyApiError = useNotifyApiError();
  const { currency } = useBillingSettings();
  const [{ query }, setQuery] = useQueryParams<LogQuery>();
  const [now, setNow] = React.useState(() => Date.now());
  const [draft, setDraft] = React.useState<Draft>(() => draftOf(query));
  const [selected, setSelected] = React.useState<UsageLog>();
  const [exporting, setExporting] = React.useState(false);

  const queryKey = FILTER_KEYS.map((key) => query[key] ?? '').join('|');
  React.useEffect(() => setDraft(draftOf(query)), [queryKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const filters = React.useMemo(() => toApiFilters(query, now), [queryKey, now]); // eslint-disable-line react-hooks/exhaustive-deps
  const page = Number.parseInt(query.page ?? '1', 10) || 1;
  const pageSize = Number.parseInt(query.pageSize ?? String(DEFAULT_PAGE_SIZE), 10) || DEFAULT_PAGE_SIZE;

  const logs = useRequest(() => api.listLogs({ ...filters, page, pageSize }), [api, filters, page, pageSize]);
  const totals = logs.data?.meta.totals;
  const logCurrency = logs.data?.data[0]?.currency ?? currency;

  /** Writes the filters to the URL (the useQueryParams setter does not encode values itself). */
  const apply = (next: Partial<Draft>) => {
    const merged = { ...draft, ...next };
    if (merged.range !== 'custom') {
      merged.fromDate = '';
      merged.toDate = '';
    }
    const params: Record<string, string | undefined> = { page: '1' };
    for (const key of FILTER_KEYS) params[key] = merged[key] ? encodeURIComponent(merged[key]) : undefined;
    setDraft(merged);
    setNow(Date.now());
    setQuery(params as LogQuery);
  };

  const reset = () => {
    setDraft(draftOf({}));
    setNow(Date.now());
    setQuery({ page: '1', ...Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])) } as LogQuery);
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const blob = await api.exportCsv(filters);
      saveFile(blob, `usage-logs-${timestampForFilename()}.csv`, 'text/csv');
    } catch (error) {
      notifyApiError(error, { fallback: t('logs.exportFailed') });
    } finally {
      setExporting(false);
    }
  };

  const columns: Column<UsageLog>[] = [
    { key: 'occurredAt', label: t('logs.column.occurredAt'), render: (log) => <DateTime value={log.occurredAt} variant="pi" short /> },
    {
      key: 'requestId',
      label: t('logs.column.requestId'),
      render: (log) => (
        <CellText mono ellipsis maxWidth="12rem">
          {log.requestId}
        </CellText>
      ),
    },
    {
      key: 'userId',
      label: t('logs.column.user'),
      render: (log) => (
        <CellText ellipsis maxWidth="12rem">
          {log.userId}
        </CellText>
      ),
    },
    {
      key: 'model',
      label: t('logs.column.model'),
      render: (log) => (
        <CellText mono ellipsis maxWidth="15rem">
          {log.model}
        </CellText>
      ),
    },
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
    {
      key: 'cost',
      label: t('logs.column.cost'),
      align: 'right',
      render: (log) => <Money value={log.cost} currency={log.currency} textColor="neutral600" />,
    },
    {
      key: 'charged',
      label: t('logs.column.charged'),
      align: 'right',
      render: (log) => <Money value={log.charged} currency={log.currency} fontWeight="semiBold" />,
    },
    {
      key: 'status',
      label: t('logs.column.status'),
      render: (log) => <StatusBadge value={log.status} label={t(`logs.status.${log.status}` as const)} />,
    },
  ];

  const statusOptions = [
    { value: 'success', label: t('logs.status.success') },
    { value: 'error', label: t('logs.status.error') },
    { value: 'unpriced', label: t('logs.status.unpriced') },
  ];
  const modeOptions = (['usage', 'period', 'self'] as const).map((mode) => ({ value: mode, label: t(`mode.${mode}.title` as const) }));

  return (
    <Page.Main>
      <Page.Title>{t('logs.title')}</Page.Title>
      <Layouts.Header
        title={t('logs.title')}
        subtitle={t('logs.subtitle')}
        primaryAction={
          <Flex gap={2}>
            <Button
              variant="tertiary"
              startIcon={<ArrowClockwise />}
              onClick={() => setNow(Date.now())}
              loading={logs.isFetching && !logs.isLoading}
            >
              {t('common.refresh')}
            </Button>
            <Button startIcon={<Download />} variant="secondary" loading={exporting} onClick={exportCsv}>
              {t('logs.export')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" hasRadius shadow="filterShadow" padding={5}>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                apply({});
              }}
            >
              <Grid.Root gap={4}>
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <SelectField<RangeKey>
                    name="range"
                    label={t('logs.filter.range')}
                    size="S"
                    value={draft.range as RangeKey}
                    options={RANGES.map((range) => ({ value: range, label: t(`logs.range.${range}` as const) }))}
                    onChange={(range) => (range === 'custom' ? setDraft({ ...draft, range }) : apply({ range }))}
                  />
                </Grid.Item>
                {draft.range === 'custom' && (
                  <>
                    <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                      <Field.Root name="fromDate" id="fromDate">
                        <Field.Label>{t('logs.filter.from')}</Field.Label>
                        <DatePicker
                          size="S"
                          value={parseDate(draft.fromDate)}
                          clearLabel={t('common.clear')}
                          onClear={() => setDraft({ ...draft, fromDate: '' })}
                          onChange={(date?: Date) => setDraft({ ...draft, fromDate: date ? toDateString(date) : '' })}
                        />
                      </Field.Root>
                    </Grid.Item>
                    <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                      <Field.Root name="toDate" id="toDate">
                        <Field.Label>{t('logs.filter.to')}</Field.Label>
                        <DatePicker
                          size="S"
                          value={parseDate(draft.toDate)}
                          clearLabel={t('common.clear')}
                          onClear={() => setDraft({ ...draft, toDate: '' })}
                          onChange={(date?: Date) => setDraft({ ...draft, toDate: date ? toDateString(date) : '' })}
                        />
                      </Field.Root>
                    </Grid.Item>
                  </>
                )}
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="userId"
                    label={t('logs.filter.userId')}
                    size="S"
                    value={draft.userId}
                    onChange={(userId) => setDraft({ ...draft, userId })}
                  />
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="model"
                    label={t('logs.filter.model')}
                    size="S"
                    value={draft.model}
                    onChange={(model) => setDraft({ ...draft, model })}
                  />
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <SelectField
                    name="billingMode"
                    label={t('logs.filter.billingMode')}
                    size="S"
                    placeholder={t('common.all')}
                    value={draft.billingMode}
                    options={modeOptions}
                    onClear={draft.billingMode ? () => apply({ billingMode: '' }) : undefined}
                    onChange={(billingMode) => apply({ billingMode })}
                  />
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <SelectField
                    name="status"
                    label={t('logs.filter.status')}
                    size="S"
                    placeholder={t('common.all')}
                    value={draft.status}
                    options={statusOptions}
                    onClear={draft.status ? () => apply({ status: '' }) : undefined}
                    onChange={(status) => apply({ status })}
                  />
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="routeSource"
                    label={t('logs.filter.routeSource')}
                    size="S"
                    value={draft.routeSource}
                    onChange={(routeSource) => setDraft({ ...draft, routeSource })}
                  />
                </Grid.Item>
                <Grid.Item col={12} direction="row" alignItems="flex-end" justifyContent="flex-end" gap={2}>
                  <Button variant="tertiary" onClick={reset}>
                    {t('common.reset')}
                  </Button>
                  <Button type="submit" startIcon={<Filter />}>
                    {t('logs.filter.apply')}
                  </Button>
                </Grid.Item>
              </Grid.Root>
            </form>
          </Box>

          <Grid.Root gap={4}>
            <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard label={t('logs.totals.calls')} value={totals ? formatCount(totals.calls) : '—'} />
            </Grid.Item>
            <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard
                label={t('logs.totals.cost')}
                value={totals ? <Money variant="beta" value={totals.cost} currency={logCurrency} /> : '—'}
              />
            </Grid.Item>
            <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard
                label={t('logs.totals.charged')}
                value={totals ? <Money variant="beta" value={totals.charged} currency={logCurrency} /> : '—'}
              />
            </Grid.Item>
            <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
              <StatCard
                label={t('logs.totals.tokens')}
                value={totals ? `${formatCount(totals.inputTokens)} / ${formatCount(totals.outputTokens)}` : '—'}
                hint={t('logs.totals.tokensHint')}
              />
            </Grid.Item>
          </Grid.Root>

          <UsageCharts filters={filters} currency={logCurrency} onPick={(key, value) => apply({ [key]: value })} />

          <Flex direction="column" alignItems="stretch" gap={2}>
            {logs.error && <Callout variant="danger">{logs.error.message}</Callout>}
            {logs.data && (
              <Typography variant="pi" textColor="neutral600">
                {t('logs.count', { total: formatCount(logs.data.meta.pagination.total) })}
              </Typography>
            )}
            <DataTable
              columns={columns}
              rows={logs.data?.data}
              rowKey={(log) => String(log.id)}
              isLoading={logs.isLoading}
              emptyContent={t('logs.empty')}
              onRowClick={setSelected}
              rowBackground={(log) => (log.status === 'error' ? 'danger100' : log.status === 'unpriced' ? 'warning100' : undefined)}
            />
            <Pager pagination={logs.data?.meta.pagination} defaultPageSize={DEFAULT_PAGE_SIZE} />
          </Flex>
        </Flex>
      </Layouts.Content>
      <LogDetailModal log={selected} onClose={() => setSelected(undefined)} />
    </Page.Main>
  );
};

export default UsageLogsPage;
