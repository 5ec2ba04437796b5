import * as React from 'react';
import { Badge, Button, Flex, Tabs, Typography } from '@strapi/design-system';
import { Download, Plus, Upload } from '@strapi/icons';
import { Page } from '@strapi/strapi/admin';

import type { CatalogModel, ModelPrice } from '../../../../contracts';
import { useDownloads } from '../../api/downloads';
import { useCatalog, useModelPriceMutations, useModelPrices } from '../../api/pricing';
import { BillingPage } from '../../components/BillingPage';
import { Callout } from '../../components/Callout';
import { LoadError } from '../../components/LoadError';
import { CellText, type Column } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { QueryTable } from '../../components/QueryTable';
import { useDeleteConfirm, useRowActionsColumn } from '../../components/RowActions';
import { EnabledBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { useBusyAction } from '../../hooks/useBusyAction';
import { usePermissions } from '../../hooks/usePermissions';
import { saveFile, timestampForFilename } from '../../utils/download';
import { priceSummary, pricingModeLabel, tierSummary } from '../../utils/pricing';
import { useT } from '../../utils/translations';
import { ImportModal } from './ImportModal';
import { ModelCatalog } from './ModelCatalog';
import { ModelPriceModal } from './ModelPriceModal';
import { PriceHistoryModal } from './PriceHistoryModal';

interface PriceModalState {
  open: boolean;
  isNew: boolean;
  price?: Partial<ModelPrice>;
}

export const ModelPricingPage = () => {
  const t = useT();
  const downloads = useDownloads();
  const { can } = usePermissions();
  const { currency } = useBillingSettings();
  const canUpdate = can['pricing.update'];

  // A change to prices or models refreshes both lists (api/pricing.ts).
  const prices = useModelPrices();
  const catalog = useCatalog();
  const { remove: removePrice } = useModelPriceMutations();

  const [tab, setTab] = React.useState('prices');
  const [modal, setModal] = React.useState<PriceModalState>({ open: false, isNew: true });
  const [importOpen, setImportOpen] = React.useState(false);
  const [historyOf, setHistoryOf] = React.useState<string>();
  const [exporting, act] = useBusyAction<'json' | 'csv'>();

  const catalogByName = React.useMemo(() => new Map((catalog.data ?? []).map((model) => [model.name, model])), [catalog.data]);
  const unpriced = (catalog.data ?? []).filter((model) => !model.priced);

  const exportFile = (format: 'json' | 'csv') =>
    act(format, async () => {
      if (format === 'json') {
        const file = await downloads.pricingJson();
        saveFile(`${JSON.stringify(file, null, 2)}\n`, `pricing-${timestampForFilename()}.json`, 'application/json');
      } else {
        saveFile(await downloads.pricingCsv(), `pricing-${timestampForFilename()}.csv`, 'text/csv');
      }
    });

  const deletion = useDeleteConfirm<ModelPrice>({
    title: t('price.deleteTitle'),
    body: (price) => t('price.deleteBody', { model: price.model }),
    remove: (price) => removePrice(price.model),
    deleted: (price) => t('price.deleted', { model: price.model }),
  });
  const editPrice = (price: ModelPrice) => setModal({ open: true, isNew: false, price });
  const actions = useRowActionsColumn<ModelPrice>({ canUpdate, onEdit: editPrice, onDelete: deletion.ask });

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
      render: (price) => <EnabledBadge enabled={price.enabled} />,
    },
    {
      key: 'version',
      label: t('price.column.version'),
      render: (price) => (
        <Flex direction="column" alignItems="flex-start">
          {/* The version opens the model's price history (a button of its own: the row opens the price form). */}
          <Button
            variant="ghost"
            size="S"
            aria-label={t('priceHistory.open', { model: price.model, version: price.version })}
            onClick={(event: React.MouseEvent) => {
              event.stopPropagation();
              setHistoryOf(price.model);
            }}
            onKeyDown={(event: React.KeyboardEvent) => event.stopPropagation()}
          >
            v{price.version}
          </Button>
          <DateTime value={price.updatedAt} variant="pi" textColor="neutral600" dateOnly />
        </Flex>
      ),
    },
    actions,
  ];

  if (prices.isLoading && catalog.isLoading) return <Page.Loading />;

  return (
    <BillingPage
      title={t('modelPricing.title')}
      subtitle={t('modelPricing.subtitle')}
      primaryAction={
        <Flex gap={2} wrap="wrap" justifyContent="flex-end">
          {(['json', 'csv'] as const).map((format) => (
            <Button
              key={format}
              variant="tertiary"
              startIcon={<Download />}
              loading={exporting === format}
              onClick={() => exportFile(format)}
            >
              {t(format === 'json' ? 'modelPricing.exportJson' : 'modelPricing.exportCsv')}
            </Button>
          ))}
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
      dialogs={
        <>
          <ModelPriceModal
            open={modal.open}
            isNew={modal.isNew}
            price={modal.price}
            readOnly={!canUpdate}
            catalog={catalog.data}
            currency={currency}
            onClose={() => setModal((state) => ({ ...state, open: false }))}
            onSaved={() => setModal((state) => ({ ...state, open: false }))}
            onOpenExisting={(existing) => {
              const existingPrice = prices.data?.find((entry) => entry.model === existing.name);
              if (existingPrice) editPrice(existingPrice);
            }}
          />
          <ImportModal open={importOpen} onClose={() => setImportOpen(false)} />
          <PriceHistoryModal model={historyOf} currency={currency} onClose={() => setHistoryOf(undefined)} />
          {deletion.dialog}
        </>
      }
    >
      <Tabs.Root value={tab} onValueChange={setTab} variant="simple">
        <Tabs.List aria-label={t('modelPricing.title')}>
          <Tabs.Trigger value="prices">{t('modelPricing.tab.prices', { count: prices.data?.length ?? 0 })}</Tabs.Trigger>
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
            <QueryTable
              query={prices}
              above={
                unpriced.length > 0 && (
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
                )
              }
              columns={columns}
              rowKey={(price) => price.model}
              emptyContent={t('price.empty')}
              emptyAction={
                canUpdate ? (
                  <Button variant="secondary" startIcon={<Plus />} onClick={() => setModal({ open: true, isNew: true })}>
                    {t('price.add')}
                  </Button>
                ) : undefined
              }
              onRowClick={editPrice}
              rowBackground={(price) => (price.enabled ? undefined : 'neutral100')}
            />
          </Flex>
        </Tabs.Content>
        <Tabs.Content value="catalog">
          <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
            {/* A failed read: its error with Retry, not an empty catalog beside it. */}
            {catalog.error && <LoadError error={catalog.error} onRetry={catalog.refetch} retrying={catalog.isFetching} />}
            {!(catalog.error && !catalog.data) && (
              <ModelCatalog models={catalog.data} isLoading={catalog.isLoading} canUpdate={canUpdate} onSetPrice={setPriceFor} />
            )}
          </Flex>
        </Tabs.Content>
      </Tabs.Root>
    </BillingPage>
  );
};

export default ModelPricingPage;
