/**
 * The seam between feed jobs (feed-jobs.ts, one per pull) and the code that pulls each kind
 * (datadog/, url/, folder/). ARCHITECTURE.md §11.
 */
import type { Schedule } from '../../../common/attributes';
import type { FeedKind, FeedRun, FeedTrigger } from '../../../common/feeds';
import type { ImportSummary } from '../../../common/types';
import type { ImportOptions } from '../types';
import type { Db } from '../store/open';

/** A saved feed as the core reads it (secrets still sealed; see FeedStore). */
export interface FeedRecord {
  id: number;
  name: string;
  kind: FeedKind;
  /** The non-secret settings of its FeedDefinition (site, baseUrl, query, from, lookbackMinutes | url | path). */
  settings: Record<string, string | number>;
  schedule: Schedule;
  paused: boolean;
  createdAt: number;
}

/** How far a pull has got, for the job's progress. */
export interface PullProgress {
  /** Records read so far. */
  events: number;
  /** Datadog pages committed so far. */
  pages: number;
  /** How far (ms) the committed events reach, when known. */
  coveredTo: number | null;
  /**
   * Datadog: records imported and skipped so far, and where this pull's window began (ms), so
   * a pull that fails or is cancelled is recorded with what it committed.
   */
  imported?: number;
  skipped?: number;
  coveredFrom?: number | null;
  /** What is being read (a page, a URL, a file name). */
  file?: string;
  bytes?: number;
  totalBytes?: number;
  /** Waiting for a rate limit or the store's write lock. */
  state?: 'waiting' | 'running';
  /** While waiting: what for, in words (http.ts `waitText`, `STORE_WAIT`). */
  waitingFor?: string;
}

export interface PullContext {
  feed: FeedRecord;
  /** The feed's secrets, unsealed on the host thread (`apiKey`, `appKey`, `header:<Name>`). */
  secrets: Record<string, string>;
  trigger: FeedTrigger;
  /** This pull's `feed_runs` row: a Datadog pull commits its counts there with each page. */
  runId: number;
  /** The host's connection to the store (url and folder state; the Datadog pull opens its own on a worker). */
  db: Db;
  dbPath: string;
  nativeBinding?: string;
  /** A private folder beside the store for downloads (whoever writes there creates it, 0700). */
  privateDir: string;
  signal: AbortSignal;
  now: () => number;
  progress: (p: PullProgress) => void;
  /** The core's import (worker threads, one transaction per file, `profiles.changed`). */
  importFiles: (paths: string[], options: ImportOptions) => Promise<ImportSummary>;
}

/** What a pull did; the job adds the run's id, trigger, status, times and error. */
export type PullOutcome = Pick<
  FeedRun,
  'pages' | 'events' | 'imported' | 'skipped' | 'from' | 'to' | 'notModified' | 'files' | 'failedFiles'
> & {
  summary?: ImportSummary;
};

/** Pulls one kind of feed. Throws ApiError (auth_failed, bad_query, source_failed) or CancelledError. */
export type Puller = (context: PullContext) => Promise<PullOutcome>;
