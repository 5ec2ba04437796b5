import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';

import { parseApiError, type ApiErrorInfo } from '../utils/errors';
import { useT } from '../utils/translations';

export interface NotifyOptions {
  type?: 'danger' | 'warning';
  /** The message when the error carries none; `errors.unknown` by default. */
  fallback?: string;
}

/** `notifyApiError(error)`: shows the API error's message as a notification and returns the parsed error. */
export const useNotifyApiError = () => {
  const t = useT();
  const { toggleNotification } = useNotification();
  return React.useCallback(
    (error: unknown, { type = 'danger', fallback }: NotifyOptions = {}): ApiErrorInfo => {
      const info = parseApiError(error, fallback ?? t('errors.unknown'));
      toggleNotification({ type, message: info.message });
      return info;
    },
    [t, toggleNotification],
  );
};
