import * as React from 'react';

import { useNotifyApiError, type NotifyOptions } from './useNotifyApiError';

/**
 * `const [busy, act] = useBusyAction<string>()`: `act(key, action)` runs an action that may fail with
 * `busy === key` meanwhile (a button's loading state), and shows a failure as a notification.
 */
export const useBusyAction = <K>() => {
  const notifyApiError = useNotifyApiError();
  const [busy, setBusy] = React.useState<K>();
  const act = async (key: K, action: () => Promise<unknown>, options?: NotifyOptions) => {
    setBusy(key);
    try {
      await action();
    } catch (error) {
      notifyApiError(error, options);
    } finally {
      setBusy(undefined);
    }
  };
  return [busy, act] as const;
};
