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

/**
 * The form of a dialog: its values, started over from `initial()` each time the dialog opens (and when
 * `resetKey` changes while it is open), with the submit flow of useFormSubmit (errors cleared too).
 * `set(key, value)` changes one value; `field(key)` binds an input to one.
 */
export const useDialogForm = <F>(open: boolean, initial: () => F, resetKey?: unknown) => {
  const form = useFormSubmit();
  const [values, setValues] = React.useState<F>(initial);
  const { setErrors } = form;

  React.useEffect(() => {
    if (!open) return;
    setValues(initial());
    setErrors({});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, resetKey]);

  const set = <K extends keyof F>(key: K, value: F[K]) => setValues((current) => ({ ...current, [key]: value }));
  /** The props that bind a text input to `values[key]`: `<TextField {...field('name')} label=… />`. */
  const field = <K extends keyof F & string>(key: K) => ({
    name: key,
    value: values[key],
    error: form.errors[key],
    onChange: (value: F[K]) => set(key, value),
  });
  return { ...form, values, setValues, set, field };
};
