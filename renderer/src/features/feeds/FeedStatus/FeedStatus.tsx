import { Badge, Group, Stack, Text } from '@mantine/core';
import type { FeedKind, FeedRun } from '../../../../../common/feeds';
import type { JobProgress } from '../../../../../common/types';
import { NeverRunBadge, RUN_BADGES, RunError, RunningStatus } from '../../../components/RunStatus';
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

/** A feed's pull state: never pulled, its last pull (with the reason of a failure), or pulling now with live figures and Cancel. */
export function FeedStatus({ kind, lastPull, running, resumable, onCancel }: FeedStatusProps) {
  if (running) {
    const p = running.progress;
    const text = p ? progressText(p, kind) : { status: 'Starting', detail: '' };
    return (
      <RunningStatus
        testId="feed-status"
        className={classes.root}
        label={running.cancelling ? 'Cancelling…' : text.status}
        labelTestId="feed-progress-status"
        loaderColor={p?.state === 'waiting' ? 'yellow' : undefined}
        cancelling={running.cancelling}
        onCancel={() => onCancel(running.jobId)}
      >
        {text.detail && (
          <Text size="xs" c="dimmed" data-testid="feed-progress" title={p?.coveredTo ? `Covered to ${p.coveredTo}` : undefined}>
            {text.detail}
          </Text>
        )}
      </RunningStatus>
    );
  }
  if (!lastPull) return <NeverRunBadge testId="feed-status">Never pulled</NeverRunBadge>;
  const badge = RUN_BADGES[lastPull.status];
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
      {lastPull.status === 'failed' && lastPull.error && <RunError error={lastPull.error} testId="feed-error" className={classes.error} />}
      {resumable && lastPull.status !== 'ok' && (
        <Text size="xs" c="dimmed">
          Next pull resumes where it stopped
        </Text>
      )}
    </Stack>
  );
}
