import { PasswordInput } from '@mantine/core';

export interface SecretInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A value is saved already: the field may stay empty to keep it. */
  saved: boolean;
  required?: boolean;
  error?: string;
  description?: string;
  disabled?: boolean;
}

/** A write-only secret: the saved value never comes back from the core, so the field says it is there. */
export function SecretInput({ label, value, onChange, saved, required, error, description, disabled }: SecretInputProps) {
  return (
    <PasswordInput
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      placeholder={saved ? '•••• saved — leave empty to keep' : undefined}
      required={required && !saved}
      error={error}
      description={description}
      autoComplete="off"
      disabled={disabled}
    />
  );
}
