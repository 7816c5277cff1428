/**
 * Watching folder feeds while the app or `serve` runs: a pull starts when a file not seen before
 * is completely written. `fs.watch` notices drops at once; a poll catches what it misses
 * (network drives, some editors' saves) and a folder created after the watch began.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { EventBus } from '../../events';
import type { Db } from '../../store/open';
import { feedRuns } from '../feed-store';
import type { FeedRecord } from '../pull-context';
import { scanFolder } from './scan';
import { unseenFiles } from './seen-files';
import { SettleTracker } from './settle-tracker';
import { DEFAULT_SETTLE_MS } from './pull-folder';

export const DEFAULT_POLL_MS = 5000;
/** fs.watch reports a copy as many events: one look after they calm down. */
const DEBOUNCE_MS = 200;
/**
 * A file still unseen after a pull that started after it was found (that pull failed as a
 * whole, was cancelled, or found the file changing) starts another after this wait, doubled
 * each time up to the cap, so a broken store or folder is not pulled in a loop. A new file
 * starts one at once; so does a file found while an earlier pull was running (that pull's job
 * was returned instead of a new one), once that pull has ended.
 */
const RETRY_MIN_MS = 30_000;
const RETRY_MAX_MS = 15 * 60_000;

export interface FolderWatchDeps {
  now: () => number;
  log: (line: string) => void;
  events: EventBus;
  /** The non-paused folder feeds. */
  feeds: () => FeedRecord[];
  /** Where the feeds' seen files are kept (read only here). */
  db: Db;
  startPull: (name: string, trigger: 'watch') => void;
  pollMs?: number;
  settleMs?: number;
}

interface Watched {
  feed: FeedRecord;
  folder: string;
  watcher: FSWatcher | null;
  tracker: SettleTracker;
  debounce: NodeJS.Timeout | null;
  recheck: NodeJS.Timeout | null;
  checking: boolean;
  again: boolean;
  missingLogged: boolean;
  /** Versions (`name|bytes|mtime`) a pull was asked for, and when. */
  triggered: Map<string, number>;
  retryAt: number;
  retryMs: number;
}

const versionKey = (e: { name: string; bytes: number; mtimeMs: number }): string => `${e.name}|${e.bytes}|${e.mtimeMs}`;

export function startFolderWatches(deps: FolderWatchDeps): { stop(): void } {
  const pollMs = deps.pollMs ?? DEFAULT_POLL_MS;
  const settleMs = deps.settleMs ?? DEFAULT_SETTLE_MS;
  const watched = new Map<number, Watched>();
  let stopped = false;

  const unwatch = (w: Watched): void => {
    w.watcher?.close();
    w.watcher = null;
    if (w.debounce) clearTimeout(w.debounce);
    if (w.recheck) clearTimeout(w.recheck);
    w.debounce = w.recheck = null;
  };

  const watchFolder = (w: Watched): void => {
    if (w.watcher || stopped) return;
    try {
      // persistent: false, so a watch never keeps a process alive by itself.
      w.watcher = watch(w.folder, { persistent: false }, () => soon(w));
      w.watcher.on('error', () => {
        // The folder was removed or became unreadable: the poll re-creates the watch when it is back.
        w.watcher?.close();
        w.watcher = null;
      });
    } catch {
      w.watcher = null; // Missing now; check() says so once.
    }
  };

  const soon = (w: Watched): void => {
    if (w.debounce || stopped) return;
    w.debounce = setTimeout(() => {
      w.debounce = null;
      void check(w);
    }, DEBOUNCE_MS);
    w.debounce.unref();
  };

  const check = async (w: Watched): Promise<void> => {
    if (stopped) return;
    if (w.checking) {
      w.again = true;
      return;
    }
    w.checking = true;
    try {
      const entries = await scanFolder(w.folder);
      if (stopped || watched.get(w.feed.id) !== w) return;
      if (w.missingLogged) deps.log(`Watched folder of feed "${w.feed.name}" is back: ${w.folder}`);
      w.missingLogged = false;
      watchFolder(w);
      decide(w, entries);
    } catch (err) {
      if (!w.missingLogged) deps.log(`Feed "${w.feed.name}": ${(err as Error).message}; still watching for it`);
      w.missingLogged = true;
      w.watcher?.close();
      w.watcher = null;
    } finally {
      w.checking = false;
      if (w.again && !stopped) {
        w.again = false;
        void check(w);
      }
    }
  };

  const decide = (w: Watched, entries: Parameters<typeof unseenFiles>[2]): void => {
    const now = deps.now();
    const { ready, nextCheckAt } = w.tracker.observe(unseenFiles(deps.db, w.feed.id, entries), now);
    if (w.recheck) clearTimeout(w.recheck);
    w.recheck = null;
    if (nextCheckAt !== null) {
      // Look again as soon as the waiting file could be ready, not at the next poll.
      w.recheck = setTimeout(() => void check(w), Math.max(0, nextCheckAt - now) + 10);
      w.recheck.unref();
    }
    if (ready.length === 0) {
      w.triggered.clear();
      w.retryMs = RETRY_MIN_MS;
      return;
    }
    const run = feedRuns(deps.db, w.feed.id, 1)[0];
    const fresh = ready.filter((e) => {
      const askedAt = w.triggered.get(versionKey(e));
      // Asked while an earlier pull ran (or before any run began): that request started nothing.
      return askedAt === undefined || (run?.status !== 'running' && (run === undefined || Date.parse(run.startedAt) < askedAt));
    });
    if (fresh.length === 0) {
      if (now < w.retryAt || run?.status === 'running') return;
      w.retryMs = Math.min(w.retryMs * 2, RETRY_MAX_MS);
    }
    for (const e of ready) w.triggered.set(versionKey(e), now);
    w.retryAt = now + w.retryMs;
    deps.startPull(w.feed.name, 'watch');
  };

  const refresh = (): void => {
    if (stopped) return;
    const current = new Map(deps.feeds().map((f) => [f.id, f]));
    for (const [id, w] of watched) {
      const feed = current.get(id);
      if (!feed || String(feed.settings.path ?? '') !== w.folder) {
        unwatch(w);
        watched.delete(id);
      } else {
        w.feed = feed; // renamed: pulls start under the new name
      }
    }
    for (const feed of current.values()) {
      if (watched.has(feed.id)) continue;
      const w: Watched = {
        feed,
        folder: String(feed.settings.path ?? ''),
        watcher: null,
        tracker: new SettleTracker(settleMs),
        debounce: null,
        recheck: null,
        checking: false,
        again: false,
        missingLogged: false,
        triggered: new Map(),
        retryAt: 0,
        retryMs: RETRY_MIN_MS,
      };
      watched.set(feed.id, w);
      watchFolder(w);
      void check(w);
    }
  };

  const off = deps.events.subscribe((m) => {
    if (m.event !== 'feeds.changed') return;
    // Feeds saved, paused or removed, or a pull ended: files found during it are taken now.
    refresh();
    for (const w of watched.values()) void check(w);
  });
  const poll = setInterval(() => {
    for (const w of watched.values()) void check(w);
  }, pollMs);
  poll.unref();
  refresh();

  return {
    stop() {
      stopped = true;
      off();
      clearInterval(poll);
      for (const w of watched.values()) unwatch(w);
      watched.clear();
    },
  };
}
