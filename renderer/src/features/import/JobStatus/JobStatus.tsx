import { ActionIcon, Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import { IconHourglass, IconUpload, IconX } from '@tabler/icons-react';
import type { JobProgress } from '../../../../../common/types';
import { basename, formatBytes, formatEta, formatNumber, formatRate } from '../../../../../common/format';
import { useImport } from '../ImportProvider';
import type { UploadState } from '../useUploads';
import classes from './JobStatus.module.css';

function percent(done: number, total: number): number | null {
  return total > 0 ? Math.min(100, (done / total) * 100) : null;
}

function jobTitle(job: JobProgress): string {
  return job.kind === 'sample' ? 'Loading sample data' : /^importing\b/i.test(job.label) ? job.label : `Importing ${job.label}`;
}

interface JobLineProps {
  job: JobProgress;
  cancelling: boolean;
  onCancel: () => void;
}

function JobLine({ job, cancelling, onCancel }: JobLineProps) {
  const pct = percent(job.bytes, job.totalBytes);
  // Another process on the same store (the CLI, a second app) is writing: this job waits for it.
  const waiting = job.state === 'waiting';
  const parts = [pct === null ? 'starting…' : `${Math.floor(pct)}%`, `${formatRate(job.eventsPerSec).replace('/s', ' events/s')}`, `ETA ${formatEta(job.etaMs)}`];
  const details = `${formatNumber(job.events)} events · ${formatBytes(job.bytes)} of ${formatBytes(job.totalBytes)}`;
  const title = jobTitle(job);
  const file = job.file && basename(job.file) !== job.label ? basename(job.file) : null;
  return (
    <Group gap="xs" wrap="nowrap" className={classes.line} data-testid="job-status" data-job-id={job.jobId}>
      <Text size="xs" fw={600} truncate className={classes.label} title={job.file ?? job.label}>
        {title}
        {file ? ` · ${file}` : ''}
      </Text>
      <Progress
        className={classes.bar}
        size="md"
        value={waiting ? 100 : (pct ?? 100)}
        striped={pct === null || waiting}
        animated={pct === null || waiting || cancelling}
        color={cancelling ? 'yellow' : waiting ? 'gray' : undefined}
        aria-label={`${title} progress`}
      />
      <Text size="xs" c="dimmed" className={classes.numbers} data-testid="job-progress-text" title={details}>
        {cancelling ? 'cancelling…' : waiting ? 'Waiting for another import…' : parts.join(' · ')}
      </Text>
      <Tooltip label="Cancel import">
        <ActionIcon size="sm" variant="subtle" color="red" aria-label="Cancel import" onClick={onCancel} disabled={cancelling}>
          <IconX size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** A job waiting for the one before it (imports run one at a time): its name, and cancel. */
function QueuedLine({ job, cancelling, onCancel }: JobLineProps) {
  const title = jobTitle(job);
  return (
    <Group gap={6} wrap="nowrap" className={classes.line} data-testid="job-queued" data-job-id={job.jobId}>
      <IconHourglass size={14} aria-hidden />
      <Text size="xs" c="dimmed" truncate className={classes.label} title={`${title}: starts when the import before it ends`}>
        <Text span inherit fw={600}>
          Queued
        </Text>
        {` · ${job.label}`}
      </Text>
      <Tooltip label="Cancel queued import">
        <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Cancel queued import ${job.label}`} onClick={onCancel} disabled={cancelling}>
          <IconX size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

function UploadLine({ uploads, onCancel }: { uploads: UploadState[]; onCancel: () => void }) {
  const loaded = uploads.reduce((n, u) => n + u.loaded, 0);
  const total = uploads.reduce((n, u) => n + u.total, 0);
  const pct = percent(loaded, total) ?? 0;
  const current = uploads.find((u) => u.loaded < u.total) ?? uploads[0];
  return (
    <Group gap="xs" wrap="nowrap" className={classes.line} data-testid="upload-status">
      <IconUpload size={14} />
      <Text size="xs" fw={600} truncate className={classes.label}>
        Uploading {current?.name}
        {uploads.length > 1 ? ` (+${uploads.length - 1})` : ''}
      </Text>
      <Progress className={classes.bar} size="md" value={pct} aria-label="Upload progress" />
      <Text size="xs" c="dimmed" className={classes.numbers}>
        {Math.floor(pct)}% · {formatBytes(loaded)} of {formatBytes(total)}
      </Text>
      <Tooltip label="Cancel upload">
        <ActionIcon size="sm" variant="subtle" color="red" aria-label="Cancel upload" onClick={onCancel}>
          <IconX size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/**
 * Running uploads and jobs with progress, speed, ETA and cancel, for the status bar: the
 * running job, then the next queued one, then a count of the others.
 */
export function JobStatus() {
  const { jobs: all, uploads, cancelling, cancelJob, cancelUploads } = useImport();
  // Exports show their rows and cancel in their own dialog (features/export), syncs and feed
  // pulls on the Integrations page (features/integrations, features/feeds): none is an import.
  const jobs = all.filter((j) => j.kind !== 'export' && j.kind !== 'sync' && j.kind !== 'feed');
  const [first, ...moreRunning] = jobs.filter((j) => j.state !== 'queued');
  const [next, ...moreQueued] = jobs.filter((j) => j.state === 'queued');
  const rest = [...moreRunning, ...moreQueued];
  const lineProps = (job: JobProgress): JobLineProps => ({ job, cancelling: cancelling.has(job.jobId), onCancel: () => void cancelJob(job.jobId) });
  return (
    <Group gap="md" wrap="nowrap" className={classes.root}>
      {uploads.length > 0 && <UploadLine uploads={uploads} onCancel={cancelUploads} />}
      {first && <JobLine {...lineProps(first)} />}
      {next && <QueuedLine {...lineProps(next)} />}
      {rest.length > 0 && (
        <Tooltip label={rest.map((j) => j.label).join('\n')} multiline>
          <Badge variant="light" size="sm">
            +{rest.length} more
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
