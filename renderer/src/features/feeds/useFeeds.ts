import { useEffect, useRef } from 'react';
import type { FeedInfo } from '../../../../common/feeds';
import { onReconnect, useEvent, useQuery } from '../../api';

export interface FeedList {
  feeds: FeedInfo[] | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Saved feeds, re-read when feeds change, when a pull ends (its last pull, time covered and next
 * pull change then), after a reconnect, and once when a pull this list doesn't know starts (a
 * scheduled or watched pull): the list then names the feed it pulls.
 */
export function useFeeds(): FeedList {
  const { data, error, loading, reload } = useQuery('feeds.list', {});
  const seenJobs = useRef(new Set<string>());
  useEvent('feeds.changed', reload);
  useEvent('job.finished', (f) => {
    if (f.kind === 'feed') reload();
  });
  useEvent('job.progress', (p) => {
    if (p.kind !== 'feed' || seenJobs.current.has(p.jobId)) return;
    seenJobs.current.add(p.jobId);
    if (!data?.feeds.some((f) => f.pullJobId === p.jobId)) reload();
  });
  useEffect(() => onReconnect(reload), [reload]);
  return { feeds: data?.feeds, error, loading, reload };
}
