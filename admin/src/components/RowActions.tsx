import * as React from 'react';
import { IconButton } from '@strapi/design-system';
import { Eye, EyeStriked, Pencil, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';

import { useNotifyApiError } from '../hooks/useNotifyApiError';
import { useT } from '../utils/translations';
import { ConfirmDialog } from './ConfirmDialog';
import { CellActions, type Column } from './DataTable';

interface RowActionsOptions<T> {
  /** Without the update permission a row has no actions. */
  canUpdate: boolean;
  onEdit: (item: T) => void;
  onDelete: (item: T) => void;
  /** More actions, before edit and delete. */
  extra?: (item: T) => React.ReactNode;
  /**
   * Why an item cannot be deleted, if it cannot: its delete button is then disabled, with the reason as
   * its label and tooltip.
   */
  deleteBlockedBy?: (item: T) => string | undefined;
}

/** The last column of an editable list: edit and delete buttons (and `extra` ones) on each row. */
export const useRowActionsColumn = <T,>({
  canUpdate,
  onEdit,
  onDelete,
  extra,
  deleteBlockedBy,
}: RowActionsOptions<T>): Column<T> => {
  const t = useT();
  const deleteButton = (item: T) => {
    const blockedBy = deleteBlockedBy?.(item);
    return (
      <IconButton
        label={blockedBy ?? t('common.delete')}
        variant="ghost"
        disabled={blockedBy !== undefined}
        onClick={() => onDelete(item)}
      >
        <Trash />
      </IconButton>
    );
  };
  return {
    key: 'actions',
    label: t('common.actions'),
    hideLabel: true,
    align: 'right',
    // On a narrow window a wide table scrolls sideways: the actions stay in view at its right edge.
    sticky: true,
    render: (item) =>
      canUpdate ? (
        <CellActions>
          {extra?.(item)}
          <IconButton label={t('common.edit')} variant="ghost" onClick={() => onEdit(item)}>
            <Pencil />
          </IconButton>
          {deleteButton(item)}
        </CellActions>
      ) : null,
  };
};

/**
 * The one way a list switches an entry on or off (plans, tools, catalog models, codes): an eye button
 * labelled "Disable" / "Enable" among the row's actions, while the list's Enabled column shows the same
 * Enabled / Disabled badge (StatusBadge's EnabledBadge) everywhere. Forms switch it with a Toggle
 * (FormFields' ToggleField, On / Off).
 */
export const EnableToggleButton = ({ enabled, busy, onToggle }: { enabled: boolean; busy?: boolean; onToggle: () => void }) => {
  const t = useT();
  return (
    <IconButton label={enabled ? t('common.disable') : t('common.enable')} variant="ghost" disabled={busy} onClick={onToggle}>
      {enabled ? <EyeStriked /> : <Eye />}
    </IconButton>
  );
};

interface DeleteConfirmOptions<T> {
  title: string;
  body: (item: T) => string;
  /** Deletes the item (the lists showing it refresh themselves: api/query.ts). */
  remove: (item: T) => Promise<unknown>;
  /** The notification once it is deleted. */
  deleted: (item: T) => string;
}

/**
 * A delete confirmation: `ask(item)` opens it; confirming deletes the item and says so, or shows why it
 * failed. Render `dialog` once.
 */
export const useDeleteConfirm = <T,>({ title, body, remove, deleted }: DeleteConfirmOptions<T>) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const notifyApiError = useNotifyApiError();
  const [item, setItem] = React.useState<T>();

  const confirm = async () => {
    if (item === undefined) return;
    try {
      await remove(item);
      toggleNotification({ type: 'success', message: deleted(item) });
      setItem(undefined);
    } catch (error) {
      notifyApiError(error);
    }
  };

  const dialog = (
    <ConfirmDialog
      open={item !== undefined}
      onOpenChange={(open) => !open && setItem(undefined)}
      title={title}
      confirmLabel={t('common.delete')}
      onConfirm={confirm}
    >
      {item === undefined ? '' : body(item)}
    </ConfirmDialog>
  );
  return { ask: (next: T) => setItem(() => next), dialog };
};
