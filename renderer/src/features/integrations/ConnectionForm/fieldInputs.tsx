import { TextInput } from '@mantine/core';
import type { Values } from './connectionFields';
import { SecretInput } from './SecretInput';

export interface FieldsProps {
  values: Values;
  set: (field: string, value: string) => void;
  errors: Record<string, string>;
  savedSecrets: readonly string[];
  disabled: boolean;
}

/** The two kinds of input a connection form is made of, bound to the form's values and errors. */
export function fieldInputs({ values, set, errors, savedSecrets, disabled }: FieldsProps) {
  const text = (field: string, label: string, extra: { placeholder?: string; description?: string; required?: boolean } = {}) => (
    <TextInput label={label} value={values[field] ?? ''} onChange={(e) => set(field, e.currentTarget.value)} error={errors[field]} disabled={disabled} {...extra} />
  );
  /** Write-only: a saved secret shows as saved, never as its value. */
  const secret = (field: string, label: string, required: boolean, description?: string) => (
    <SecretInput
      label={label}
      value={values[field] ?? ''}
      onChange={(v) => set(field, v)}
      saved={savedSecrets.includes(field)}
      required={required}
      error={errors[field]}
      description={description}
      disabled={disabled}
    />
  );
  return { text, secret };
}
