import { Badge, Stack, Text } from '@mantine/core';
import type { SyncRun } from '../../../../../common/attributes';
import { formatNumber } from '../../../../../common/format';
import { NeverRunBadge, RUN_BADGES, RunError, RunningStatus } from '../../../components/RunStatus';
import classes from './SyncStatus.module.css';

export interface SyncStatusProps {
  lastSync: SyncRun | null;
  /** The sync job running now, if any. */
  running: { jobId: string; rows: number; cancelling: boolean } | null;
  onCancel: (jobId: string) => void;
}

/** A source's state: never synced, synced, failed (with the reason), or syncing now with live rows and Cancel. */
export function SyncStatus({ lastSync, running, onCancel }: SyncStatusProps) {
  if (running) {
    return (
      <RunningStatus testId="sync-status" label="Syncing" cancelling={running.cancelling} onCancel={() => onCancel(running.jobId)}>
        <Text size="xs" c="dimmed" data-testid="sync-rows">
          {formatNumber(running.rows)} rows read
        </Text>
      </RunningStatus>
    );
  }
  if (!lastSync) return <NeverRunBadge testId="sync-status">Never synced</NeverRunBadge>;
  const badge = RUN_BADGES[lastSync.status];
  return (
    <Stack gap={2} data-testid="sync-status" data-status={lastSync.status}>
      <Badge variant="light" color={badge.color} tt="none">
        {badge.label}
      </Badge>
      {lastSync.status === 'failed' && lastSync.error && <RunError error={lastSync.error} testId="sync-error" className={classes.error} />}
    </Stack>
  );
}
