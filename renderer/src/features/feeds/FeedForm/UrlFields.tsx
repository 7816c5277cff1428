import { Group, Input, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { SecretInput } from '../../integrations/ConnectionForm/SecretInput';
import type { AuthChoice } from '../feedForm';
import type { FeedFieldsProps } from './fields';
import classes from './FeedForm.module.css';

const AUTH: Array<{ value: AuthChoice; label: string }> = [
  { value: 'none', label: 'None' },
  { value: 'bearer', label: 'Bearer token' },
  { value: 'header', label: 'Custom header' },
];

/** A URL serving an event file, and how to authenticate to it (the token or header value is a secret). */
export function UrlFields({ values, set, errors, savedSecrets, disabled }: FeedFieldsProps) {
  return (
    <Stack gap="sm">
      <TextInput
        label="URL"
        placeholder="https://exports.example.com/rum/events.ndjson.gz"
        description="NDJSON, JSON or API pages, gzipped or not; unchanged content (ETag, Last-Modified) is not fetched again"
        value={values.url}
        onChange={(e) => set('url', e.currentTarget.value)}
        error={errors.url}
        required
        disabled={disabled}
        spellCheck={false}
      />
      <Stack gap={6}>
        <Input.Label>Authentication</Input.Label>
        <SegmentedControl value={values.auth} onChange={(v) => set('auth', v as AuthChoice)} data={AUTH} aria-label="Authentication" disabled={disabled} className={classes.segmented} />
      </Stack>
      {values.auth === 'bearer' && (
        <SecretInput
          label="Token"
          value={values.token}
          onChange={(v) => set('token', v)}
          saved={savedSecrets.includes('header:Authorization')}
          required
          error={errors.token}
          description="Sent as Authorization: Bearer …"
          disabled={disabled}
        />
      )}
      {values.auth === 'header' && (
        <Group gap="sm" align="flex-start" grow>
          <TextInput
            label="Header name"
            placeholder="X-Api-Key"
            value={values.headerName}
            onChange={(e) => set('headerName', e.currentTarget.value)}
            error={errors.headerName}
            required
            disabled={disabled}
            spellCheck={false}
          />
          <SecretInput
            label="Header value"
            value={values.headerValue}
            onChange={(v) => set('headerValue', v)}
            saved={values.headerName.trim() !== '' && savedSecrets.includes(`header:${values.headerName.trim()}`)}
            required
            error={errors.headerValue}
            disabled={disabled}
          />
        </Group>
      )}
    </Stack>
  );
}
