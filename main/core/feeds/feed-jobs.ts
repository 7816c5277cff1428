/**
 * Pulls as jobs (ARCHITECTURE.md §4, §11): `feeds.pull`, the first pull after `feeds.save`, the
 * schedule and the folder watches all start them here. A pull is a store writer (kind `feed`),
 * so it takes turns with imports. One pull per feed at a time: asking again while one runs
 * returns the running job. Each pull is recorded in `feed_runs`, with its counts even when it
 * fails or is cancelled.
 */
import { dirname, join } from 'node:path';
import type { FeedKind, FeedPullReport, FeedTrigger } from '../../../common/feeds';
import type { FeedFinished, ImportSummary } from '../../../common/types';
import type { EventBus } from '../events';
import { isCancelled } from '../jobs/cancelled';
import type { JobManager } from '../jobs/jobs';
import type { BlockReader } from '../query/blocks';
import { optimizeIfFree, type Db } from '../store/open';
import { writeWhenFree } from '../store/write-lock';
import type { ImportOptions } from '../types';
import type { FeedStore } from './feed-store';
import { pullDatadog } from './feed-thread';
import { STORE_WAIT } from './http';
import { pullFolder } from './folder/pull-folder';
import type { FeedRecord, PullOutcome, PullProgress, Puller } from './pull-context';
import { pullUrl } from './url/pull-url';

export interface FeedJobsDeps {
  db: Db;
  dbPath: string;
  nativeBinding?: string;
  store: FeedStore;
  jobs: JobManager;
  events: EventBus;
  blocks: BlockReader;
  now: () => number;
  importFiles: (paths: string[], options: ImportOptions) => Promise<ImportSummary>;
}

const PULLERS: Record<FeedKind, Puller> = { datadog: pullDatadog, url: pullUrl, folder: pullFolder };

/** What a pull that failed or was cancelled had committed, from its last progress. */
function partialOutcome(p: PullProgress | null): PullOutcome {
  const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
  return {
    pages: p?.pages ?? 0,
    events: p?.events ?? 0,
    imported: p?.imported ?? 0,
    skipped: p?.skipped ?? 0,
    from: iso(p?.coveredFrom),
    to: iso(p?.coveredTo),
    notModified: false,
    files: 0,
    failedFiles: 0,
  };
}

export class FeedJobs {
  /** Feed id → its running pull's job id. */
  private readonly running = new Map<number, string>();

  constructor(private readonly deps: FeedJobsDeps) {}

  jobOf(feedId: number): string | null {
    return this.running.get(feedId) ?? null;
  }

  /** Starts a pull of the feed (or returns the one running). */
  start(feed: FeedRecord, trigger: FeedTrigger): string {
    const running = this.running.get(feed.id);
    if (running) return running;
    const { deps } = this;
    const jobId = deps.jobs.start('feed', feed.name, async (job): Promise<FeedPullReport> => {
      let last = null as PullProgress | null;
      let imported = 0;
      let runId: number | null = null;
      try {
        runId = await writeWhenFree(deps.db, () => deps.store.startRun(feed.id, trigger));
        const outcome = await PULLERS[feed.kind]({
          feed,
          runId,
          secrets: deps.store.secretsOf(feed),
          trigger,
          db: deps.db,
          dbPath: deps.dbPath,
          nativeBinding: deps.nativeBinding,
          privateDir: privateDir(deps.dbPath),
          signal: job.signal,
          now: deps.now,
          importFiles: deps.importFiles,
          progress: (p) => {
            last = p;
            job.progress({
              file: p.file ?? feed.name,
              bytes: p.bytes ?? 0,
              totalBytes: p.totalBytes ?? 0,
              events: p.events,
              pages: p.pages,
              coveredTo: p.coveredTo === null ? null : new Date(p.coveredTo).toISOString(),
              state: p.state ?? 'running',
              // Always set, so a wait's reason doesn't outlive the wait.
              waitingFor: p.state === 'waiting' ? (p.waitingFor ?? STORE_WAIT) : undefined,
            });
          },
        });
        imported = outcome.imported;
        const id = runId;
        await writeWhenFree(deps.db, () => deps.store.finishRun(id, 'ok', outcome, null));
        return { ...deps.store.run(id)!, feed: feed.name, kind: feed.kind, ...(outcome.summary ? { summary: outcome.summary } : {}) };
      } catch (err) {
        const partial = partialOutcome(last);
        imported = partial.imported;
        const id = runId;
        if (id !== null) {
          const message = err instanceof Error ? err.message : String(err);
          await writeWhenFree(deps.db, () => deps.store.finishRun(id, isCancelled(err) ? 'cancelled' : 'failed', partial, message));
        }
        throw err;
      } finally {
        this.running.delete(feed.id);
        // url and folder pulls import through the core's importFiles, which announces its changes.
        if (feed.kind === 'datadog' && imported > 0) {
          // As after an import: cached anchors and counts, and the planner's statistics, are stale.
          deps.blocks.clear();
          optimizeIfFree(deps.db);
          deps.events.emit('profiles.changed', { kinds: ['user', 'account'] });
        }
        deps.events.emit('feeds.changed', {});
      }
    });
    this.running.set(feed.id, jobId);
    return jobId;
  }

  /** Starts a pull and waits for its end (the scheduler, which runs one feed at a time). */
  run(feed: FeedRecord, trigger: FeedTrigger): Promise<FeedPullReport | null> {
    const jobId = this.start(feed, trigger);
    return this.deps.jobs.finished<FeedFinished>(jobId).then((f) => (f.ok ? f.result : null));
  }

  /** Cancels the feed's running pull, if any, and waits until it has stopped. */
  async stop(feedId: number): Promise<void> {
    const jobId = this.running.get(feedId);
    if (!jobId) return;
    const ended = this.deps.jobs.finished(jobId);
    this.deps.jobs.cancel(jobId);
    await ended;
  }
}

/** Downloads (url feeds) go to a folder beside the store that only the user can read (made by the download). */
const privateDir = (dbPath: string): string => join(dirname(dbPath), 'feed-downloads');
