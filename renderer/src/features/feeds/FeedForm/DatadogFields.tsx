import { Code, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DATADOG_SITES, type DatadogSite } from '../../../../../common/feeds';
import { SecretInput } from '../../integrations/ConnectionForm/SecretInput';
import type { FeedFieldsProps } from './fields';
import classes from './FeedForm.module.css';

const SITES = DATADOG_SITES.map((site) => ({ value: site, label: site }));

/** The RUM Events API: where (a site, or a proxy), the two keys, which events, from when. */
export function DatadogFields({ values, set, errors, savedSecrets, disabled }: FeedFieldsProps) {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label="Datadog site"
          data={SITES}
          value={values.site}
          onChange={(v) => v && set('site', v as DatadogSite)}
          allowDeselect={false}
          error={errors.site}
          disabled={disabled}
          description={`The API at https://api.${values.site}`}
        />
        <TextInput
          label="API base URL override (proxy)"
          placeholder="https://proxy.example.com"
          description="Optional: replaces the site’s API address"
          value={values.baseUrl}
          onChange={(e) => set('baseUrl', e.currentTarget.value)}
          error={errors.baseUrl}
          disabled={disabled}
        />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm">
        <SecretInput
          label="API key"
          value={values.apiKey}
          onChange={(v) => set('apiKey', v)}
          saved={savedSecrets.includes('apiKey')}
          required
          error={errors.apiKey}
          description="Organization settings › API keys"
          disabled={disabled}
        />
        <SecretInput
          label="Application key"
          value={values.appKey}
          onChange={(v) => set('appKey', v)}
          saved={savedSecrets.includes('appKey')}
          required
          error={errors.appKey}
          description="Personal or service account, with rum_apps_read"
          disabled={disabled}
        />
      </SimpleGrid>
      <TextInput
        label="Query"
        description={
          <Text span size="xs" c="dimmed">
            Datadog search syntax; <Code>*</Code> for every event, or e.g. <Code>@application.id:… @type:(view OR action)</Code>
          </Text>
        }
        value={values.query}
        onChange={(e) => set('query', e.currentTarget.value)}
        error={errors.query}
        disabled={disabled}
        classNames={{ input: classes.mono }}
        spellCheck={false}
      />
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label="First pull from"
          description="now-7d, 2025-03-01 or an ISO time"
          value={values.from}
          onChange={(e) => set('from', e.currentTarget.value)}
          error={errors.from}
          disabled={disabled}
          classNames={{ input: classes.mono }}
          spellCheck={false}
        />
        <NumberInput
          label="Lookback (minutes)"
          description="Re-read at each pull, for late events"
          value={values.lookbackMinutes}
          onChange={(v) => set('lookbackMinutes', typeof v === 'number' ? v : Number(v) || 0)}
          min={0}
          max={24 * 60}
          allowDecimal={false}
          error={errors.lookbackMinutes}
          disabled={disabled}
        />
      </SimpleGrid>
    </Stack>
  );
}
