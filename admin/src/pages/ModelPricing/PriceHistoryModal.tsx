import { Box, Flex, Modal, Typography } from '@strapi/design-system';

import type { PriceFieldChange, PriceVersion } from '../../../../contracts';
import { usePriceHistory } from '../../api/pricing';
import { CellText, DataTable, type Column } from '../../components/DataTable';
import { DateTime } from '../../components/DateTime';
import { LoadError } from '../../components/LoadError';
import { StatusBadge } from '../../components/StatusBadge';
import { useReturnFocus } from '../../hooks/useReturnFocus';
import { formatMoney } from '../../utils/money';
import { pricingModeLabel } from '../../utils/pricing';
import { isTranslationKey, useT, type TFunction } from '../../utils/translations';
import { CloseOnlyFooter } from '../../components/ModalClose';

/** A changed field's name as the price form labels it; a model's own tool price names its tool. */
const fieldLabel = (field: string, t: TFunction): string => {
  if (field.startsWith('tools.')) return t('priceHistory.field.tool', { tool: field.slice('tools.'.length) });
  if (field === 'tiers') return t('priceHistory.field.tiers');
  const key = `price.field.${field}`;
  return isTranslationKey(key) ? t(key) : field;
};

/** A field's value as the rest of the page shows it: the mode's name, Enabled/Disabled, exact money, tiers counted. */
const fieldValue = (field: string, value: string | null, t: TFunction, currency?: string): string => {
  if (value === null) return '—';
  if (field === 'mode') return pricingModeLabel(value, t);
  if (field === 'enabled') return value === 'true' ? t('common.enabled') : t('common.disabled');
  if (field === 'tiers') {
    const tiers = JSON.parse(value) as unknown[];
    return t('price.tiers', { count: tiers.length });
  }
  return formatMoney(value, currency);
};

const Version = ({ version, currency }: { version: PriceVersion; currency?: string }) => {
  const t = useT();
  const columns: Column<PriceFieldChange>[] = [
    { key: 'field', label: t('priceHistory.column.field'), render: (change) => <CellText>{fieldLabel(change.field, t)}</CellText> },
    {
      key: 'before',
      label: t('priceHistory.column.before'),
      render: (change) => <CellText muted>{fieldValue(change.field, change.before, t, currency)}</CellText>,
    },
    { key: 'after', label: t('priceHistory.column.after'), render: (change) => <CellText>{fieldValue(change.field, change.after, t, currency)}</CellText> },
  ];
  return (
    <Box tag="li" background="neutral100" hasRadius padding={4}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex gap={3} wrap="wrap" alignItems="center">
          <Typography variant="delta" tag="h3">
            {t('priceHistory.version', { version: version.version })}
          </Typography>
          <StatusBadge value={version.event === 'deleted' ? 'cancelled' : version.event === 'created' ? 'success' : 'adjustment'} label={t(`priceHistory.event.${version.event}`)} />
          {version.at ? <DateTime value={version.at} textColor="neutral600" /> : null}
        </Flex>
        <Typography textColor="neutral700">
          {version.recorded
            ? t('priceHistory.by', {
                actor: version.actor ?? t('priceHistory.unknownActor'),
                source: t(version.source === 'import' ? 'priceHistory.source.import' : 'priceHistory.source.admin'),
              })
            : t('priceHistory.notRecorded')}
        </Typography>
        {version.changes.length > 0 && (
          <DataTable columns={columns} rows={version.changes} rowKey={(change) => change.field} emptyContent="" compactEmpty />
        )}
      </Flex>
    </Box>
  );
};

/** A model's price history: every version, newest first, who saved it, when, and the fields it changed. */
export const PriceHistoryModal = ({ model, currency, onClose }: { model?: string; currency?: string; onClose: () => void }) => {
  const t = useT();
  useReturnFocus(Boolean(model));
  const history = usePriceHistory(model);
  if (!model) return null;
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content style={{ maxWidth: '80rem', width: '100%' }}>
        <Modal.Header>
          <Modal.Title>{t('priceHistory.title', { model })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {history.error ? (
            <LoadError error={history.error} onRetry={history.refetch} retrying={history.isFetching} />
          ) : history.isLoading || !history.data ? (
            <Typography textColor="neutral600">{t('common.loading')}</Typography>
          ) : (
            <Flex tag="ol" direction="column" alignItems="stretch" gap={3} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {history.data.versions.map((version, index) => (
                <Version key={`${version.version}-${index}`} version={version} currency={currency} />
              ))}
            </Flex>
          )}
        </Modal.Body>
        <CloseOnlyFooter />
      </Modal.Content>
    </Modal.Root>
  );
};
