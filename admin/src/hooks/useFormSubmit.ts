import * as React from 'react';

import { parseApiError, type ApiErrorInfo, type FieldErrors } from '../utils/errors';
import { useT } from '../utils/translations';
import { useNotifyApiError } from './useNotifyApiError';

/**
 * The field errors and saving flag of a form, and the usual submit flow:
 * `submit(clientErrors, action)` shows the client errors, and only when there are none runs `action`
 * with `saving` on; a failed request puts the API's field errors on the fields and its message in a
 * notification (or hands the parsed error to `onError` instead).
 */
export const useFormSubmit = () => {
  const t = useT();
  const notifyApiError = useNotifyApiError();
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [saving, setSaving] = React.useState(false);

  const run = async (action: () => Promise<void>, onError?: (info: ApiErrorInfo) => void) => {
    setSaving(true);
    try {
      await action();
    } catch (error) {
      if (onError) onError(parseApiError(error, t('errors.unknown')));
      else setErrors(notifyApiError(error).fieldErrors);
    } finally {
      setSaving(false);
    }
  };

  const submit = async (clientErrors: FieldErrors, action: () => Promise<void>, onError?: (info: ApiErrorInfo) => void) => {
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length) return;
    await run(action, onError);
  };

  return { errors, setErrors, saving, run, submit };
};
