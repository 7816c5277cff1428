import { Badge, Button, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import type { FeedKind, FeedRun } from '../../../../../common/feeds';
import type { JobProgress } from '../../../../../common/types';
import { ago, progressText, pullSummary } from '../feedDisplay';
import classes from './FeedStatus.module.css';

/** A pull of a feed running now: its job and its latest progress (none before the first). */
export interface RunningPull {
  jobId: string;
  progress: JobProgress | null;
  cancelling: boolean;
}

export interface FeedStatusProps {
  kind: FeedKind;
  lastPull: FeedRun | null;
  running: RunningPull | null;
  /** An earlier pull was interrupted: the next one resumes from its last committed page. */
  resumable: boolean;
  onCancel: (jobId: string) => void;
}

const BADGE = {
  ok: { color: 'teal', label: 'OK' },
  failed: { color: 'red', label: 'Failed' },
  cancelled: { color: 'yellow', label: 'Cancelled' },
  running: { color: 'violet', label: 'Running' },
} as const;

/** A feed's pull state: never pulled, its last pull (with the reason of a failure), or pulling now with live figures and Cancel. */
export function FeedStatus({ kind, lastPull, running, resumable, onCancel }: FeedStatusProps) {
  if (running) {
    const p = running.progress;
    const text = p ? progressText(p, kind) : { status: 'Starting', detail: '' };
    return (
      <Stack gap={2} data-testid="feed-status" data-status="running" className={classes.root}>
        <Group gap={6} wrap="nowrap">
          <Loader size={12} color={p?.state === 'waiting' ? 'yellow' : undefined} />
          <Text size="sm" fw={600} data-testid="feed-progress-status">
            {running.cancelling ? 'Cancelling…' : text.status}
          </Text>
        </Group>
        {text.detail && (
          <Text size="xs" c="dimmed" data-testid="feed-progress" title={p?.coveredTo ? `Covered to ${p.coveredTo}` : undefined}>
            {text.detail}
          </Text>
        )}
        <Button size="compact-xs" variant="subtle" color="red" onClick={() => onCancel(running.jobId)} loading={running.cancelling} className={classes.cancel}>
          Cancel
        </Button>
      </Stack>
    );
  }
  if (!lastPull) {
    return (
      <Badge variant="outline" color="gray" tt="none" data-testid="feed-status" data-status="never">
        Never pulled
      </Badge>
    );
  }
  const badge = BADGE[lastPull.status];
  const when = lastPull.finishedAt ?? lastPull.startedAt;
  return (
    <Stack gap={2} data-testid="feed-status" data-status={lastPull.status} className={classes.root}>
      <Group gap={6} wrap="nowrap">
        <Badge variant="light" color={badge.color} tt="none">
          {badge.label}
        </Badge>
        <Text size="xs" c="dimmed" title={when} className={classes.nowrap}>
          {ago(when)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" data-testid="feed-last-pull">
        {pullSummary(lastPull, kind)}
      </Text>
      {lastPull.status === 'failed' && lastPull.error && (
        <Tooltip label={lastPull.error} multiline maw={360} withinPortal>
          <Text size="xs" c="red" className={classes.error} data-testid="feed-error">
            {lastPull.error}
          </Text>
        </Tooltip>
      )}
      {resumable && lastPull.status !== 'ok' && (
        <Text size="xs" c="dimmed">
          Next pull resumes where it stopped
        </Text>
      )}
    </Stack>
  );
}
