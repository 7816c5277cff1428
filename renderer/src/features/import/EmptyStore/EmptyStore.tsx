import { Button, EmptyState, Group, Kbd, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconDatabaseImport, IconFileImport, IconSparkles } from '@tabler/icons-react';
import { formatNumber } from '../../../../../common/format';
import { useImport } from '../ImportProvider';
import classes from './EmptyStore.module.css';

export interface EmptyStoreProps {
  /** What the page would list, e.g. "users". */
  noun: string;
  /** Extra explanation under the title. */
  description?: string;
}

/** Shown instead of a grid while the store holds nothing: import files or load the sample. */
export function EmptyStore({ noun, description }: EmptyStoreProps) {
  const { openPicker, loadSample, jobs, uploads } = useImport();
  // The running job; queued ones wait behind it (imports run one at a time).
  const job = jobs.find((j) => j.state !== 'queued') ?? jobs[0];
  const busy = jobs.length > 0 || uploads.length > 0;
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

  return (
    <div className={classes.root} data-testid="empty-state">
      <Paper withBorder radius="lg" p="xl" className={classes.card}>
        <EmptyState
          size="lg"
          variant="light"
          icon={<IconDatabaseImport size={32} stroke={1.5} />}
          title={`No ${noun} yet`}
          description={
            description ??
            'Profile Desk builds user and account profiles from Datadog RUM events. Import event files (NDJSON, JSON arrays, API pages or single events, optionally gzipped) or try the sample data set.'
          }
        >
          <EmptyState.Actions>
            <Group justify="center" gap="sm">
              <Button leftSection={<IconFileImport size={18} />} onClick={openPicker} loading={uploads.length > 0} disabled={busy}>
                Import events…
              </Button>
              <Button variant="light" leftSection={<IconSparkles size={18} />} onClick={() => void loadSample()} disabled={busy}>
                Load sample data
              </Button>
            </Group>
          </EmptyState.Actions>
        </EmptyState>
        {job ? (
          <Stack gap={4} mt="lg">
            <Text size="sm" fw={500}>
              {job.kind === 'sample' ? 'Loading sample data' : `Importing ${job.label}`}…{' '}
              {job.state === 'waiting' ? 'waiting for another import' : job.state === 'queued' ? 'queued' : `${formatNumber(job.events)} events`}
            </Text>
            {job.state === 'running' ? (
              <Progress value={job.totalBytes > 0 ? (job.bytes / job.totalBytes) * 100 : 100} animated striped={job.totalBytes === 0} />
            ) : (
              <Progress value={100} animated striped color="gray" />
            )}
          </Stack>
        ) : (
          <Text size="xs" c="dimmed" ta="center" mt="lg">
            Tip: drop files anywhere on the window, or press <Kbd size="xs">{mod}</Kbd> + <Kbd size="xs">O</Kbd>
          </Text>
        )}
      </Paper>
    </div>
  );
}
