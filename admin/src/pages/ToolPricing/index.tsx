import { Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';

import { usePricingApi } from '../../api/pricing';
import type { Multiplier, ToolPrice } from '../../api/types';
import { Callout } from '../../components/Callout';
import { CellText, type Column } from '../../components/DataTable';
import { ToggleField } from '../../components/FormFields';
import { Money } from '../../components/Money';
import { StatusBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { useNotifyApiError } from '../../hooks/useNotifyApiError';
import { usePermissions } from '../../hooks/usePermissions';
import { useRequest } from '../../hooks/useRequest';
import { formatDecimal } from '../../utils/decimal';
import { useT } from '../../utils/translations';
import { NamedPriceSection } from './NamedPriceSection';

export const ToolPricingPage = () => {
  const t = useT();
  const api = usePricingApi();
  const notifyApiError = useNotifyApiError();
  const { can } = usePermissions();
  const { currency, settings } = useBillingSettings();
  const canUpdate = can['pricing.update'];

  const tools = useRequest(() => api.listToolPrices(), [api]);
  const multipliers = useRequest(() => api.listMultipliers(), [api]);

  const toggleTool = async (tool: ToolPrice) => {
    try {
      await api.updateToolPrice(tool.tool, { ...tool, enabled: !tool.enabled });
      void tools.refetch();
    } catch (error) {
      notifyApiError(error);
    }
  };

  const toolColumns: Column<ToolPrice>[] = [
    { key: 'tool', label: t('tools.column.tool'), render: (tool) => <CellText mono>{tool.tool}</CellText> },
    {
      key: 'perCall',
      label: t('tools.column.perCall'),
      align: 'right',
      render: (tool) => <Money value={tool.perCall} currency={currency} exact />,
    },
    {
      key: 'enabled',
      label: t('tools.column.enabled'),
      render: (tool) => (
        <StatusBadge value={tool.enabled ? 'active' : 'disabled'} label={tool.enabled ? t('common.enabled') : t('common.disabled')} />
      ),
    },
  ];

  const multiplierColumns: Column<Multiplier>[] = [
    { key: 'name', label: t('multipliers.column.name'), render: (item) => <CellText mono>{item.name}</CellText> },
    {
      key: 'factor',
      label: t('multipliers.column.factor'),
      align: 'right',
      render: (item) => <CellText>× {formatDecimal(item.factor)}</CellText>,
    },
  ];

  return (
    <Page.Main>
      <Page.Title>{t('toolPricing.title')}</Page.Title>
      <Layouts.Header title={t('toolPricing.title')} subtitle={t('toolPricing.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {settings && !settings.toolBilling && <Callout variant="warning">{t('tools.billingOff')}</Callout>}
          <NamedPriceSection<ToolPrice>
            title={t('tools.title')}
            subtitle={t('tools.subtitle')}
            addLabel={t('tools.add')}
            emptyContent={t('tools.empty')}
            deleteTitle={t('tools.deleteTitle')}
            deleteBody={(name) => t('tools.deleteBody', { name })}
            request={tools}
            columns={toolColumns}
            nameOf={(tool) => tool.tool}
            canUpdate={canUpdate}
            extraActions={(tool) => (
              <Button size="S" variant="tertiary" onClick={() => toggleTool(tool)}>
                {tool.enabled ? t('common.disable') : t('common.enable')}
              </Button>
            )}
            remove={(name) => api.deleteToolPrice(name)}
            modal={{
              empty: { tool: '', perCall: '', enabled: true },
              nameField: {
                key: 'tool',
                label: t('tools.column.tool'),
                hint: t('tools.modal.toolHint'),
                placeholder: 'web_search',
                col: 12,
              },
              valueField: {
                key: 'perCall',
                label: t('tools.column.perCall'),
                hint: currency ? t('price.modal.currency', { currency }) : undefined,
                placeholder: '0.01',
                col: 8,
              },
              title: (tool) => (tool ? t('tools.modal.editTitle', { name: tool.tool }) : t('tools.modal.createTitle')),
              save: (body, name) => (name === undefined ? api.createToolPrice(body) : api.updateToolPrice(name, body)),
              extraFields: (form, setForm) => (
                <Grid.Item col={4} xs={12} direction="column" alignItems="stretch">
                  <ToggleField
                    name="enabled"
                    label={t('tools.column.enabled')}
                    checked={form.enabled}
                    onLabel={t('common.on')}
                    offLabel={t('common.off')}
                    onChange={(enabled) => setForm((current) => ({ ...current, enabled }))}
                  />
                </Grid.Item>
              ),
            }}
          />
          <NamedPriceSection<Multiplier>
            title={t('multipliers.title')}
            subtitle={t('multipliers.subtitle')}
            addLabel={t('multipliers.add')}
            emptyContent={t('multipliers.empty')}
            deleteTitle={t('multipliers.deleteTitle')}
            deleteBody={(name) => t('multipliers.deleteBody', { name })}
            request={multipliers}
            columns={multiplierColumns}
            nameOf={(item) => item.name}
            canUpdate={canUpdate}
            remove={(name) => api.deleteMultiplier(name)}
            modal={{
              empty: { name: '', factor: '' },
              nameField: {
                key: 'name',
                label: t('multipliers.column.name'),
                hint: t('multipliers.modal.nameHint'),
                placeholder: 'priority',
                col: 6,
              },
              valueField: {
                key: 'factor',
                label: t('multipliers.column.factor'),
                hint: t('multipliers.modal.factorHint'),
                placeholder: '1.5',
                col: 6,
              },
              title: (item) => (item ? t('multipliers.modal.editTitle', { name: item.name }) : t('multipliers.modal.createTitle')),
              save: (body, name) => (name === undefined ? api.createMultiplier(body) : api.updateMultiplier(name, body)),
              footnote: (
                <Typography variant="pi" textColor="neutral600" tag="p" style={{ marginTop: '1.6rem' }}>
                  {t('multipliers.modal.example')}
                </Typography>
              ),
            }}
          />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ToolPricingPage;
