import { Badge, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import type { FeedInfo, FeedRun, FeedTrigger } from '../../../../../common/feeds';
import { formatDuration, formatNumber } from '../../../../../common/format';
import { useEvent, useQuery } from '../../../api';
import { HistoryDrawer } from '../../../components/HistoryDrawer';
import { Muted } from '../../../components/Muted';
import { TimeText } from '../../../components/TimeText';
import { rangeDates } from '../feedDisplay';
import { FeedFiles } from './FeedFiles';
import classes from './FeedHistory.module.css';

export interface FeedHistoryProps {
  feed: FeedInfo | null;
  onClose: () => void;
}

const STATUS_COLORS: Record<FeedRun['status'], string> = { ok: 'teal', failed: 'red', cancelled: 'yellow', running: 'violet' };
const TRIGGERS: Record<FeedTrigger, string> = { manual: 'Pull now', schedule: 'Schedule', watch: 'Watcher', save: 'Saved' };

function Range({ run }: { run: FeedRun }) {
  const dates = rangeDates(run.from, run.to);
  if (!dates) return <Muted />;
  return (
    <Tooltip label={`${run.from} → ${run.to}`} withinPortal>
      <Stack gap={0} className={classes.range}>
        <Text span inherit>
          {dates.from}
        </Text>
        <Text span inherit c="dimmed">
          to {dates.to}
        </Text>
      </Stack>
    </Tooltip>
  );
}

/** A feed's pulls, newest first (what started each, how it ended, what it read and imported), and a folder's files. */
export function FeedHistory({ feed, onClose }: FeedHistoryProps) {
  const { data, error, loading, reload } = useQuery('feeds.history', feed ? { name: feed.name } : null);
  useEvent('feeds.changed', reload);
  useEvent('job.finished', (f) => {
    if (f.kind === 'feed') reload();
  });
  const runs = data?.runs;
  const kind = feed?.kind ?? 'datadog';

  return (
    <HistoryDrawer
      opened={feed !== null}
      onClose={onClose}
      title={feed ? `Pull history · ${feed.name}` : ''}
      testId="feed-history"
      error={error}
      loading={runs === undefined && loading}
      empty={runs !== undefined && runs.length === 0}
      emptyText="Never pulled yet."
    >
      {runs && runs.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h5">
            Pulls
          </Title>
          <Table verticalSpacing={4} className={classes.table} data-testid="feed-runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Status</Table.Th>
                {kind === 'datadog' && <Table.Th className={classes.number}>Pages</Table.Th>}
                {kind === 'folder' && <Table.Th className={classes.number}>Files</Table.Th>}
                <Table.Th className={classes.number}>Events</Table.Th>
                <Table.Th className={classes.number}>Imported</Table.Th>
                <Table.Th className={classes.number}>Took</Table.Th>
                {kind === 'datadog' && <Table.Th>Range</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.map((run) => (
                <Table.Tr key={run.id} data-run={run.id} data-status={run.status}>
                  <Table.Td>
                    <TimeText value={run.startedAt} className={classes.nowrap} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{TRIGGERS[run.trigger]}</Text>
                  </Table.Td>
                  <Table.Td className={classes.status}>
                    <Badge variant="light" color={STATUS_COLORS[run.status]} tt="none">
                      {run.notModified ? 'not modified' : run.status}
                    </Badge>
                    {run.error && (
                      <Text size="xs" c="red" className={classes.error} data-testid="run-error">
                        {run.error}
                      </Text>
                    )}
                  </Table.Td>
                  {kind === 'datadog' && <Table.Td className={classes.number}>{formatNumber(run.pages)}</Table.Td>}
                  {kind === 'folder' && (
                    <Table.Td className={classes.number}>
                      {formatNumber(run.files)}
                      {run.failedFiles > 0 && (
                        <Text span size="xs" c="red">
                          {' '}
                          ({formatNumber(run.failedFiles)} failed)
                        </Text>
                      )}
                    </Table.Td>
                  )}
                  <Table.Td className={classes.number}>{formatNumber(run.events)}</Table.Td>
                  <Table.Td className={classes.number}>{formatNumber(run.imported)}</Table.Td>
                  <Table.Td className={classes.number}>{formatDuration(run.durationMs)}</Table.Td>
                  {kind === 'datadog' && (
                    <Table.Td>
                      <Range run={run} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      {kind === 'folder' && data && <FeedFiles files={data.files} />}
    </HistoryDrawer>
  );
}
