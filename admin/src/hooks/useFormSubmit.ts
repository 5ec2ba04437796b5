import * as React from 'react';

import { parseApiError, type ApiErrorInfo, type FieldErrors } from '../utils/errors';
import { useT } from '../utils/translations';
import { useNotifyApiError } from './useNotifyApiError';

/** The fields the design system marks invalid (Field.Root with an error sets aria-invalid on its input). */
const INVALID_FIELD = '[aria-invalid="true"]';

/**
 * Moves focus to the first invalid field of `scope`, in the order the form shows them, so a keyboard or
 * screen-reader user lands on what needs fixing rather than on the Save button.
 */
export const focusFirstInvalid = (scope: ParentNode) => {
  const field = scope.querySelector<HTMLElement>(INVALID_FIELD);
  if (!field) return false;
  field.focus();
  return true;
};

/** The form the user is submitting from (the focused Save button's form), else the open dialog, else the page. */
const currentFormScope = (): ParentNode => {
  const active = document.activeElement;
  const form = active instanceof HTMLElement ? active.closest('form') : null;
  if (form) return form;
  const dialogs = document.querySelectorAll('[role="dialog"]');
  return dialogs[dialogs.length - 1] ?? document;
};

/**
 * The field errors and saving flag of a form, and the usual submit flow:
 * `submit(clientErrors, action)` shows the client errors, and only when there are none runs `action`
 * with `saving` on; a failed request puts the API's field errors on the fields and its message in a
 * notification (or hands the parsed error to `onError` instead). After either kind of field error, focus
 * moves to the first invalid field. `clearError(key)` takes a field's error away once its value is edited
 * (the value is checked again on the next save), so a fixed field does not stay red.
 */
export const useFormSubmit = () => {
  const t = useT();
  const notifyApiError = useNotifyApiError();
  const [errors, setErrorsState] = React.useState<FieldErrors>({});
  const [saving, setSaving] = React.useState(false);
  // Where to move focus once the errors just set are rendered (null: nothing to do).
  const focusScope = React.useRef<ParentNode | null>(null);

  const setErrors = React.useCallback((next: FieldErrors) => {
    if (Object.keys(next).length) focusScope.current = currentFormScope();
    setErrorsState(next);
  }, []);

  /** Clears `key`'s error and those of its parts (`tools` clears `tools[0].price` and `tools.web_search`). */
  const clearError = React.useCallback((key: string) => {
    const covers = (name: string) => name === key || name.startsWith(`${key}[`) || name.startsWith(`${key}.`);
    setErrorsState((current) => {
      const kept = Object.entries(current).filter(([name]) => !covers(name));
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
    });
  }, []);

  React.useEffect(() => {
    const scope = focusScope.current;
    if (!scope || !Object.keys(errors).length) return;
    focusScope.current = null;
    // After the design system has rendered the invalid state of the fields.
    const frame = requestAnimationFrame(() => focusFirstInvalid(scope));
    return () => cancelAnimationFrame(frame);
  }, [errors]);

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

  return { errors, setErrors, clearError, saving, run, submit };
};

/**
 * The form of a dialog: its values, started over from `initial()` each time the dialog opens (and when
 * `resetKey` changes while it is open), with the submit flow of useFormSubmit (errors cleared too).
 * `set(key, value)` changes one value (and clears that field's error); `field(key)` binds an input to one.
 * `dirty` says whether any value differs from what the dialog opened with.
 */
export const useDialogForm = <F>(open: boolean, initial: () => F, resetKey?: unknown) => {
  const form = useFormSubmit();
  const [values, setValues] = React.useState<F>(initial);
  const [startValues, setStartValues] = React.useState<F>(values);
  const { setErrors, clearError } = form;

  React.useEffect(() => {
    if (!open) return;
    const start = initial();
    setValues(start);
    setStartValues(start);
    setErrors({});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, resetKey]);

  const set = <K extends keyof F>(key: K, value: F[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    clearError(String(key));
  };
  /** The props that bind a text input to `values[key]`: `<TextField {...field('name')} label=… />`. */
  const field = <K extends keyof F & string>(key: K) => ({
    name: key,
    value: values[key],
    error: form.errors[key],
    onChange: (value: F[K]) => set(key, value),
  });
  const dirty = JSON.stringify(values) !== JSON.stringify(startValues);
  return { ...form, values, setValues, set, field, dirty };
};
