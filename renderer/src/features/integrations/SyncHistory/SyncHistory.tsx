import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import type { SourceInfo, SyncReport, SyncRun } from '../../../../../common/attributes';
import { formatDuration, formatNumber } from '../../../../../common/format';
import { useEvent, useQuery } from '../../../api';
import { HistoryDrawer } from '../../../components/HistoryDrawer';
import { TimeText } from '../../../components/TimeText';
import { SyncReportView } from '../SyncReportView';
import classes from './SyncHistory.module.css';

export interface SyncHistoryProps {
  source: SourceInfo | null;
  /** The source's last report seen on this page (it names the first unmatched and duplicate keys). */
  lastReport: SyncReport | null;
  onClose: () => void;
}

const STATUS_COLORS: Record<SyncRun['status'], string> = { ok: 'teal', failed: 'red', cancelled: 'yellow', running: 'violet' };
const TRIGGERS: Record<SyncRun['trigger'], string> = { manual: 'Sync now', schedule: 'Schedule', save: 'Saved' };

/** A source's syncs, newest first, and the last one's report in full. */
export function SyncHistory({ source, lastReport, onClose }: SyncHistoryProps) {
  const { data, error, loading, reload } = useQuery('sources.history', source ? { name: source.name } : null);
  useEvent('sources.changed', reload);
  useEvent('job.finished', reload);
  const runs = data?.runs;
  const latest = runs?.[0];
  // The job's report when it is the latest run; else the run as the history keeps it.
  const shown = latest && lastReport && lastReport.id === latest.id ? lastReport : (latest ?? null);

  return (
    <HistoryDrawer
      opened={source !== null}
      onClose={onClose}
      title={source ? `Sync history · ${source.name}` : ''}
      testId="sync-history"
      error={error}
      loading={runs === undefined && loading}
      empty={runs !== undefined && runs.length === 0}
      emptyText="Never synced yet."
    >
      {shown && (
        <Stack gap="xs">
          <Title order={2} size="h5">
            Last sync
          </Title>
          <SyncReportView run={shown} />
        </Stack>
      )}
      {runs && runs.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h5">
            Runs
          </Title>
          <Table verticalSpacing={4} className={classes.table} data-testid="history-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th className={classes.number}>Rows</Table.Th>
                <Table.Th className={classes.number}>Matched</Table.Th>
                <Table.Th className={classes.number}>Unmatched</Table.Th>
                <Table.Th className={classes.number}>Dup.</Table.Th>
                <Table.Th className={classes.number}>Took</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.map((run) => (
                <Table.Tr key={run.id} data-run={run.id}>
                  <Table.Td>
                    <TimeText value={run.startedAt} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{TRIGGERS[run.trigger]}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLORS[run.status]} tt="none" title={run.error ?? undefined}>
                      {run.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td className={classes.number}>{formatNumber(run.rows)}</Table.Td>
                  <Table.Td className={classes.number}>{formatNumber(run.matched)}</Table.Td>
                  <Table.Td className={classes.number}>{formatNumber(run.unmatched)}</Table.Td>
                  <Table.Td className={classes.number}>{formatNumber(run.duplicates)}</Table.Td>
                  <Table.Td className={classes.number}>{formatDuration(run.durationMs)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </HistoryDrawer>
  );
}
