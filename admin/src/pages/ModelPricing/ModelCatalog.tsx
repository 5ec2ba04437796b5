import * as React from 'react';
import { Badge, Button, Flex, Grid, IconButton, Switch, Typography } from '@strapi/design-system';
import { Pencil, Plus, PriceTag, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';

import { usePricingApi } from '../../api/pricing';
import type { CatalogModel } from '../../api/types';
import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CellActions, CellText, DataTable, type Column } from '../../components/DataTable';
import { TextField } from '../../components/FormFields';
import { FormModal } from '../../components/FormModal';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { useNotifyApiError } from '../../hooks/useNotifyApiError';
import { useT } from '../../utils/translations';

interface ModelCatalogProps {
  models: CatalogModel[] | undefined;
  isLoading: boolean;
  canUpdate: boolean;
  onChanged: () => void;
  onSetPrice: (model: CatalogModel) => void;
}

interface EditState {
  open: boolean;
  model?: CatalogModel;
}

export const ModelCatalog = ({ models, isLoading, canUpdate, onChanged, onSetPrice }: ModelCatalogProps) => {
  const t = useT();
  const api = usePricingApi();
  const { toggleNotification } = useNotification();
  const notifyApiError = useNotifyApiError();
  const [edit, setEdit] = React.useState<EditState>({ open: false });
  const [toDelete, setToDelete] = React.useState<CatalogModel>();
  const [toggling, setToggling] = React.useState<string>();

  const toggleEnabled = async (model: CatalogModel, enabled: boolean) => {
    setToggling(model.name);
    try {
      await api.updateModel(model.name, { enabled });
      onChanged();
    } catch (error) {
      notifyApiError(error);
    } finally {
      setToggling(undefined);
    }
  };

  const remove = async () => {
    if (!toDelete) return;
    try {
      await api.deleteModel(toDelete.name);
      toggleNotification({ type: 'success', message: t('catalog.deleted', { model: toDelete.name }) });
      setToDelete(undefined);
      onChanged();
    } catch (error) {
      notifyApiError(error);
    }
  };

  const unpricedCount = (models ?? []).filter((model) => !model.priced).length;
  // Unpriced models first: they are the ones that need attention.
  const sorted = React.useMemo(
    () => (models ? [...models].sort((a, b) => Number(a.priced) - Number(b.priced) || a.name.localeCompare(b.name)) : models),
    [models],
  );

  const columns: Column<CatalogModel>[] = [
    {
      key: 'name',
      label: t('catalog.column.name'),
      render: (model) => (
        <Flex direction="column" alignItems="flex-start">
          <CellText mono>{model.name}</CellText>
          {model.displayName && (
            <Typography variant="pi" textColor="neutral600">
              {model.displayName}
            </Typography>
          )}
        </Flex>
      ),
    },
    { key: 'provider', label: t('catalog.column.provider'), render: (model) => <CellText muted>{model.provider || '—'}</CellText> },
    {
      key: 'source',
      label: t('catalog.column.source'),
      render: (model) => <StatusBadge value={model.source} label={t(`catalog.source.${model.source}` as const)} />,
    },
    {
      key: 'priced',
      label: t('catalog.column.priced'),
      render: (model) =>
        model.priced ? (
          <Badge variant="success" size="S">
            {t('catalog.priced')}
          </Badge>
        ) : (
          <Badge variant="warning" size="S">
            {t('catalog.unpriced')}
          </Badge>
        ),
    },
    {
      key: 'enabled',
      label: t('catalog.column.enabled'),
      render: (model) =>
        canUpdate ? (
          <Flex onClick={(event: React.MouseEvent) => event.stopPropagation()}>
            <Switch
              aria-label={t('catalog.toggle', { model: model.name })}
              checked={model.enabled}
              disabled={toggling === model.name}
              onCheckedChange={(checked: boolean) => toggleEnabled(model, checked)}
            />
          </Flex>
        ) : (
          <StatusBadge value={model.enabled ? 'active' : 'disabled'} label={model.enabled ? t('common.enabled') : t('common.disabled')} />
        ),
    },
    {
      key: 'actions',
      label: t('common.actions'),
      hideLabel: true,
      align: 'right',
      render: (model) =>
        canUpdate ? (
          <CellActions>
            {!model.priced && (
              <Button size="S" variant="secondary" startIcon={<PriceTag />} onClick={() => onSetPrice(model)}>
                {t('catalog.setPrice')}
              </Button>
            )}
            <IconButton label={t('common.edit')} variant="ghost" onClick={() => setEdit({ open: true, model })}>
              <Pencil />
            </IconButton>
            <IconButton label={t('common.delete')} variant="ghost" onClick={() => setToDelete(model)}>
              <Trash />
            </IconButton>
          </CellActions>
        ) : null,
    },
  ];

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between" alignItems="center" gap={4} wrap="wrap">
        <Typography textColor="neutral600">{t('catalog.intro')}</Typography>
        {canUpdate && (
          <Button variant="secondary" startIcon={<Plus />} onClick={() => setEdit({ open: true })}>
            {t('catalog.add')}
          </Button>
        )}
      </Flex>
      {unpricedCount > 0 && <Callout variant="warning">{t('catalog.unpricedHint', { count: unpricedCount })}</Callout>}
      <DataTable
        columns={columns}
        rows={sorted}
        rowKey={(model) => model.name}
        isLoading={isLoading}
        emptyContent={t('catalog.empty')}
        rowBackground={(model) => (model.priced ? undefined : 'warning100')}
      />
      <CatalogModelModal
        state={edit}
        onClose={() => setEdit({ open: false })}
        onSaved={() => {
          setEdit({ open: false });
          onChanged();
        }}
      />
      <ConfirmDialog
        open={Boolean(toDelete)}
        onOpenChange={(open) => !open && setToDelete(undefined)}
        title={t('catalog.deleteTitle')}
        confirmLabel={t('common.delete')}
        onConfirm={remove}
      >
        {t('catalog.deleteBody', { model: toDelete?.name ?? '' })}
      </ConfirmDialog>
    </Flex>
  );
};

