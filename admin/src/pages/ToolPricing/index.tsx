import * as React from 'react';
import { Button, Flex, Grid, IconButton, Modal, Typography } from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';

import { usePricingApi } from '../../api/pricing';
import type { Multiplier, ToolPrice } from '../../api/types';
import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CellActions, CellText, DataTable, type Column } from '../../components/DataTable';
import { DecimalField, TextField, ToggleField } from '../../components/FormFields';
import { Money } from '../../components/Money';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { usePermissions } from '../../hooks/usePermissions';
import { useRequest } from '../../hooks/useRequest';
import { formatDecimal, isUnsignedDecimal } from '../../utils/decimal';
import { parseApiError, type FieldErrors } from '../../utils/errors';
import { useT } from '../../utils/translations';

type Editing<T> = { open: boolean; item?: T };

export const ToolPricingPage = () => {
  const t = useT();
  const api = usePricingApi();
  const { toggleNotification } = useNotification();
  const { can } = usePermissions();
  const { currency, settings } = useBillingSettings();
  const canUpdate = can['pricing.update'];

  const tools = useRequest(() => api.listToolPrices(), [api]);
  const multipliers = useRequest(() => api.listMultipliers(), [api]);

  const [toolModal, setToolModal] = React.useState<Editing<ToolPrice>>({ open: false });
  const [multiplierModal, setMultiplierModal] = React.useState<Editing<Multiplier>>({ open: false });
  const [toDelete, setToDelete] = React.useState<{ kind: 'tool' | 'multiplier'; name: string }>();

  const remove = async () => {
    if (!toDelete) return;
    try {
      if (toDelete.kind === 'tool') {
        await api.deleteToolPrice(toDelete.name);
        void tools.refetch();
      } else {
        await api.deleteMultiplier(toDelete.name);
        void multipliers.refetch();
      }
      toggleNotification({ type: 'success', message: t('common.deleted', { name: toDelete.name }) });
      setToDelete(undefined);
    } catch (error) {
      toggleNotification({ type: 'danger', message: parseApiError(error, t('errors.unknown')).message });
    }
  };

  const toggleTool = async (tool: ToolPrice) => {
    try {
      await api.updateToolPrice(tool.tool, { ...tool, enabled: !tool.enabled });
      void tools.refetch();
    } catch (error) {
      toggleNotification({ type: 'danger', message: parseApiError(error, t('errors.unknown')).message });
    }
  };

  const toolColumns: Column<ToolPrice>[] = [
    { key: 'tool', label: t('tools.column.tool'), render: (tool) => <CellText mono>{tool.tool}</CellText> },
    {
      key: 'perCall',
      label: t('tools.column.perCall'),
      align: 'right',
      render: (tool) => <Money value={tool.perCall} currency={currency} />,
    },
    {
      key: 'enabled',
      label: t('tools.column.enabled'),
      render: (tool) => (
        <StatusBadge value={tool.enabled ? 'active' : 'disabled'} label={tool.enabled ? t('common.enabled') : t('common.disabled')} />
      ),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      hideLabel: true,
      align: 'right',
      render: (tool) =>
        canUpdate ? (
          <CellActions>
            <Button size="S" variant="tertiary" onClick={() => toggleTool(tool)}>
              {tool.enabled ? t('common.disable') : t('common.enable')}
            </Button>
            <IconButton label={t('common.edit')} variant="ghost" onClick={() => setToolModal({ open: true, item: tool })}>
              <Pencil />
            </IconButton>
            <IconButton label={t('common.delete')} variant="ghost" onClick={() => setToDelete({ kind: 'tool', name: tool.tool })}>
              <Trash />
            </IconButton>
          </CellActions>
        ) : null,
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
    {
      key: 'actions',
      label: t('common.actions'),
      hideLabel: true,
      align: 'right',
      render: (item) =>
        canUpdate ? (
          <CellActions>
            <IconButton label={t('common.edit')} variant="ghost" onClick={() => setMultiplierModal({ open: true, item })}>
              <Pencil />
            </IconButton>
            <IconButton
              label={t('common.delete')}
              variant="ghost"
              onClick={() => setToDelete({ kind: 'multiplier', name: item.name })}
            >
              <Trash />
            </IconButton>
          </CellActions>
        ) : null,
    },
  ];

  return (
    <Page.Main>
      <Page.Title>{t('toolPricing.title')}</Page.Title>
      <Layouts.Header title={t('toolPricing.title')} subtitle={t('toolPricing.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {settings && !settings.toolBilling && <Callout variant="warning">{t('tools.billingOff')}</Callout>}
          <Section
            title={t('tools.title')}
            subtitle={t('tools.subtitle')}
            actions={
              canUpdate && (
                <Button variant="secondary" startIcon={<Plus />} onClick={() => setToolModal({ open: true })}>
                  {t('tools.add')}
                </Button>
              )
            }
          >
            {tools.error && <Callout variant="danger">{tools.error.message}</Callout>}
            <DataTable
              columns={toolColumns}
              rows={tools.data}
              rowKey={(tool) => tool.tool}
              isLoading={tools.isLoading}
              emptyContent={t('tools.empty')}
              onRowClick={canUpdate ? (tool) => setToolModal({ open: true, item: tool }) : undefined}
            />
          </Section>

          <Section
            title={t('multipliers.title')}
            subtitle={t('multipliers.subtitle')}
            actions={
              canUpdate && (
                <Button variant="secondary" startIcon={<Plus />} onClick={() => setMultiplierModal({ open: true })}>
                  {t('multipliers.add')}
                </Button>
              )
            }
          >
            {multipliers.error && <Callout variant="danger">{multipliers.error.message}</Callout>}
            <DataTable
              columns={multiplierColumns}
              rows={multipliers.data}
              rowKey={(item) => item.name}
              isLoading={multipliers.isLoading}
              emptyContent={t('multipliers.empty')}
              onRowClick={canUpdate ? (item) => setMultiplierModal({ open: true, item }) : undefined}
            />
          </Section>
        </Flex>
      </Layouts.Content>

      <ToolModal
        state={toolModal}
        currency={currency}
        onClose={() => setToolModal({ open: false })}
        onSaved={() => {
          setToolModal({ open: false });
          void tools.refetch();
        }}
      />
      <MultiplierModal
        state={multiplierModal}
        onClose={() => setMultiplierModal({ open: false })}
        onSaved={() => {
          setMultiplierModal({ open: false });
          void multipliers.refetch();
        }}
      />
      <ConfirmDialog
        open={Boolean(toDelete)}
        onOpenChange={(open) => !open && setToDelete(undefined)}
        title={toDelete?.kind === 'tool' ? t('tools.deleteTitle') : t('multipliers.deleteTitle')}
        confirmLabel={t('common.delete')}
        onConfirm={remove}
      >
        {toDelete?.kind === 'tool'
          ? t('tools.deleteBody', { name: toDelete?.name ?? '' })
          : t('multipliers.deleteBody', { name: toDelete?.name ?? '' })}
      </ConfirmDialog>
    </Page.Main>
  );
};

/* ----------------------------------------------------------------------------------------------
 * Modals
 * --------------------------------------------------------------------------------------------*/

const FormModal = ({
  open,
  title,
  saving,
  onClose,
  onSubmit,
  children,
}: {
  open: boolean;
  title: string;
  saving: boolean;
  onClose: () => void;
  onSubmit: () => void;
  children: React.ReactNode;
}) => {
  const t = useT();
  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => !next && !saving && onClose()}>
      <Modal.Content>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            event.stopPropagation();
            onSubmit();
          }}
        >
          <Modal.Header>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>{children}</Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary" disabled={saving}>
                {t('common.cancel')}
              </Button>
            </Modal.Close>
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};

