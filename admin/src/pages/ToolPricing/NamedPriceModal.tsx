import * as React from 'react';
import { Grid } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';

import { DecimalField, FormCell, TextField } from '../../components/FormFields';
import { FormModal } from '../../components/FormModal';
import { useDuplicateName, type TakenName } from '../../hooks/useDuplicateName';
import { useDialogForm } from '../../hooks/useFormSubmit';
import { requiredPriceError } from '../../utils/fieldChecks';
import type { FieldErrors } from '../../utils/errors';
import { useT } from '../../utils/translations';

/** A price entry keyed by a name (a tool price, a multiplier): text fields, and maybe switches. */
export type NamedPrice<T> = { [K in keyof T]: string | boolean };

export type Editing<T> = { open: boolean; item?: T };

/** How one of the two form fields (the name, the decimal) is shown. */
export interface NamedPriceField<T> {
  key: keyof T & string;
  label: string;
  hint?: string;
  placeholder: string;
  col: number;
}

export interface NamedPriceModalProps<T extends NamedPrice<T>> {
  state: Editing<T>;
  /** The form of a new entry; its keys are the fields sent to the API. */
  empty: T;
  nameField: NamedPriceField<T>;
  valueField: NamedPriceField<T>;
  title: (item?: T) => string;
  /** Creates (`name` undefined) or updates the entry named `name`. */
  save: (body: T, name?: string) => Promise<unknown>;
  /** More grid items after the two fields (e.g. a toggle). */
  extraFields?: (form: T, set: <K extends keyof T>(key: K, value: T[K]) => void) => React.ReactNode;
  footnote?: React.ReactNode;
  onClose: () => void;
  onSaved: () => void;
  /** Opens the entry that has the name a save was refused for (409). */
  onOpenExisting?: (existing: TakenName['existing']) => void;
}

/** Creates or edits a named price: a required name (fixed once saved) and a required unsigned decimal. */
export const NamedPriceModal = <T extends NamedPrice<T>>({
  state,
  empty,
  nameField,
  valueField,
  title,
  save,
  extraFields,
  footnote,
  onClose,
  onSaved,
  onOpenExisting,
}: NamedPriceModalProps<T>) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const { values: form, set, errors, setErrors, saving, submit, dirty } = useDialogForm<T>(state.open, () => state.item ?? empty, state);
  const duplicate = useDuplicateName(state.open, onOpenExisting);
  const name = String(form[nameField.key]);
  const value = String(form[valueField.key]);

  const onSubmit = () => {
    const clientErrors: FieldErrors = {};
    if (!name.trim()) clientErrors[nameField.key] = t('errors.required');
    const valueError = requiredPriceError(value, t);
    if (valueError) clientErrors[valueField.key] = valueError;
    return submit(
      clientErrors,
      async () => {
        const fields = Object.fromEntries(Object.keys(empty).map((key) => [key, form[key as keyof T]]));
        const body = { ...fields, [nameField.key]: name.trim(), [valueField.key]: value.trim() } as T;
        await save(body, state.item ? String(state.item[nameField.key]) : undefined);
        toggleNotification({ type: 'success', message: t('common.saved', { name: name.trim() }) });
        onSaved();
      },
      // A taken name is said on the name field (with a link to that entry); other errors as a notification.
      (info) => {
        if (!info.duplicate) toggleNotification({ type: 'danger', message: info.message });
        setErrors(duplicate.fieldErrorsOf(info));
      },
    );
  };

  /** The name (fixed once saved) or the decimal: both required. */
  const fieldItem = (field: NamedPriceField<T>, Input: typeof DecimalField, disabled?: boolean) => (
    <FormCell col={field.col}>
      <Input
        name={field.key}
        label={field.label}
        hint={field.hint}
        placeholder={field.placeholder}
        value={String(form[field.key])}
        error={errors[field.key]}
        errorAction={duplicate.errorAction(field.key)}
        required
        disabled={disabled}
        onChange={(next) => set(field.key, next as T[keyof T & string])}
      />
    </FormCell>
  );

  return (
    <FormModal dirty={dirty} open={state.open} title={title(state.item)} saving={saving} onClose={onClose} onSubmit={onSubmit}>
      <Grid.Root gap={4}>
        {fieldItem(nameField, TextField, Boolean(state.item))}
        {fieldItem(valueField, DecimalField)}
        {extraFields?.(form, set)}
      </Grid.Root>
      {footnote}
    </FormModal>
  );
};
