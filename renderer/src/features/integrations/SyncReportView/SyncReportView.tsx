import { Alert, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { SyncReport, SyncRun } from '../../../../../common/attributes';
import { formatDuration, formatNumber } from '../../../../../common/format';
import classes from './SyncReportView.module.css';

export interface SyncReportViewProps {
  /** A run from the history, or a job's report (which also names the first unmatched and duplicate keys). */
  run: SyncRun | SyncReport;
}

function Figure({ label, value, tone }: { label: string; value: number; tone?: 'warn' }) {
  return (
    <div className={classes.figure} data-figure={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={650} size="lg" c={tone === 'warn' && value > 0 ? 'orange' : undefined}>
        {formatNumber(value)}
      </Text>
    </div>
  );
}

function Keys({ title, keys, total }: { title: string; keys: string[]; total: number }) {
  if (keys.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {title}
        {total > keys.length ? ` (first ${formatNumber(keys.length)} of ${formatNumber(total)})` : ''}
      </Text>
      <div className={classes.keys}>
        {keys.map((key) => (
          <Code key={key} className={classes.key}>
            {key}
          </Code>
        ))}
      </div>
    </Stack>
  );
}

/** What one sync did: rows read, keys matched and unmatched, duplicates, and the first such keys. */
export function SyncReportView({ run }: SyncReportViewProps) {
  const report = 'unmatchedKeys' in run ? run : null;
  return (
    <Stack gap="sm" data-testid="sync-report">
      {run.status === 'failed' && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The sync failed: the previous values are kept">
          {run.error}
        </Alert>
      )}
      {run.status === 'ok' && (
        <Group gap={6}>
          <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" />
          <Text size="sm">
            Synced in {formatDuration(run.durationMs)}: {formatNumber(run.matched)} profiles got values.
          </Text>
        </Group>
      )}
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
        <Figure label="Rows read" value={run.rows} />
        <Figure label="Matched" value={run.matched} />
        <Figure label="Unmatched" value={run.unmatched} tone="warn" />
        <Figure label="Duplicates" value={run.duplicates} tone="warn" />
        <Figure label="Blank keys" value={run.blankKeys} tone="warn" />
      </SimpleGrid>
      {report && (
        <>
          <Keys title="Keys that match no profile" keys={report.unmatchedKeys} total={report.unmatched} />
          <Keys title="Keys that appear more than once (the first row won)" keys={report.duplicateKeys} total={report.duplicateKeys.length} />
        </>
      )}
    </Stack>
  );
}
