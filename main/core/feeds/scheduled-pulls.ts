/**
 * Feeds that pull by themselves while the app or `serve` runs (ARCHITECTURE.md §11): Datadog
 * and url feeds on their schedules (intervals from the last pull's start, overdue ones at
 * launch: the sources' SyncScheduler), folder feeds when a new file is completely written
 * (folder/watch.ts). Paused feeds do neither. Saving, pausing or removing a feed, or a pull's
 * end, reschedules.
 */
import { nextSyncAt, SyncScheduler } from '../attributes/schedule';
import type { EventBus } from '../events';
import type { Db } from '../store/open';
import type { FeedJobs } from './feed-jobs';
import type { FeedStore } from './feed-store';
import { startFolderWatches } from './folder/watch';

export interface ScheduledPullsDeps {
  db: Db;
  feeds: FeedStore;
  feedJobs: FeedJobs;
  events: EventBus;
  now: () => number;
  log: (line: string) => void;
  /** Injected timers (tests). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function startScheduledPulls(deps: ScheduledPullsDeps): { stop(): void } {
  const { feeds, feedJobs, events } = deps;
  const scheduler = new SyncScheduler({
    now: deps.now,
    setTimer: deps.setTimer,
    clearTimer: deps.clearTimer,
    due: () =>
      feeds
        .list()
        .filter((f) => !f.paused && f.kind !== 'folder')
        .map((f) => {
          const last = feeds.lastRun(f.id);
          return { name: f.name, nextAt: nextSyncAt(f.schedule, last ? Date.parse(last.startedAt) : null, f.createdAt) };
        }),
    run: async (name) => {
      const feed = feeds.find(name);
      if (!feed || feed.paused) return;
      const report = await feedJobs.run(feed, 'schedule');
      if (report === null) deps.log(`Scheduled pull of the feed "${name}" failed (see its history)`);
    },
    onError: (err, name) => deps.log(`Scheduled pulls${name ? ` (${name})` : ''}: ${err instanceof Error ? err.message : String(err)}`),
  });
  const off = events.subscribe((m) => {
    if (m.event === 'feeds.changed') scheduler.reschedule();
  });
  const watches = startFolderWatches({
    db: deps.db,
    now: deps.now,
    log: deps.log,
    events,
    feeds: () => feeds.list().filter((f) => f.kind === 'folder' && !f.paused),
    startPull: (name, trigger) => {
      const feed = feeds.find(name);
      if (feed && !feed.paused) feedJobs.start(feed, trigger);
    },
  });
  scheduler.start();
  return {
    stop() {
      off();
      scheduler.stop();
      watches.stop();
    },
  };
}
