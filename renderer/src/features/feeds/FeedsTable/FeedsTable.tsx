import { ActionIcon, Badge, Button, Code, Group, Menu, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconDots, IconDownload, IconHistory, IconPencil, IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { FeedInfo } from '../../../../../common/feeds';
import { Muted } from '../../../components/Muted';
import { scheduleLabel } from '../../integrations/schedule';
import { feedTiming, feedWhere, rangeText } from '../feedDisplay';
import { FeedKindIcon } from '../FeedKindIcon';
import { FeedStatus, type RunningPull } from '../FeedStatus';
import classes from './FeedsTable.module.css';

export type FeedAction = 'pull' | 'pause' | 'resume' | 'edit' | 'history' | 'remove';

export interface FeedsTableProps {
  feeds: FeedInfo[];
  /** The pull running now per feed. */
  running: (feed: FeedInfo) => RunningPull | null;
  onAction: (action: FeedAction, feed: FeedInfo) => void;
  onCancel: (jobId: string) => void;
}

function FeedCell({ feed }: { feed: FeedInfo }) {
  const where = feedWhere(feed);
  const query = feed.kind === 'datadog' ? String(feed.settings.query ?? '*') : null;
  return (
    <Group gap={8} wrap="nowrap" align="flex-start">
      <FeedKindIcon kind={feed.kind} />
      <Stack gap={2} className={classes.shrink}>
        <Text size="sm" fw={600} className={classes.wrap} data-testid="feed-name">
          {feed.name}
        </Text>
        <Text size="xs" c="dimmed" className={classes.wrap} title={where} data-testid="feed-where">
          {where}
        </Text>
        {query !== null &&
          (query === '*' ? (
            <Text size="xs" c="dimmed" data-testid="feed-query" data-query={query}>
              All RUM events
            </Text>
          ) : (
            <Code className={classes.query} title={query} data-testid="feed-query" data-query={query}>
              {query}
            </Code>
          ))}
      </Stack>
    </Group>
  );
}

/**
 * The time now, read at each render, with a render every half minute: ages ("2 minutes ago",
 * "next in 5 minutes") stay true while the page is open, and never lag a list just re-read.
 */
function useNow(): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  return Date.now();
}

function Covered({ feed, now }: { feed: FeedInfo; now: number }) {
  const range = feed.covered ? rangeText(feed.covered.from, feed.covered.to, now) : null;
  if (!range) return <Muted />;
  return (
    <Tooltip label={range.title} withinPortal>
      <Text size="sm" className={classes.covered} data-testid="feed-covered">
        {range.text}
      </Text>
    </Tooltip>
  );
}

function Timing({ feed, now }: { feed: FeedInfo; now: number }) {
  const timing = feedTiming(feed, now);
  if (timing.state === 'paused') {
    return (
      <Badge variant="light" color="gray" tt="none" leftSection={<IconPlayerPause size={12} />} data-testid="feed-timing" data-state="paused">
        Paused
      </Badge>
    );
  }
  if (timing.state === 'watching') {
    return (
      <Stack gap={0} data-testid="feed-timing" data-state="watching">
        <Text size="sm">Watching</Text>
        <Text size="xs" c="dimmed">
          while the app runs
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={0} data-testid="feed-timing" data-state={timing.state}>
      <Text size="sm">{scheduleLabel(feed.schedule)}</Text>
      {timing.next && feed.nextPullAt && (
        <Text size="xs" c="dimmed" title={feed.nextPullAt}>
          next {timing.next}
        </Text>
      )}
    </Stack>
  );
}

/** One row per feed: what it reads, its last pull (or the pull running now), the time its events cover, when it pulls, and its actions. */
export function FeedsTable({ feeds, running, onAction, onCancel }: FeedsTableProps) {
  const now = useNow();
  return (
    <Table verticalSpacing={8} horizontalSpacing="sm" className={classes.table} data-testid="feeds-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Feed</Table.Th>
          <Table.Th>Last pull</Table.Th>
          <Table.Th>Time covered</Table.Th>
          <Table.Th>Pulls</Table.Th>
          <Table.Th aria-label="Actions" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {feeds.map((feed) => {
          const pull = running(feed);
          return (
            <Table.Tr key={feed.name} data-feed={feed.name} data-kind={feed.kind}>
              <Table.Td className={classes.feedCell}>
                <FeedCell feed={feed} />
              </Table.Td>
              <Table.Td>
                <FeedStatus kind={feed.kind} lastPull={feed.lastPull} running={pull} resumable={feed.resumable} onCancel={onCancel} />
              </Table.Td>
              <Table.Td>
                <Covered feed={feed} now={now} />
              </Table.Td>
              <Table.Td>
                <Timing feed={feed} now={now} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} onClick={() => onAction('pull', feed)} disabled={pull !== null}>
                    {feed.kind === 'folder' ? 'Scan now' : 'Pull now'}
                  </Button>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${feed.name}`}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {feed.paused ? (
                        <Menu.Item leftSection={<IconPlayerPlay size={14} />} onClick={() => onAction('resume', feed)}>
                          Resume
                        </Menu.Item>
                      ) : (
                        <Menu.Item leftSection={<IconPlayerPause size={14} />} onClick={() => onAction('pause', feed)}>
                          Pause
                        </Menu.Item>
                      )}
                      <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onAction('edit', feed)} disabled={pull !== null}>
                        Edit…
                      </Menu.Item>
                      <Menu.Item leftSection={<IconHistory size={14} />} onClick={() => onAction('history', feed)}>
                        History…
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => onAction('remove', feed)}>
                        Remove…
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
