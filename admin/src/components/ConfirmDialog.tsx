import * as React from 'react';
import { Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';

import { useT } from '../utils/translations';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: React.ReactNode;
  children: React.ReactNode;
  confirmLabel?: string;
  variant?: 'danger' | 'default' | 'secondary' | 'success-light' | 'danger-light';
  onConfirm: () => Promise<void> | void;
  /** Disable the confirm button (e.g. while the impact of the action is loading). */
  confirmDisabled?: boolean;
}

/** Confirmation for destructive or far-reaching actions; stays open (loading) until onConfirm settles. */
export const ConfirmDialog = ({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  variant = 'danger',
  onConfirm,
  confirmDisabled,
}: ConfirmDialogProps) => {
  const t = useT();
  const [busy, setBusy] = React.useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill="danger600" />}>
          <Flex direction="column" alignItems="stretch" gap={2} width="100%">
            {typeof children === 'string' ? (
              <Typography tag="p" textAlign="center">
                {children}
              </Typography>
            ) : (
              children
            )}
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary" disabled={busy}>
              {t('common.cancel')}
            </Button>
          </Dialog.Cancel>
          <Button fullWidth variant={variant} onClick={confirm} loading={busy} disabled={confirmDisabled}>
            {confirmLabel ?? t('common.confirm')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
