import * as React from 'react';
import { useClipboard, useNotification } from '@strapi/strapi/admin';

import { useT } from '../utils/translations';

/**
 * `copy(text, copiedMessage)`: puts text on the clipboard (Strapi's own clipboard hook) and says so, or
 * warns when the browser refused (no clipboard permission, a page served over plain HTTP).
 */
export const useCopyText = () => {
  const t = useT();
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();
  return React.useCallback(
    async (text: string, copiedMessage: string) => {
      const copied = await copy(text);
      toggleNotification(copied ? { type: 'success', message: copiedMessage } : { type: 'warning', message: t('common.copyFailed') });
      return copied;
    },
    [copy, t, toggleNotification],
  );
};