const CatalogModelModal = ({ state, onClose, onSaved }: { state: EditState; onClose: () => void; onSaved: () => void }) => {
  const t = useT();
  const api = usePricingApi();
  const { toggleNotification } = useNotification();
  const isNew = !state.model;
  const [name, setName] = React.useState('');
  const [displayName, setDisplayName] = React.useState('');
  const [provider, setProvider] = React.useState('');
  const { errors, setErrors, saving, run } = useFormSubmit();

  React.useEffect(() => {
    if (state.open) {
      setName(state.model?.name ?? '');
      setDisplayName(state.model?.displayName ?? '');
      setProvider(state.model?.provider ?? '');
      setErrors({});
    }
  }, [state]);

  const onSubmit = () => {
    if (isNew && !name.trim()) {
      setErrors({ name: t('errors.required') });
      return;
    }
    return run(async () => {
      if (isNew) {
        await api.createModel({
          name: name.trim(),
          ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
          ...(provider.trim() ? { provider: provider.trim() } : {}),
        });
      } else {
        await api.updateModel(state.model!.name, { displayName: displayName.trim(), provider: provider.trim() });
      }
      toggleNotification({ type: 'success', message: t('catalog.saved', { model: name.trim() }) });
      onSaved();
    });
  };

  return (
    <FormModal
      open={state.open}
      title={isNew ? t('catalog.modal.createTitle') : t('catalog.modal.editTitle', { model: name })}
      saving={saving}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <Grid.Root gap={4}>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <TextField
            name="name"
            label={t('catalog.column.name')}
            hint={isNew ? t('catalog.modal.nameHint') : undefined}
            value={name}
            error={errors.name}
            required
            disabled={!isNew}
            onChange={setName}
          />
        </Grid.Item>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
          <TextField
            name="displayName"
            label={t('catalog.column.displayName')}
            value={displayName}
            error={errors.displayName}
            onChange={setDisplayName}
          />
        </Grid.Item>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
          <TextField
            name="provider"
            label={t('catalog.column.provider')}
            placeholder="openai"
            value={provider}
            error={errors.provider}
            onChange={setProvider}
          />
        </Grid.Item>
      </Grid.Root>
    </FormModal>
  );
};
