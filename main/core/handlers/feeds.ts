/**
 * `feeds.*`: pulled feeds (ARCHITECTURE.md §11). Saving checks the definition (a Datadog feed's
 * keys and start time, a folder's absolute path) and seals its secrets; pulls run as jobs
 * (feeds/feed-jobs.ts). No secret ever leaves here: FeedInfo names the ones that are set.
 */
import type { Handlers } from '../../../common/contract';
import type { FeedInfo } from '../../../common/feeds';
import { nextSyncAt } from '../attributes/schedule';
import { ApiError } from '../dispatcher';
import type { FeedRecord } from '../feeds/pull-context';
import { listSeenFiles } from '../feeds/folder/seen-files';
import { testFolder } from '../feeds/folder/pull-folder';
import { writeWhenFree } from '../store/write-lock';
import type { HandlerContext } from './context';

type FeedMethods = `feeds.${'list' | 'save' | 'test' | 'pull' | 'pause' | 'remove' | 'history'}`;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function feedHandlers(ctx: HandlerContext): Pick<Handlers, FeedMethods> {
  const { db, feeds: store, feedJobs, events } = ctx;

  const info = (feed: FeedRecord): FeedInfo => {
    const lastPull = store.lastRun(feed.id);
    const state = store.state(feed.id);
    const scheduled = !feed.paused && feed.kind !== 'folder';
    const next = scheduled ? nextSyncAt(feed.schedule, lastPull ? Date.parse(lastPull.startedAt) : null, feed.createdAt) : null;
    return {
      name: feed.name,
      kind: feed.kind,
      settings: feed.settings,
      secrets: store.secretNames(feed),
      schedule: feed.schedule,
      paused: feed.paused,
      createdAt: new Date(feed.createdAt).toISOString(),
      covered: state.coveredFrom !== null && state.highWater !== null ? { from: iso(state.coveredFrom)!, to: iso(state.highWater)! } : null,
      resumable: state.resumable,
      lastPull,
      nextPullAt: iso(next),
      pullJobId: feedJobs.jobOf(feed.id),
    };
  };

  const changed = (): void => events.emit('feeds.changed', {});

  return {
    'feeds.list': () => ({ feeds: store.list().map(info) }),

    'feeds.save': async (i) => {
      const prepared = store.prepare(i.feed, i.current);
      const saved = await writeWhenFree(db, () => store.write(prepared));
      changed();
      const jobId = i.pull ? feedJobs.start(saved, 'save') : null;
      return { feed: info(saved), jobId };
    },

    'feeds.test': async (i) => {
      const { kind, settings, secrets } =
        'name' in i ? ((feed) => ({ kind: feed.kind, settings: feed.settings, secrets: store.secretsOf(feed) }))(store.get(i.name)) : store.prepare(i.feed, i.current);
      switch (kind) {
        case 'folder':
          return { message: await testFolder(String(settings.path)) };
        default:
          void secrets;
          throw new ApiError('source_failed', `Testing ${kind} feeds is not available in this build yet`);
      }
    },

    'feeds.pull': (i) => ({ jobId: feedJobs.start(store.get(i.name), 'manual') }),

    'feeds.pause': async (i) => {
      const feed = store.get(i.name);
      await writeWhenFree(db, () => store.setPaused(feed.id, i.paused));
      changed();
      return info(store.byId(feed.id)!);
    },

    'feeds.remove': async (i) => {
      const feed = store.get(i.name);
      await feedJobs.stop(feed.id);
      await writeWhenFree(db, () => store.remove(feed.id));
      changed();
      return {};
    },

    'feeds.history': (i) => {
      const feed = store.get(i.name);
      return { runs: store.runs(feed.id, i.limit), files: feed.kind === 'folder' ? listSeenFiles(db, feed.id, i.limit) : [] };
    },
  };
}
