import { ActionIcon, Badge, Button, Code, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { IconArrowsLeftRight, IconDots, IconHistory, IconPencil, IconRefresh, IconTrash } from '@tabler/icons-react';
import type { SourceInfo, SyncRun } from '../../../../../common/attributes';
import { formatDuration, formatNumber } from '../../../../../common/format';
import { Muted } from '../../../components/Muted';
import { TimeText } from '../../../components/TimeText';
import { formatRelative } from '../../../lib/format';
import { KindIcon } from '../KindIcon';
import { scheduleLabel } from '../schedule';
import { SyncStatus } from '../SyncStatus';
import classes from './SourcesTable.module.css';

export type SourceAction = 'sync' | 'edit' | 'history' | 'remove';

export interface RunningSync {
  jobId: string;
  rows: number;
  cancelling: boolean;
}

export interface SourcesTableProps {
  sources: SourceInfo[];
  /** The sync running now per source name. */
  running: (source: SourceInfo) => RunningSync | null;
  onAction: (action: SourceAction, source: SourceInfo) => void;
  onCancel: (jobId: string) => void;
}

function LastSync({ run }: { run: SyncRun | null }) {
  if (!run) return <Muted />;
  return (
    <Stack gap={0} data-testid="last-sync" className={classes.lastSync}>
      <TimeText value={run.finishedAt ?? run.startedAt} className={classes.nowrap} />
      <Text size="xs" c="dimmed">
        {formatNumber(run.rows)} rows · {formatNumber(run.matched)} matched
      </Text>
      <Text size="xs" c="dimmed">
        {formatNumber(run.unmatched)} unmatched · {formatNumber(run.duplicates)} dup. · {formatDuration(run.durationMs)}
      </Text>
    </Stack>
  );
}

function NextSync({ source }: { source: SourceInfo }) {
  return (
    <Stack gap={0} className={classes.schedule}>
      <Text size="sm">{scheduleLabel(source.schedule)}</Text>
      {source.nextSyncAt && (
        <Text size="xs" c="dimmed" title={source.nextSyncAt}>
          next {formatRelative(source.nextSyncAt)}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Every imported attribute, one row each; the cells about its source (where it reads, how it
 * joins, its syncs and actions) span the rows of that source's attributes.
 */
export function SourcesTable({ sources, running, onAction, onCancel }: SourcesTableProps) {
  return (
    <Table verticalSpacing={6} horizontalSpacing="xs" className={classes.table} data-testid="attributes-table" withRowBorders>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Attribute</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Source</Table.Th>
          <Table.Th>Join</Table.Th>
          <Table.Th>Last sync</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Schedule</Table.Th>
          <Table.Th aria-label="Actions" />
        </Table.Tr>
      </Table.Thead>
      {sources.map((source) => {
        const span = source.attributes.length;
        const sync = running(source);
        return (
          <Table.Tbody key={source.name} data-source={source.name} className={classes.source}>
            {source.attributes.map((attribute, i) => (
              <Table.Tr key={attribute.name} data-attribute={attribute.name}>
                <Table.Td className={classes.attribute}>
                  <Code className={classes.name}>{attribute.name}</Code>
                  <Text size="xs" c="dimmed" title={`Column ${attribute.column}`} data-testid="attribute-label">
                    {attribute.label}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray" tt="none" radius="sm" className={classes.type}>
                    {attribute.type}
                  </Badge>
                </Table.Td>
                {i === 0 && (
                  <>
                    <Table.Td rowSpan={span} className={classes.sourceCell}>
                      <Group gap={8} wrap="nowrap" align="flex-start">
                        <KindIcon kind={source.kind} size="md" />
                        <Stack gap={0} className={classes.shrink}>
                          <Text size="sm" fw={600} className={classes.wrap} data-testid="source-name">
                            {source.name}
                          </Text>
                          <Text size="xs" c="dimmed" className={classes.wrap} title={source.path ?? source.table ?? ''} data-testid="source-table">
                            {source.entity === 'users' ? 'User' : 'Account'} profiles · {source.table ?? source.path ?? '—'}
                          </Text>
                          {source.connection && (
                            <Text size="xs" c="dimmed" className={classes.wrap}>
                              via {source.connection}
                            </Text>
                          )}
                        </Stack>
                      </Group>
                    </Table.Td>
                    <Table.Td rowSpan={span} data-testid="source-join">
                      <Group gap={6} wrap="nowrap" className={classes.nowrap}>
                        <Text size="sm" className={classes.joinColumn} title={source.join.column}>
                          {source.join.column}
                        </Text>
                        <IconArrowsLeftRight size={14} aria-label="matches" className={classes.noShrink} />
                        <Code className={classes.noShrink}>{source.join.attribute}</Code>
                      </Group>
                    </Table.Td>
                    <Table.Td rowSpan={span}>
                      <LastSync run={source.lastSync} />
                    </Table.Td>
                    <Table.Td rowSpan={span}>
                      <SyncStatus lastSync={source.lastSync} running={sync} onCancel={onCancel} />
                    </Table.Td>
                    <Table.Td rowSpan={span}>
                      <NextSync source={source} />
                    </Table.Td>
                    <Table.Td rowSpan={span}>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={() => onAction('sync', source)} disabled={sync !== null}>
                          Sync now
                        </Button>
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${source.name}`}>
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onAction('edit', source)} disabled={sync !== null}>
                              Edit…
                            </Menu.Item>
                            <Menu.Item leftSection={<IconHistory size={14} />} onClick={() => onAction('history', source)}>
                              History…
                            </Menu.Item>
                            <Menu.Divider />
                            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => onAction('remove', source)}>
                              Remove…
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      </Group>
                    </Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        );
      })}
    </Table>
  );
}
