import * as React from 'react';
import { Button, Modal } from '@strapi/design-system';

import { useT } from '../utils/translations';
import { ConfirmDialog } from './ConfirmDialog';

interface FormModalProps {
  open: boolean;
  title: React.ReactNode;
  saving: boolean;
  onClose: () => void;
  /** Called on submit, after the form event is stopped. */
  onSubmit: () => void;
  children: React.ReactNode;
  /** The submit button's text; `common.save` by default. */
  submitLabel?: React.ReactNode;
  submitVariant?: 'default' | 'danger';
  /** Read-only: no submit button, and the cancel button says `common.close`. */
  readOnly?: boolean;
  /** The form holds changes not saved yet: Esc, Close and Cancel ask before discarding them. */
  dirty?: boolean;
  contentStyle?: React.CSSProperties;
}

/** The fields a form opens on (the first one not disabled), in the order the form shows them. */
const FIRST_FIELD =
  'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), [role="combobox"]:not([aria-disabled="true"]), [role="radio"]:not([disabled])';

/**
 * A modal holding one form: title, body, and a footer with cancel and submit (cannot be closed while saving).
 * It opens with focus on its first field (not on Close), gives focus back to what opened it when it closes
 * (even after a save re-rendered the page), and asks before discarding unsaved changes.
 */
export const FormModal = ({
  open,
  title,
  saving,
  onClose,
  onSubmit,
  children,
  submitLabel,
  submitVariant,
  readOnly,
  dirty,
  contentStyle,
}: FormModalProps) => {
  const t = useT();
  const [askingToDiscard, setAskingToDiscard] = React.useState(false);
  // The element focused when the modal opened (the button or row that opened it).
  const opener = React.useRef<HTMLElement | null>(null);
  if (open && !opener.current && typeof document !== 'undefined' && document.activeElement instanceof HTMLElement) {
    opener.current = document.activeElement;
  }
  React.useEffect(() => {
    if (!open) setAskingToDiscard(false);
  }, [open]);

  const requestClose = () => {
    if (saving) return;
    if (dirty && !readOnly) setAskingToDiscard(true);
    else onClose();
  };

  return (
    <>
      <Modal.Root open={open} onOpenChange={(next: boolean) => !next && requestClose()}>
        <Modal.Content
          style={contentStyle}
          onOpenAutoFocus={(event: Event) => {
            const field = (event.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>(FIRST_FIELD);
            if (!field) return;
            event.preventDefault();
            field.focus();
          }}
          onCloseAutoFocus={(event: Event) => {
            const target = opener.current;
            opener.current = null;
            if (target?.isConnected) {
              event.preventDefault();
              target.focus();
            }
          }}
        >
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
                  {readOnly ? t('common.close') : t('common.cancel')}
                </Button>
              </Modal.Close>
              {!readOnly && (
                <Button type="submit" loading={saving} variant={submitVariant}>
                  {submitLabel ?? t('common.save')}
                </Button>
              )}
            </Modal.Footer>
          </form>
        </Modal.Content>
      </Modal.Root>
      <DiscardChangesDialog
        open={askingToDiscard}
        onOpenChange={setAskingToDiscard}
        onDiscard={() => {
          setAskingToDiscard(false);
          onClose();
        }}
      />
    </>
  );
};

/** "Discard your changes?": asked before a dirty form is closed or left. */
export const DiscardChangesDialog = ({
  open,
  onOpenChange,
  onDiscard,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDiscard: () => void;
}) => {
  const t = useT();
  return (
    <ConfirmDialog open={open} onOpenChange={onOpenChange} title={t('common.discard.title')} confirmLabel={t('common.discard.confirm')} onConfirm={onDiscard}>
      {t('common.discard.body')}
    </ConfirmDialog>
  );
};
