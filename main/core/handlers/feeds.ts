/**
 * `feeds.*`: pulled feeds (ARCHITECTURE.md §11). Saving checks the definition (a Datadog feed's
 * keys and start time, a folder's absolute path) and seals its secrets; pulls run as jobs
 * (feeds/feed-jobs.ts). No secret ever leaves here: FeedInfo names the ones that are set.
 */
import type { Handlers } from '../../../common/contract';
import type { FeedDefinition, FeedInfo } from '../../../common/feeds';
import { nextSyncAt } from '../attributes/schedule';
import type { DatadogSettings } from '../feeds/datadog/pull';
import { testDatadog } from '../feeds/datadog/test-feed';
import type { FeedRecord } from '../feeds/pull-context';
import { listSeenFiles } from '../feeds/folder/seen-files';
import { testFolder } from '../feeds/folder/pull-folder';
import { headersOf, testUrl } from '../feeds/url/pull-url';
import { writeWhenFree } from '../store/write-lock';
import type { HandlerContext } from './context';

type FeedMethods = `feeds.${'list' | 'save' | 'test' | 'pull' | 'pause' | 'remove' | 'history'}`;

/** A test is one small request (a rate limit may delay it). */
const TEST_TIMEOUT_MS = 60_000;

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

  /**
   * A folder named by a client, as the host lets feeds watch it (the app: only folders chosen in
   * its dialog; the browser host: none). An edit that keeps the saved folder is not asked again.
   */
  const hostFolder = (def: FeedDefinition, current: string | undefined): FeedDefinition => {
    if (def.kind !== 'folder' || !ctx.sources.watchFolder) return def;
    const saved = current === undefined ? undefined : store.find(current);
    if (saved?.kind === 'folder' && saved.settings.path === def.path) return def;
    return { ...def, path: ctx.sources.watchFolder(def.path) };
  };

  return {
    'feeds.list': () => ({ feeds: store.list().map(info) }),

    'feeds.save': async (i) => {
      const prepared = store.prepare(hostFolder(i.feed, i.current), i.current);
      const saved = await writeWhenFree(db, () => store.write(prepared));
      changed();
      const jobId = i.pull ? feedJobs.start(saved, 'save') : null;
      return { feed: info(saved), jobId };
    },

    'feeds.test': async (i) => {
      const { kind, settings, secrets } =
        'name' in i ? ((feed) => ({ kind: feed.kind, settings: feed.settings, secrets: store.secretsOf(feed) }))(store.get(i.name)) : store.prepare(hostFolder(i.feed, i.current), i.current);
      switch (kind) {
        case 'datadog':
          return { message: await testDatadog(settings as unknown as DatadogSettings, secrets, ctx.now(), AbortSignal.timeout(TEST_TIMEOUT_MS)) };
        case 'url':
          return { message: await testUrl(String(settings.url), headersOf(secrets), AbortSignal.timeout(TEST_TIMEOUT_MS)) };
        case 'folder':
          return { message: await testFolder(String(settings.path)) };
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
