import * as React from 'react';
import { Badge, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Plus, PriceTag } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';

import type { CatalogModel } from '../../../../contracts';
import { useCatalogMutations } from '../../api/pricing';
import { Callout } from '../../components/Callout';
import { CellText, DataTable, textColumn, type Column } from '../../components/DataTable';
import { FormCell, TextField } from '../../components/FormFields';
import { FormModal } from '../../components/FormModal';
import { EnableToggleButton, useDeleteConfirm, useRowActionsColumn } from '../../components/RowActions';
import { EnabledBadge, StatusBadge } from '../../components/StatusBadge';
import { useBusyAction } from '../../hooks/useBusyAction';
import { useDialogForm } from '../../hooks/useFormSubmit';
import { useT } from '../../utils/translations';

interface ModelCatalogProps {
  models: CatalogModel[] | undefined;
  isLoading: boolean;
  canUpdate: boolean;
  onSetPrice: (model: CatalogModel) => void;
}

interface EditState {
  open: boolean;
  model?: CatalogModel;
}

export const ModelCatalog = ({ models, isLoading, canUpdate, onSetPrice }: ModelCatalogProps) => {
  const t = useT();
  const catalog = useCatalogMutations();
  const [edit, setEdit] = React.useState<EditState>({ open: false });
  const [toggling, act] = useBusyAction<string>();

  const toggleEnabled = (model: CatalogModel, enabled: boolean) => act(model.name, () => catalog.update(model.name, { enabled }));

  const deletion = useDeleteConfirm<CatalogModel>({
    title: t('catalog.deleteTitle'),
    body: (model) => t('catalog.deleteBody', { model: model.name }),
    remove: (model) => catalog.remove(model.name),
    deleted: (model) => t('catalog.deleted', { model: model.name }),
  });
  const actions = useRowActionsColumn<CatalogModel>({
    canUpdate,
    onEdit: (model) => setEdit({ open: true, model }),
    onDelete: deletion.ask,
    extra: (model) => (
      <>
        {!model.priced && (
          <Button size="S" variant="secondary" startIcon={<PriceTag />} onClick={() => onSetPrice(model)}>
            {t('catalog.setPrice')}
          </Button>
        )}
        <EnableToggleButton enabled={model.enabled} busy={toggling === model.name} onToggle={() => toggleEnabled(model, !model.enabled)} />
      </>
    ),
  });

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
    textColumn('provider', t('catalog.column.provider'), { muted: true }),
    {
      key: 'source',
      label: t('catalog.column.source'),
      render: (model) => <StatusBadge value={model.source} label={t(`catalog.source.${model.source}` as const)} />,
    },
    {
      key: 'priced',
      label: t('catalog.column.priced'),
      render: (model) => (
        <Badge variant={model.priced ? 'success' : 'warning'} size="S">
          {model.priced ? t('catalog.priced') : t('catalog.unpriced')}
        </Badge>
      ),
    },
    {
      key: 'enabled',
      label: t('catalog.column.enabled'),
      render: (model) => <EnabledBadge enabled={model.enabled} />,
    },
    actions,
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
      <CatalogModelModal state={edit} onClose={() => setEdit({ open: false })} />
      {deletion.dialog}
    </Flex>
  );
};

const CatalogModelModal = ({ state, onClose }: { state: EditState; onClose: () => void }) => {
  const t = useT();
  const catalog = useCatalogMutations();
  const { toggleNotification } = useNotification();
  const isNew = !state.model;
  const { values, field, setErrors, saving, run, dirty } = useDialogForm(
    state.open,
    () => ({ name: state.model?.name ?? '', displayName: state.model?.displayName ?? '', provider: state.model?.provider ?? '' }),
    state,
  );
  const { name, displayName, provider } = values;

  const onSubmit = () => {
    if (isNew && !name.trim()) {
      setErrors({ name: t('errors.required') });
      return;
    }
    return run(async () => {
      if (isNew) {
        await catalog.create({
          name: name.trim(),
          ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
          ...(provider.trim() ? { provider: provider.trim() } : {}),
        });
      } else {
        await catalog.update(state.model!.name, { displayName: displayName.trim(), provider: provider.trim() });
      }
      toggleNotification({ type: 'success', message: t('catalog.saved', { model: name.trim() }) });
      onClose();
    });
  };

  return (
    <FormModal
      dirty={dirty}
      open={state.open}
      title={isNew ? t('catalog.modal.createTitle') : t('catalog.modal.editTitle', { model: name })}
      saving={saving}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <Grid.Root gap={4}>
        <FormCell col={12}>
          <TextField
            {...field('name')}
            label={t('catalog.column.name')}
            hint={isNew ? t('catalog.modal.nameHint') : undefined}
            required
            disabled={!isNew}
          />
        </FormCell>
        <FormCell col={6}>
          <TextField {...field('displayName')} label={t('catalog.column.displayName')} />
        </FormCell>
        <FormCell col={6}>
          <TextField {...field('provider')} label={t('catalog.column.provider')} placeholder="openai" />
        </FormCell>
      </Grid.Root>
    </FormModal>
  );
};
