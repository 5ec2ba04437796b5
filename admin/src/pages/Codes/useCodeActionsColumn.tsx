import { IconButton } from '@strapi/design-system';
import { ClockCounterClockwise, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';

import type { RedemptionCode } from '../../../../contracts';
import { useCodeMutations } from '../../api/codes';
import { CellActions, type Column } from '../../components/DataTable';
import { EnableToggleButton, useDeleteConfirm } from '../../components/RowActions';
import { useBusyAction } from '../../hooks/useBusyAction';
import { useT } from '../../utils/translations';

interface CodeActionsOptions {
  /** codes.update: enable, disable and delete; without it a row only offers its history. */
  canUpdate: boolean;
  onShowRedemptions: (code: RedemptionCode) => void;
}

/**
 * The last column of the codes list — history, enable/disable, delete — and the delete confirmation
 * (render `dialog` once). The code's copy button is in its own cell.
 */
export const useCodeActionsColumn = ({ canUpdate, onShowRedemptions }: CodeActionsOptions) => {
  const t = useT();
  const { setEnabled, remove } = useCodeMutations();
  const { toggleNotification } = useNotification();
  const [busyCodeId, act] = useBusyAction<number>();

  const deletion = useDeleteConfirm<RedemptionCode>({
    title: t('codes.delete.title'),
    body: (code) => t('codes.delete.body', { code: code.code, used: code.usedCount }),
    remove: (code) => remove(code.id),
    deleted: (code) => t('common.deleted', { name: code.code }),
  });

  const toggle = (code: RedemptionCode) =>
    act(code.id, async () => {
      const saved = await setEnabled(code.id, !code.enabled);
      toggleNotification({
        type: 'success',
        message: t(saved.enabled ? 'codes.toggle.enabled' : 'codes.toggle.disabled', { code: saved.code }),
      });
    });

  const column: Column<RedemptionCode> = {
    key: 'actions',
    label: t('common.actions'),
    hideLabel: true,
    align: 'right',
    render: (code) => (
      <CellActions>
        <IconButton label={t('codes.redemptions.open', { code: code.code })} variant="ghost" onClick={() => onShowRedemptions(code)}>
          <ClockCounterClockwise />
        </IconButton>
        {canUpdate && (
          <>
            <EnableToggleButton enabled={code.enabled} busy={busyCodeId === code.id} onToggle={() => toggle(code)} />
            <IconButton label={t('codes.delete.label', { code: code.code })} variant="ghost" onClick={() => deletion.ask(code)}>
              <Trash />
            </IconButton>
          </>
        )}
      </CellActions>
    ),
  };

  return { column, dialog: deletion.dialog };
};