const ToolModal = ({
  state,
  currency,
  onClose,
  onSaved,
}: {
  state: Editing<ToolPrice>;
  currency?: string;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const t = useT();
  const api = usePricingApi();
  const { toggleNotification } = useNotification();
  const isNew = !state.item;
  const [form, setForm] = React.useState<ToolPrice>({ tool: '', perCall: '', enabled: true });
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [saving, setSaving] = React.useState(false);

  React.useEffect(() => {
    if (state.open) {
      setForm(state.item ?? { tool: '', perCall: '', enabled: true });
      setErrors({});
    }
  }, [state]);

  const submit = async () => {
    const clientErrors: FieldErrors = {};
    if (!form.tool.trim()) clientErrors.tool = t('errors.required');
    if (!isUnsignedDecimal(form.perCall)) clientErrors.perCall = t('errors.decimal');
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length) return;
    setSaving(true);
    try {
      const body = { tool: form.tool.trim(), perCall: form.perCall.trim(), enabled: form.enabled };
      if (isNew) await api.createToolPrice(body);
      else await api.updateToolPrice(state.item!.tool, body);
      toggleNotification({ type: 'success', message: t('common.saved', { name: body.tool }) });
      onSaved();
    } catch (error) {
      const info = parseApiError(error, t('errors.unknown'));
      setErrors(info.fieldErrors);
      toggleNotification({ type: 'danger', message: info.message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal
      open={state.open}
      title={isNew ? t('tools.modal.createTitle') : t('tools.modal.editTitle', { name: state.item?.tool ?? '' })}
      saving={saving}
      onClose={onClose}
      onSubmit={submit}
    >
      <Grid.Root gap={4}>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <TextField
            name="tool"
            label={t('tools.column.tool')}
            hint={t('tools.modal.toolHint')}
            placeholder="web_search"
            value={form.tool}
            error={errors.tool}
            required
            disabled={!isNew}
            onChange={(tool) => setForm((current) => ({ ...current, tool }))}
          />
        </Grid.Item>
        <Grid.Item col={8} xs={12} direction="column" alignItems="stretch">
          <DecimalField
            name="perCall"
            label={t('tools.column.perCall')}
            hint={currency ? t('price.modal.currency', { currency }) : undefined}
            placeholder="0.01"
            value={form.perCall}
            error={errors.perCall}
            required
            onChange={(perCall) => setForm((current) => ({ ...current, perCall }))}
          />
        </Grid.Item>
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
      </Grid.Root>
    </FormModal>
  );
};

const MultiplierModal = ({
  state,
  onClose,
  onSaved,
}: {
  state: Editing<Multiplier>;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const t = useT();
  const api = usePricingApi();
  const { toggleNotification } = useNotification();
  const isNew = !state.item;
  const [form, setForm] = React.useState<Multiplier>({ name: '', factor: '' });
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [saving, setSaving] = React.useState(false);

  React.useEffect(() => {
    if (state.open) {
      setForm(state.item ?? { name: '', factor: '' });
      setErrors({});
    }
  }, [state]);

  const submit = async () => {
    const clientErrors: FieldErrors = {};
    if (!form.name.trim()) clientErrors.name = t('errors.required');
    if (!isUnsignedDecimal(form.factor)) clientErrors.factor = t('errors.decimal');
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length) return;
    setSaving(true);
    try {
      const body = { name: form.name.trim(), factor: form.factor.trim() };
      if (isNew) await api.createMultiplier(body);
      else await api.updateMultiplier(state.item!.name, body);
      toggleNotification({ type: 'success', message: t('common.saved', { name: body.name }) });
      onSaved();
    } catch (error) {
      const info = parseApiError(error, t('errors.unknown'));
      setErrors(info.fieldErrors);
      toggleNotification({ type: 'danger', message: info.message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormModal
      open={state.open}
      title={isNew ? t('multipliers.modal.createTitle') : t('multipliers.modal.editTitle', { name: state.item?.name ?? '' })}
      saving={saving}
      onClose={onClose}
      onSubmit={submit}
    >
      <Grid.Root gap={4}>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
          <TextField
            name="name"
            label={t('multipliers.column.name')}
            hint={t('multipliers.modal.nameHint')}
            placeholder="priority"
            value={form.name}
            error={errors.name}
            required
            disabled={!isNew}
            onChange={(name) => setForm((current) => ({ ...current, name }))}
          />
        </Grid.Item>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
          <DecimalField
            name="factor"
            label={t('multipliers.column.factor')}
            hint={t('multipliers.modal.factorHint')}
            placeholder="1.5"
            value={form.factor}
            error={errors.factor}
            required
            onChange={(factor) => setForm((current) => ({ ...current, factor }))}
          />
        </Grid.Item>
      </Grid.Root>
      <Typography variant="pi" textColor="neutral600" tag="p" style={{ marginTop: '1.6rem' }}>
        {t('multipliers.modal.example')}
      </Typography>
    </FormModal>
  );
};

export default ToolPricingPage;
