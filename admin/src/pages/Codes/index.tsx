import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { Download, Plus } from '@strapi/icons';
import { useQueryParams } from '@strapi/strapi/admin';

import type { CodeCreateResult, CodeListQuery, RedemptionCode } from '../../../../contracts';
import { useCodes } from '../../api/codes';
import { useDownloads } from '../../api/downloads';
import { BillingPage } from '../../components/BillingPage';
import { Callout } from '../../components/Callout';
import { pageOf } from '../../components/Pager';
import { PagedTable } from '../../components/QueryTable';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { useBusyAction } from '../../hooks/useBusyAction';
import { usePermissions } from '../../hooks/usePermissions';
import { saveFile, timestampForFilename } from '../../utils/download';
import { useT } from '../../utils/translations';
import { CodeFilterForm } from './CodeFilterForm';
import { CreateCodesModal } from './CreateCodesModal';
import { CreatedCodesModal } from './CreatedCodesModal';
import { FILTER_KEYS, draftOf, toApiFilters, type CodeFilterDraft, type CodeQuery } from './filters';
import { RedemptionsModal } from './RedemptionsModal';
import { useCodeActionsColumn } from './useCodeActionsColumn';
import { useCodeColumns } from './useCodeColumns';

type CodeFilters = Omit<CodeListQuery, 'page' | 'pageSize'>;

/** Redemption codes: the filtered list, creation (one or a batch), enable/disable, delete, history, CSV export. */
export const CodesPage = () => {
  const t = useT();
  const { can } = usePermissions();
  const canUpdate = can['codes.update'];
  const { settings, currency } = useBillingSettings();
  const downloads = useDownloads();
  const [{ query }, setQuery] = useQueryParams<CodeQuery>();
  const [draft, setDraft] = React.useState<CodeFilterDraft>(() => draftOf(query));
  const [createOpen, setCreateOpen] = React.useState(false);
  const [created, setCreated] = React.useState<CodeCreateResult>();
  const [historyOf, setHistoryOf] = React.useState<RedemptionCode>();
  const [exporting, act] = useBusyAction<'list' | 'batch'>();

  const queryKey = FILTER_KEYS.map((key) => query[key] ?? '').join('|');
  React.useEffect(() => setDraft(draftOf(query)), [queryKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const filters = React.useMemo(() => toApiFilters(query), [queryKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const codes = useCodes({ ...filters, ...pageOf(query) });

  /** Writes the filters to the URL, back to page 1 (the useQueryParams setter does not encode values itself). */
  const apply = (changes: Partial<CodeFilterDraft>) => {
    const next = { ...draft, ...changes };
    const params: Record<string, string | undefined> = { page: '1' };
    for (const key of FILTER_KEYS) params[key] = next[key].trim() ? encodeURIComponent(next[key].trim()) : undefined;
    setDraft(next);
    setQuery(params as CodeQuery);
  };
  const reset = () => apply({ q: '', batch: '', status: '', mode: '' });

  const exportCsv = (what: 'list' | 'batch', exportFilters: CodeFilters) =>
    act(
      what,
      async () => {
        const name = exportFilters.batch ? `codes-${exportFilters.batch}` : `codes-${timestampForFilename()}`;
        saveFile(await downloads.codesCsv(exportFilters), `${name}.csv`, 'text/csv');
      },
      { fallback: t('codes.exportFailed') },
    );

  /** After a creation: the result dialog, and the list narrowed to the new batch. */
  const onCreated = (result: CodeCreateResult) => {
    setCreateOpen(false);
    setCreated(result);
    apply({ q: '', batch: result.batch, status: '', mode: '' });
  };

  const dataColumns = useCodeColumns(currency);
  const actions = useCodeActionsColumn({ canUpdate, onShowRedemptions: setHistoryOf });
  const columns = [...dataColumns, actions.column];

  const createButton = (variant: 'default' | 'secondary') => (
    <Button variant={variant} startIcon={<Plus />} onClick={() => setCreateOpen(true)}>
      {t('codes.create')}
    </Button>
  );
  const filtered = FILTER_KEYS.some((key) => query[key]);

  return (
    <BillingPage
      title={t('codes.title')}
      subtitle={t('codes.subtitle')}
      primaryAction={
        <Flex gap={2}>
          <Button variant="secondary" startIcon={<Download />} loading={exporting === 'list'} onClick={() => exportCsv('list', filters)}>
            {t('codes.export')}
          </Button>
          {canUpdate && createButton('default')}
        </Flex>
      }
      gap={4}
      dialogs={
        <>
          <CreateCodesModal
            open={createOpen}
            currency={currency}
            onClose={() => setCreateOpen(false)}
            onCreated={onCreated}
            onShowExisting={(existing) => {
              setCreateOpen(false);
              apply({ q: existing.name, batch: '', status: '', mode: '' });
            }}
          />
          <CreatedCodesModal
            result={created}
            exporting={exporting === 'batch'}
            onExport={(batch) => exportCsv('batch', { batch })}
            onClose={() => setCreated(undefined)}
          />
          <RedemptionsModal code={historyOf} currency={currency} onClose={() => setHistoryOf(undefined)} />
          {actions.dialog}
        </>
      }
    >
      {settings && (
        <Callout variant="info">
          {settings.mode === 'self'
            ? t('codes.modeNote.self')
            : t('codes.modeNote', { mode: t(`mode.${settings.mode}.title`), kind: t(`codes.mode.${settings.mode}`) })}
        </Callout>
      )}
      <CodeFilterForm draft={draft} setDraft={setDraft} apply={apply} reset={reset} />
      <Flex direction="column" alignItems="stretch" gap={2}>
        <PagedTable
          query={codes}
          above={
            codes.data && (
              <Typography variant="pi" textColor="neutral600">
                {t('codes.count', { total: codes.data.meta.pagination.total })}
              </Typography>
            )
          }
          columns={columns}
          rowKey={(code) => String(code.id)}
          emptyContent={filtered ? t('codes.emptyFiltered') : t('codes.empty')}
          emptyAction={canUpdate && !filtered ? createButton('secondary') : undefined}
          loadingLabel={t('common.loading')}
          onRowClick={setHistoryOf}
          rowBackground={(code) => (code.status === 'active' ? undefined : 'neutral100')}
        />
      </Flex>
    </BillingPage>
  );
};

export default CodesPage;
