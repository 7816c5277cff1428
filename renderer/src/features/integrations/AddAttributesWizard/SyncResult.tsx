import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { formatNumber } from '../../../../../common/format';
import { SyncReportView } from '../SyncReportView';
import { useSyncJobs } from '../syncJobs';

export interface SyncResultProps {
  sourceName: string;
  jobId: string | null;
}

/** After saving: the first sync's live rows (with Cancel), then its report. */
export function SyncResult({ sourceName, jobId }: SyncResultProps) {
  const jobs = useSyncJobs();
  if (jobId === null) {
    return (
      <Text size="sm" data-testid="sync-result">
        Saved “{sourceName}”. It syncs on its schedule or with Sync now.
      </Text>
    );
  }
  const end = jobs.ended.get(jobId);
  if (!end) {
    const cancelling = jobs.cancelling.has(jobId);
    return (
      <Stack gap="xs" data-testid="sync-result" data-state="running">
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm" fw={600}>
            Saved “{sourceName}”: syncing…
          </Text>
        </Group>
        <Group gap="md">
          <Text size="sm" c="dimmed" data-testid="sync-rows">
            {formatNumber(jobs.rows.get(jobId) ?? 0)} rows read
          </Text>
          <Button size="xs" variant="subtle" color="red" onClick={() => jobs.cancel(jobId)} loading={cancelling}>
            Cancel sync
          </Button>
        </Group>
      </Stack>
    );
  }
  if (!end.ok) {
    return (
      <Alert
        color={end.error.code === 'cancelled' ? 'yellow' : 'red'}
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        title={end.error.code === 'cancelled' ? 'The first sync was cancelled' : 'Saved, but the first sync failed'}
        data-testid="sync-result"
        data-state="failed"
      >
        {end.error.code === 'cancelled'
          ? 'The source is saved; its values come with its next sync.'
          : `${end.error.message} The source is saved: fix the cause, then Sync now or Edit it.`}
      </Alert>
    );
  }
  return (
    <Stack gap="sm" data-testid="sync-result" data-state="done">
      <Text size="sm" fw={600}>
        Saved “{sourceName}” and synced it.
      </Text>
      <SyncReportView run={end.report} />
    </Stack>
  );
}
