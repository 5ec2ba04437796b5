import * as React from 'react';
import { Badge, Button, Flex, IconButton, Tabs, Typography } from '@strapi/design-system';
import { Download, Pencil, Plus, Trash, Upload } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';

import { usePricingApi } from '../../api/pricing';
import type { CatalogModel, ModelPrice } from '../../api/types';
import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CellActions, CellText, DataTable, type Column } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { StatusBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { useNotifyApiError } from '../../hooks/useNotifyApiError';
import { usePermissions } from '../../hooks/usePermissions';
import { useRequest } from '../../hooks/useRequest';
import { saveFile, timestampForFilename } from '../../utils/download';
import { priceSummary, pricingModeLabel, tierSummary } from '../../utils/pricing';
import { useT } from '../../utils/translations';
import { ImportModal } from './ImportModal';
import { ModelCatalog } from './ModelCatalog';
import { ModelPriceModal } from './ModelPriceModal';

interface PriceModalState {
  open: boolean;
  isNew: boolean;
  price?: Partial<ModelPrice>;
}

export const ModelPricingPage = () => {
  const t = useT();
  const api = usePricingApi();
  const { toggleNotification } = useNotification();
  const notifyApiError = useNotifyApiError();
  const { can } = usePermissions();
  const { currency } = useBillingSettings();
  const canUpdate = can['pricing.update'];

  const prices = useRequest(() => api.listModelPrices(), [api]);
  const catalog = useRequest(() => api.listModels(), [api]);

  const [tab, setTab] = React.useState('prices');
  const [modal, setModal] = React.useState<PriceModalState>({ open: false, isNew: true });
  const [importOpen, setImportOpen] = React.useState(false);
  const [toDelete, setToDelete] = React.useState<ModelPrice>();
  const [exporting, setExporting] = React.useState<'json' | 'csv'>();

  const refresh = () => {
    void prices.refetch();
    void catalog.refetch();
  };

  const catalogByName = React.useMemo(
    () => new Map((catalog.data ?? []).map((model) => [model.name, model])),
    [catalog.data],
  );
  const unpriced = (catalog.data ?? []).filter((model) => !model.priced);

  const exportFile = async (format: 'json' | 'csv') => {
    setExporting(format);
    try {
      if (format === 'json') {
        const file = await api.exportJson();
        saveFile(`${JSON.stringify(file, null, 2)}\n`, `pricing-${timestampForFilename()}.json`, 'application/json');
      } else {
        saveFile(await api.exportCsv(), `pricing-${timestampForFilename()}.csv`, 'text/csv');
      }
    } catch (error) {
      notifyApiError(error);
    } finally {
      setExporting(undefined);
    }
  };

  const remove = async () => {
    if (!toDelete) return;
    try {
      await api.deleteModelPrice(toDelete.model);
      toggleNotification({ type: 'success', message: t('price.deleted', { model: toDelete.model }) });
      setToDelete(undefined);
      refresh();
    } catch (error) {
      notifyApiError(error);
    }
  };

  const setPriceFor = (model: CatalogModel) => {
    setModal({ open: true, isNew: true, price: { model: model.name } });
  };

  const columns: Column<ModelPrice>[] = [
    {
      key: 'model',
      label: t('price.column.model'),
      render: (price) => {
        const entry = catalogByName.get(price.model);
        return (
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Flex gap={2} alignItems="center">
              <CellText mono>{price.model}</CellText>
              {!price.inCatalog && (
                <Badge size="S" variant="warning">
                  {t('price.notInCatalog')}
                </Badge>
              )}
            </Flex>
            {entry?.displayName && (
              <Typography variant="pi" textColor="neutral600">
                {entry.displayName}
              </Typography>
            )}
          </Flex>
        );
      },
    },
    {
      key: 'mode',
      label: t('price.column.mode'),
      render: (price) => (
        <Badge size="S" variant={price.mode === 'free' ? 'neutral' : 'secondary'}>
          {pricingModeLabel(price.mode, t)}
        </Badge>
      ),
    },
    {
      key: 'price',
      label: t('price.column.price'),
      width: '40%',
      render: (price) =>
        price.mode === 'tiered' && price.tiers?.length ? (
          <Flex direction="column" alignItems="flex-start" gap={1}>
            {price.tiers.map((tier, index) => (
              <Typography key={index} variant="pi" textColor="neutral800" style={{ whiteSpace: 'normal' }}>
                <Typography variant="pi" fontWeight="bold">
                  {tier.upTo === null ? t('price.tier.rest') : t('price.tier.upToShort', { upTo: tier.upTo.toLocaleString() })}
                </Typography>{' '}
                {tierSummary(tier, t, currency, { unit: false })}
              </Typography>
            ))}
          </Flex>
        ) : (
          <Typography variant="omega" textColor="neutral800" style={{ whiteSpace: 'normal' }}>
            {priceSummary(price, t, currency, { unit: false })}
          </Typography>
        ),
    },
    {
      key: 'enabled',
      label: t('price.column.enabled'),
      render: (price) => (
        <StatusBadge value={price.enabled ? 'active' : 'disabled'} label={price.enabled ? t('common.enabled') : t('common.disabled')} />
      ),
    },
    {
      key: 'version',
      label: t('price.column.version'),
      render: (price) => (
        <Flex direction="column" alignItems="flex-start">
          <CellText>v{price.version}</CellText>
          <DateTime value={price.updatedAt} variant="pi" textColor="neutral600" dateOnly />
        </Flex>
      ),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      hideLabel: true,
      align: 'right',
      render: (price) =>
        canUpdate ? (
          <CellActions>
            <IconButton label={t('common.edit')} variant="ghost" onClick={() => setModal({ open: true, isNew: false, price })}>
              <Pencil />
            </IconButton>
            <IconButton label={t('common.delete')} variant="ghost" onClick={() => setToDelete(price)}>
              <Trash />
            </IconButton>
          </CellActions>
        ) : null,
    },
  ];

  if (prices.isLoading && catalog.isLoading) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t('modelPricing.title')}</Page.Title>
      <Layouts.Header
        title={t('modelPricing.title')}
        subtitle={t('modelPricing.subtitle')}
        primaryAction={
          <Flex gap={2} wrap="wrap" justifyContent="flex-end">
            <Button variant="tertiary" startIcon={<Download />} loading={exporting === 'json'} onClick={() => exportFile('json')}>
              {t('modelPricing.exportJson')}
            </Button>
            <Button variant="tertiary" startIcon={<Download />} loading={exporting === 'csv'} onClick={() => exportFile('csv')}>
              {t('modelPricing.exportCsv')}
            </Button>
            {canUpdate && (
              <Button variant="secondary" startIcon={<Upload />} onClick={() => setImportOpen(true)}>
                {t('modelPricing.import')}
              </Button>
            )}
            {canUpdate && (
              <Button startIcon={<Plus />} onClick={() => setModal({ open: true, isNew: true })}>
                {t('price.add')}
              </Button>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        <Tabs.Root value={tab} onValueChange={setTab} variant="simple">
          <Tabs.List aria-label={t('modelPricing.title')}>
            <Tabs.Trigger value="prices">
              {t('modelPricing.tab.prices', { count: prices.data?.length ?? 0 })}
            </Tabs.Trigger>
            <Tabs.Trigger value="catalog">
              {t('modelPricing.tab.catalog', { count: catalog.data?.length ?? 0 })}
              {unpriced.length > 0 && (
                <Badge size="S" variant="warning" marginLeft={2}>
                  {t('modelPricing.tab.unpriced', { count: unpriced.length })}
                </Badge>
              )}
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="prices">
            <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
              {prices.error && <Callout variant="danger">{prices.error.message}</Callout>}
              {unpriced.length > 0 && (
                <Callout
                  variant="warning"
                  title={t('modelPricing.unpriced.title', { count: unpriced.length })}
                  action={
                    <Button size="S" variant="tertiary" onClick={() => setTab('catalog')}>
                      {t('modelPricing.unpriced.show')}
                    </Button>
                  }
                >
                  {unpriced
                    .slice(0, 6)
                    .map((model) => model.name)
                    .join(', ')}
                  {unpriced.length > 6 ? '…' : ''}
                </Callout>
              )}
              <DataTable
                columns={columns}
                rows={prices.data}
                rowKey={(price) => price.model}
                isLoading={prices.isLoading}
                emptyContent={t('price.empty')}
                emptyAction={
                  canUpdate ? (
                    <Button variant="secondary" startIcon={<Plus />} onClick={() => setModal({ open: true, isNew: true })}>
                      {t('price.add')}
                    </Button>
                  ) : undefined
                }
                onRowClick={(price) => setModal({ open: true, isNew: false, price })}
                rowBackground={(price) => (price.enabled ? undefined : 'neutral100')}
              />
            </Flex>
          </Tabs.Content>
          <Tabs.Content value="catalog">
            <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
              {catalog.error && <Callout variant="danger">{catalog.error.message}</Callout>}
              <ModelCatalog
                models={catalog.data}
                isLoading={catalog.isLoading}
                canUpdate={canUpdate}
                onChanged={refresh}
                onSetPrice={setPriceFor}
              />
            </Flex>
          </Tabs.Content>
        </Tabs.Root>
      </Layouts.Content>

      <ModelPriceModal
        open={modal.open}
        isNew={modal.isNew}
        price={modal.price}
        readOnly={!canUpdate}
        catalog={catalog.data}
        currency={currency}
        onClose={() => setModal((state) => ({ ...state, open: false }))}
        onSaved={() => {
          setModal((state) => ({ ...state, open: false }));
          refresh();
        }}
      />
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} onImported={refresh} />
      <ConfirmDialog
        open={Boolean(toDelete)}
        onOpenChange={(open) => !open && setToDelete(undefined)}
        title={t('price.deleteTitle')}
        confirmLabel={t('common.delete')}
        onConfirm={remove}
      >
        {t('price.deleteBody', { model: toDelete?.model ?? '' })}
      </ConfirmDialog>
    </Page.Main>
  );
};

export default ModelPricingPage;
