import * as React from 'react';
import {
  Field,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  TextInput,
  Toggle,
} from '@strapi/design-system';

interface BaseFieldProps {
  name: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  required?: boolean;
  disabled?: boolean;
}

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
  name,
  label,
  hint,
  error,
  required,
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
}: TextFieldProps) => (
  <Field.Root name={name} id={name} hint={hint} error={error} required={required}>
    <Field.Label>{label}</Field.Label>
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
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);

/** A decimal amount typed as text (never parsed into a number). */
export const DecimalField = (props: Omit<TextFieldProps, 'type' | 'inputMode'>) => (
  <TextField {...props} inputMode="decimal" />
);

interface TextareaFieldProps extends BaseFieldProps {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  rows?: number;
  mono?: boolean;
}

export const TextareaField = ({ name, label, hint, error, required, disabled, value, onChange, placeholder, mono }: TextareaFieldProps) => (
  <Field.Root name={name} id={name} hint={hint} error={error} required={required}>
    <Field.Label>{label}</Field.Label>
    <Textarea
      value={value}
      onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
      placeholder={placeholder}
      disabled={disabled}
      style={mono ? { fontFamily: 'SFMono-Regular, Menlo, Consolas, monospace', fontSize: '1.2rem', minHeight: '28rem' } : undefined}
    />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);

interface ToggleFieldProps extends BaseFieldProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  onLabel: string;
  offLabel: string;
}

export const ToggleField = ({ name, label, hint, error, disabled, checked, onChange, onLabel, offLabel }: ToggleFieldProps) => (
  <Field.Root name={name} id={name} hint={hint} error={error}>
    <Field.Label>{label}</Field.Label>
    <Toggle
      checked={checked}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.checked)}
      onLabel={onLabel}
      offLabel={offLabel}
      disabled={disabled}
    />
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);

interface SelectFieldProps<V extends string> extends BaseFieldProps {
  value: V | '';
  onChange: (value: V) => void;
  options: Array<{ value: V; label: string }>;
  placeholder?: string;
  onClear?: () => void;
  size?: 'S' | 'M';
}

export const SelectField = <V extends string>({
  name,
  label,
  hint,
  error,
  required,
  disabled,
  value,
  onChange,
  options,
  placeholder,
  onClear,
  size,
}: SelectFieldProps<V>) => (
  <Field.Root name={name} id={name} hint={hint} error={error} required={required}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect
      value={value}
      onChange={(next: string | number) => onChange(String(next) as V)}
      disabled={disabled}
      placeholder={placeholder}
      onClear={onClear}
      size={size}
    >
      {options.map((option) => (
        <SingleSelectOption key={option.value} value={option.value}>
          {option.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
