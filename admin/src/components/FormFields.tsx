import * as React from 'react';
import { Field, Grid, SingleSelect, SingleSelectOption, Textarea, TextInput, Toggle } from '@strapi/design-system';

interface BaseFieldProps {
  name: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  /** Shown under the error while there is one (the "Edit the existing one" of a taken name). */
  errorAction?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
}

/** A field's cell in a `Grid.Root` of 12 columns: `col` of them (`s` on a small screen), all on a phone. */
export const FormCell = ({ col, s, children }: { col: number; s?: number; children: React.ReactNode }) => (
  <Grid.Item col={col} s={s} xs={12} direction="column" alignItems="stretch">
    {children}
  </Grid.Item>
);

/** Field.Root with its label, hint and error around one input. */
const FieldFrame = ({ name, label, hint, error, errorAction, required, children }: BaseFieldProps & { children: React.ReactNode }) => (
  <Field.Root name={name} id={name} hint={hint} error={error} required={required}>
    <Field.Label>{label}</Field.Label>
    {children}
    <Field.Hint />
    <Field.Error />
    {error && errorAction}
  </Field.Root>
);

interface TextFieldProps extends BaseFieldProps {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'password' | 'url' | 'number';
  inputMode?: React.HTMLAttributes<HTMLInputElement>['inputMode'];
  endAction?: React.ReactNode;
  startAction?: React.ReactNode;
  autoComplete?: string;
  size?: 'S' | 'M';
}

export const TextField = ({
  disabled,
  value,
  onChange,
  placeholder,
  type = 'text',
  inputMode,
  endAction,
  startAction,
  autoComplete = 'off',
  size,
  ...frame
}: TextFieldProps) => (
  <FieldFrame {...frame}>
    <TextInput
      type={type}
      value={value}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
      placeholder={placeholder}
      disabled={disabled}
      inputMode={inputMode}
      endAction={endAction}
      startAction={startAction}
      autoComplete={autoComplete}
      size={size}
    />
  </FieldFrame>
);

/** A decimal amount typed as text (never parsed into a number). */
export const DecimalField = (props: Omit<TextFieldProps, 'type' | 'inputMode'>) => <TextField {...props} inputMode="decimal" />;

interface TextareaFieldProps extends BaseFieldProps {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  rows?: number;
  mono?: boolean;
}

export const TextareaField = ({ disabled, value, onChange, placeholder, mono, ...frame }: TextareaFieldProps) => (
  <FieldFrame {...frame}>
    <Textarea
      value={value}
      onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
      placeholder={placeholder}
      disabled={disabled}
      style={
        mono ? { fontFamily: 'SFMono-Regular, Menlo, Consolas, monospace', fontSize: '1.2rem', minHeight: '28rem' } : undefined
      }
    />
  </FieldFrame>
);

interface ToggleFieldProps extends BaseFieldProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  onLabel: string;
  offLabel: string;
}

export const ToggleField = ({ disabled, checked, onChange, onLabel, offLabel, ...frame }: ToggleFieldProps) => (
  <FieldFrame {...frame}>
    <Toggle
      checked={checked}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.checked)}
      onLabel={onLabel}
      offLabel={offLabel}
      disabled={disabled}
    />
  </FieldFrame>
);

interface SelectFieldProps<V extends string> extends BaseFieldProps {
  value: V | '';
  onChange: (value: V) => void;
  options: Array<{ value: V; label: string }>;
  placeholder?: string;
  /** Offers to clear a chosen value: `onChange('')`. */
  clearable?: boolean;
  size?: 'S' | 'M';
}

export const SelectField = <V extends string>({
  disabled,
  value,
  onChange,
  options,
  placeholder,
  clearable,
  size,
  ...frame
}: SelectFieldProps<V>) => (
  <FieldFrame {...frame}>
    <SingleSelect
      value={value}
      onChange={(next: string | number) => onChange(String(next) as V)}
      disabled={disabled}
      placeholder={placeholder}
      onClear={clearable && value ? () => onChange('' as V) : undefined}
      size={size}
    >
      {options.map((option) => (
        <SingleSelectOption key={option.value} value={option.value}>
          {option.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  </FieldFrame>
);
