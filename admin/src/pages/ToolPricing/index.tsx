import { Typography } from '@strapi/design-system';

import type { Multiplier, ToolPrice } from '../../../../contracts';
import { useMultiplierMutations, useMultipliers, useToolPriceMutations, useToolPrices } from '../../api/pricing';
import { BillingPage } from '../../components/BillingPage';
import { Callout } from '../../components/Callout';
import { CellText, textColumn, type Column } from '../../components/DataTable';
import { FormCell, ToggleField } from '../../components/FormFields';
import { moneyColumn } from '../../components/Money';
import { EnableToggleButton } from '../../components/RowActions';
import { EnabledBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { useBusyAction } from '../../hooks/useBusyAction';
import { usePermissions } from '../../hooks/usePermissions';
import { formatDecimal } from '../../utils/decimal';
import { useT } from '../../utils/translations';
import { NamedPriceSection } from './NamedPriceSection';

export const ToolPricingPage = () => {
  const t = useT();
  const { can } = usePermissions();
  const { currency, settings } = useBillingSettings();
  const canUpdate = can['pricing.update'];

  const tools = useToolPrices();
  const multipliers = useMultipliers();
  const toolMutations = useToolPriceMutations();
  const multiplierMutations = useMultiplierMutations();
  const [toggling, act] = useBusyAction<string>();

  const toggleTool = (tool: ToolPrice) =>
    act(tool.tool, () => toolMutations.update(tool.tool, { ...tool, enabled: !tool.enabled }));

  const toolColumns: Column<ToolPrice>[] = [
    textColumn('tool', t('tools.column.tool'), { mono: true }),
    moneyColumn('perCall', t('tools.column.perCall'), { currency, exact: true }),
    { key: 'enabled', label: t('tools.column.enabled'), render: (tool) => <EnabledBadge enabled={tool.enabled} /> },
  ];

  const multiplierColumns: Column<Multiplier>[] = [
    textColumn('name', t('multipliers.column.name'), { mono: true }),
    {
      key: 'factor',
      label: t('multipliers.column.factor'),
      align: 'right',
      render: (item) => <CellText>× {formatDecimal(item.factor)}</CellText>,
    },
  ];

  return (
    <BillingPage title={t('toolPricing.title')} subtitle={t('toolPricing.subtitle')} gap={6}>
      {settings && !settings.toolBilling && <Callout variant="warning">{t('tools.billingOff')}</Callout>}
      <NamedPriceSection<ToolPrice>
        texts="tools"
        query={tools}
        columns={toolColumns}
        canUpdate={canUpdate}
        extraActions={(tool) => <EnableToggleButton enabled={tool.enabled} busy={toggling === tool.tool} onToggle={() => toggleTool(tool)} />}
        mutations={toolMutations}
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
          extraFields: (form, set) => (
            <FormCell col={4}>
              <ToggleField
                name="enabled"
                label={t('tools.column.enabled')}
                checked={form.enabled}
                onLabel={t('common.on')}
                offLabel={t('common.off')}
                onChange={(enabled) => set('enabled', enabled)}
              />
            </FormCell>
          ),
        }}
      />
      <NamedPriceSection<Multiplier>
        texts="multipliers"
        query={multipliers}
        columns={multiplierColumns}
        canUpdate={canUpdate}
        mutations={multiplierMutations}
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
          footnote: (
            <Typography variant="pi" textColor="neutral600" tag="p" style={{ marginTop: '1.6rem' }}>
              {t('multipliers.modal.example')}
            </Typography>
          ),
        }}
      />
    </BillingPage>
  );
};

export default ToolPricingPage;
