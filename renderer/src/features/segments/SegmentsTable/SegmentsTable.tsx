import { ActionIcon, Badge, Button, Code, Group, Menu, Table, Text, Tooltip } from '@mantine/core';
import { IconCopy, IconDots, IconFileExport, IconPencil, IconTable, IconTrash } from '@tabler/icons-react';
import { formatNumber } from '../../../../../common/format';
import type { SegmentInfo } from '../../../../../common/types';
import { TimeText } from '../../../components/TimeText';
import classes from './SegmentsTable.module.css';

export type SegmentAction = 'open' | 'export' | 'rename' | 'duplicate' | 'delete';

export interface SegmentsTableProps {
  segments: SegmentInfo[];
  onAction: (action: SegmentAction, segment: SegmentInfo) => void;
}

/** Saved segments with their live counts and what can be done with each. */
export function SegmentsTable({ segments, onAction }: SegmentsTableProps) {
  return (
    <Table highlightOnHover verticalSpacing="xs" className={classes.table} data-testid="segments-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Definition</Table.Th>
          <Table.Th className={classes.number}>Profiles</Table.Th>
          <Table.Th>Updated</Table.Th>
          <Table.Th aria-label="Actions" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {segments.map((s) => (
          <Table.Tr key={s.name} data-segment={s.name}>
            <Table.Td>
              <Text fw={600} size="sm" className={classes.name}>
                {s.name}
              </Text>
            </Table.Td>
            <Table.Td className={classes.definition}>
              {s.kind === 'list' ? (
                <Badge variant="light" color="grape" radius="sm" tt="none">
                  Static list
                </Badge>
              ) : (
                <Code className={classes.query} title={s.query ?? ''}>
                  {s.query}
                </Code>
              )}
            </Table.Td>
            <Table.Td className={classes.number} data-testid="segment-count">
              {s.count === null ? (
                <Tooltip label={s.error ?? 'Cannot be counted'} multiline maw={320}>
                  <Badge color="red" variant="light" tt="none">
                    Broken
                  </Badge>
                </Tooltip>
              ) : (
                <Text size="sm" fw={600}>
                  {formatNumber(s.count)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <TimeText value={s.updatedAt} c="dimmed" />
            </Table.Td>
            <Table.Td>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button size="xs" variant="light" leftSection={<IconTable size={14} />} onClick={() => onAction('open', s)} disabled={s.count === null}>
                  Open
                </Button>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${s.name}`}>
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item leftSection={<IconFileExport size={14} />} onClick={() => onAction('export', s)} disabled={s.count === null}>
                      Export CSV…
                    </Menu.Item>
                    <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onAction('rename', s)}>
                      Rename…
                    </Menu.Item>
                    <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => onAction('duplicate', s)}>
                      Duplicate…
                    </Menu.Item>
                    <Menu.Divider />
                    <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => onAction('delete', s)}>
                      Delete…
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
