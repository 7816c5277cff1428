import { Group, Stack, Text } from '@mantine/core';
import type { FeedKind } from '../../../../../common/feeds';
import { FEED_KIND_LABELS } from '../feedDisplay';
import { FeedKindIcon } from '../FeedKindIcon';

const EXPLAINED: Array<{ kind: FeedKind; text: string }> = [
  { kind: 'datadog', text: 'Pulls RUM events from the Datadog API with your API and application keys, a page at a time, each pull continuing where the last one ended.' },
  { kind: 'url', text: 'Fetches an event file (NDJSON, JSON or API pages, gzipped or not) from an HTTP(S) address, when it has changed.' },
  { kind: 'folder', text: 'Imports each event file dropped into a folder, once, while the app runs.' },
];

/** The empty Feeds tab: what a feed is, and its three kinds. */
export function FeedKinds() {
  return (
    <Stack gap="sm" align="center" maw={600} mx="auto">
      <Text size="sm" c="dimmed" ta="center">
        A feed keeps the store up to date by itself: on demand or on a schedule, it brings new events in and builds profiles from them, as
        importing files does.
      </Text>
      <Stack gap="xs" ta="left">
        {EXPLAINED.map(({ kind, text }) => (
          <Group key={kind} gap="sm" wrap="nowrap" align="flex-start">
            <FeedKindIcon kind={kind} />
            <Text size="sm" c="dimmed">
              <Text span inherit fw={600} c="var(--mantine-color-text)">
                {FEED_KIND_LABELS[kind]}
              </Text>{' '}
              — {text}
            </Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
