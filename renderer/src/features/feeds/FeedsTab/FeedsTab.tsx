import { Alert, Button, EmptyState, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconRss } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { FeedInfo } from '../../../../../common/feeds';
import { plural } from '../../../../../common/format';
import { call, errorMessage } from '../../../api';
import { FeedForm } from '../FeedForm';
import { FeedHistory } from '../FeedHistory';
import { useFeedJobs } from '../feedJobs';
import { FeedsTable, type FeedAction } from '../FeedsTable';
import type { RunningPull } from '../FeedStatus';
import { RemoveFeedModal } from '../RemoveFeedModal';
import { useFeeds } from '../useFeeds';
import { FeedKinds } from './FeedKinds';

/** Every pulled feed with its last pull, time covered and schedule; add, test, pull, pause, edit, history, remove. */
export function FeedsTab() {
  const list = useFeeds();
  const jobs = useFeedJobs();
  const [form, setForm] = useState<{ editing: FeedInfo | null } | null>(null);
  const [history, setHistory] = useState<FeedInfo | null>(null);
  const [removing, setRemoving] = useState<FeedInfo | null>(null);
  // Pulls started here, shown as running before the list says so.
  const [started, setStarted] = useState<Record<string, string>>({});
  const [actionError, setActionError] = useState<string | null>(null);
  const feeds = list.feeds;

  // Pulls the list knows (scheduled, watched, started elsewhere): their notifications name the feed.
  useEffect(() => {
    for (const feed of feeds ?? []) if (feed.pullJobId) jobs.remember(feed.pullJobId, feed.name);
  }, [feeds, jobs]);

  const startedPull = useCallback(
    (feed: string, jobId: string) => {
      jobs.remember(jobId, feed);
      setStarted((s) => ({ ...s, [feed]: jobId }));
    },
    [jobs],
  );

  const running = useCallback(
    (feed: FeedInfo): RunningPull | null => {
      const candidates = [feed.pullJobId, started[feed.name]].filter((id): id is string => !!id && !jobs.ended.has(id));
      const jobId = candidates[0];
      if (!jobId) return null;
      return { jobId, progress: jobs.progress.get(jobId) ?? null, cancelling: jobs.cancelling.has(jobId) };
    },
    [started, jobs],
  );

  const onAction = (action: FeedAction, feed: FeedInfo) => {
    setActionError(null);
    if (action === 'pull') {
      call('feeds.pull', { name: feed.name }).then(
        ({ jobId }) => startedPull(feed.name, jobId),
        (err: unknown) => setActionError(`Could not pull “${feed.name}”: ${errorMessage(err)}`),
      );
    } else if (action === 'pause' || action === 'resume') {
      call('feeds.pause', { name: feed.name, paused: action === 'pause' }).then(
        () => list.reload(),
        (err: unknown) => setActionError(`Could not ${action} “${feed.name}”: ${errorMessage(err)}`),
      );
    } else if (action === 'edit') setForm({ editing: feed });
    else if (action === 'history') setHistory(feed);
    else setRemoving(feed);
  };

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ editing: null })}>
      Add feed
    </Button>
  );

  return (
    <Stack gap="md" data-testid="feeds-tab">
      {list.error && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Could not list the feeds">
          {errorMessage(list.error)}
        </Alert>
      )}
      {actionError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} withCloseButton onClose={() => setActionError(null)}>
          {actionError}
        </Alert>
      )}
      {feeds === undefined && list.loading && <Loader size="sm" type="dots" />}
      {feeds && feeds.length === 0 && (
        <EmptyState icon={<IconRss size={32} stroke={1.5} />} title="No feeds yet" py="xl" data-testid="no-feeds" description={<FeedKinds />}>
          <EmptyState.Actions>{addButton}</EmptyState.Actions>
        </EmptyState>
      )}
      {feeds && feeds.length > 0 && (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {plural(feeds.length, 'feed')} · {feeds.length === 1 ? 'its' : 'their'} events build profiles as imported files do
            </Text>
            {addButton}
          </Group>
          <FeedsTable feeds={feeds} running={running} onAction={onAction} onCancel={jobs.cancel} />
        </>
      )}
      <Modal opened={form !== null} onClose={() => setForm(null)} title={form?.editing ? `Edit feed “${form.editing.name}”` : 'Add a feed'} size="xl">
        {form && (
          <FeedForm
            saved={form.editing}
            onCancel={() => setForm(null)}
            onSaved={(feed, jobId) => {
              if (jobId) startedPull(feed.name, jobId);
              setForm(null);
              list.reload();
            }}
          />
        )}
      </Modal>
      <FeedHistory feed={history} onClose={() => setHistory(null)} />
      <RemoveFeedModal feed={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}
