import { Badge, Button, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import type { SyncRun } from '../../../../../common/attributes';
import { formatNumber } from '../../../../../common/format';
import classes from './SyncStatus.module.css';

export interface SyncStatusProps {
  lastSync: SyncRun | null;
  /** The sync job running now, if any. */
  running: { jobId: string; rows: number; cancelling: boolean } | null;
  onCancel: (jobId: string) => void;
}

const BADGE = {
  ok: { color: 'teal', label: 'OK' },
  failed: { color: 'red', label: 'Failed' },
  cancelled: { color: 'yellow', label: 'Cancelled' },
  running: { color: 'violet', label: 'Running' },
} as const;

/** A source's state: never synced, synced, failed (with the reason), or syncing now with live rows and Cancel. */
export function SyncStatus({ lastSync, running, onCancel }: SyncStatusProps) {
  if (running) {
    return (
      <Stack gap={2} data-testid="sync-status" data-status="running">
        <Group gap={6} wrap="nowrap">
          <Loader size={12} />
          <Text size="sm" fw={600}>
            Syncing
          </Text>
        </Group>
        <Text size="xs" c="dimmed" data-testid="sync-rows">
          {formatNumber(running.rows)} rows read
        </Text>
        <Button size="compact-xs" variant="subtle" color="red" onClick={() => onCancel(running.jobId)} loading={running.cancelling} className={classes.cancel}>
          Cancel
        </Button>
      </Stack>
    );
  }
  if (!lastSync) {
    return (
      <Badge variant="outline" color="gray" tt="none" data-testid="sync-status" data-status="never">
        Never synced
      </Badge>
    );
  }
  const badge = BADGE[lastSync.status];
  return (
    <Stack gap={2} data-testid="sync-status" data-status={lastSync.status}>
      <Badge variant="light" color={badge.color} tt="none">
        {badge.label}
      </Badge>
      {lastSync.status === 'failed' && lastSync.error && (
        <Tooltip label={lastSync.error} multiline maw={360} withinPortal>
          <Text size="xs" c="red" className={classes.error} data-testid="sync-error">
            {lastSync.error}
          </Text>
        </Tooltip>
      )}
    </Stack>
  );
}
