import { Button, Modal } from '@strapi/design-system';
import { useT } from '../utils/translations';

/** The Close button of a dialog: tertiary, closing through the design system's Modal.Close. */
export const ModalCloseButton = () => {
  const t = useT();
  return (
    <Modal.Close>
      <Button variant="tertiary">{t('common.close')}</Button>
    </Modal.Close>
  );
};

/** The footer of a dialog that only shows things: Close alone. */
export const CloseOnlyFooter = () => (
  <Modal.Footer>
    <ModalCloseButton />
  </Modal.Footer>
);
