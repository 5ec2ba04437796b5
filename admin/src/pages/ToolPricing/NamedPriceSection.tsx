import * as React from 'react';
import { Button, IconButton } from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';

import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CellActions, DataTable, type Column } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { useNotifyApiError } from '../../hooks/useNotifyApiError';
import type { RequestState } from '../../hooks/useRequest';
import { useT } from '../../utils/translations';
import { NamedPriceModal, type Editing, type NamedPrice, type NamedPriceModalProps } from './NamedPriceModal';

interface NamedPriceSectionProps<T extends NamedPrice<T>> {
  title: string;
  subtitle: string;
  addLabel: string;
  emptyContent: string;
  deleteTitle: string;
  deleteBody: (name: string) => string;
  request: RequestState<T[]>;
  /** The data columns; the edit/delete actions column is added after them. */
  columns: Column<T>[];
  nameOf: (item: T) => string;
  /** pricing.update: without it there is no add button, no actions and no row click. */
  canUpdate: boolean;
  /** More row actions, before edit and delete. */
  extraActions?: (item: T) => React.ReactNode;
  remove: (name: string) => Promise<unknown>;
  modal: Omit<NamedPriceModalProps<T>, 'state' | 'onClose' | 'onSaved'>;
}

/** A section listing named prices (tools, multipliers) with add, edit and delete. */
export const NamedPriceSection = <T extends NamedPrice<T>>({
  title,
  subtitle,
  addLabel,
  emptyContent,
  deleteTitle,
  deleteBody,
  request,
  columns,
  nameOf,
  canUpdate,
  extraActions,
  remove,
  modal,
}: NamedPriceSectionProps<T>) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const notifyApiError = useNotifyApiError();
  const [editing, setEditing] = React.useState<Editing<T>>({ open: false });
  const [toDelete, setToDelete] = React.useState<string>();

  const confirmDelete = async () => {
    if (!toDelete) return;
    try {
      await remove(toDelete);
      void request.refetch();
      toggleNotification({ type: 'success', message: t('common.deleted', { name: toDelete }) });
      setToDelete(undefined);
    } catch (error) {
      notifyApiError(error);
    }
  };

  const actionsColumn: Column<T> = {
    key: 'actions',
    label: t('common.actions'),
    hideLabel: true,
    align: 'right',
    render: (item) =>
      canUpdate ? (
        <CellActions>
          {extraActions?.(item)}
          <IconButton label={t('common.edit')} variant="ghost" onClick={() => setEditing({ open: true, item })}>
            <Pencil />
          </IconButton>
          <IconButton label={t('common.delete')} variant="ghost" onClick={() => setToDelete(nameOf(item))}>
            <Trash />
          </IconButton>
        </CellActions>
      ) : null,
  };

  return (
    <>
      <Section
        title={title}
        subtitle={subtitle}
        actions={
          canUpdate && (
            <Button variant="secondary" startIcon={<Plus />} onClick={() => setEditing({ open: true })}>
              {addLabel}
            </Button>
          )
        }
      >
        {request.error && <Callout variant="danger">{request.error.message}</Callout>}
        <DataTable
          columns={[...columns, actionsColumn]}
          rows={request.data}
          rowKey={nameOf}
          isLoading={request.isLoading}
          emptyContent={emptyContent}
          onRowClick={canUpdate ? (item) => setEditing({ open: true, item }) : undefined}
        />
      </Section>
      <NamedPriceModal<T>
        {...modal}
        state={editing}
        onClose={() => setEditing({ open: false })}
        onSaved={() => {
          setEditing({ open: false });
          void request.refetch();
        }}
      />
      <ConfirmDialog
        open={Boolean(toDelete)}
        onOpenChange={(open) => !open && setToDelete(undefined)}
        title={deleteTitle}
        confirmLabel={t('common.delete')}
        onConfirm={confirmDelete}
      >
        {deleteBody(toDelete ?? '')}
      </ConfirmDialog>
    </>
  );
};
