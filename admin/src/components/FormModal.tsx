import * as React from 'react';
import { Button, Modal } from '@strapi/design-system';

import { useT } from '../utils/translations';

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
  contentStyle?: React.CSSProperties;
}

/** A modal holding one form: title, body, and a footer with cancel and submit (cannot be closed while saving). */
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
  contentStyle,
}: FormModalProps) => {
  const t = useT();
  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => !next && !saving && onClose()}>
      <Modal.Content style={contentStyle}>
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
  );
};
