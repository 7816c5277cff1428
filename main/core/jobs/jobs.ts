/**
 * Long work as jobs: start returns an id at once, progress events are throttled and keyed by
 * id, a final event carries the result or the error, and cancel stops the job between batches.
 *
 * Jobs that write the store (imports, the sample, feed pulls) run one at a time: a second one is `queued`
 * until the first ends, and cancelling it while queued finishes it without it ever running.
 * See ARCHITECTURE.md §4.
 */
import { randomUUID } from 'node:crypto';
import type { SyncReport } from '../../../common/attributes';
import type { FeedPullReport } from '../../../common/feeds';
import type { ExportSummary, ImportSummary, JobFinished, JobKind, JobProgress } from '../../../common/types';
import { ApiError } from '../dispatcher';
import type { EventBus } from '../events';
import type { ImportProgress } from '../ingest/run-import';
import { isCancelled } from './cancelled';
import { progressRates } from './rates';
import { Turns } from './turns';

/** At most this many progress events per second per job (≤ 5/s), except on a change of state. */
const PROGRESS_INTERVAL_MS = 200;

/** Kinds that write the store, so take turns. */
const WRITER_KINDS: ReadonlySet<JobKind> = new Set<JobKind>(['import', 'sample', 'feed']);

/** What a running job reports: an import's bytes and events; an export also its rows. */
export type JobUpdate = ImportProgress & { rows?: number; totalRows?: number; pages?: number; coveredTo?: string | null; waitingFor?: string };

export interface JobContext {
  signal: AbortSignal;
  progress: (p: JobUpdate) => void;
}

type Run = (ctx: JobContext) => Promise<ImportSummary | ExportSummary | SyncReport | FeedPullReport>;

interface Job {
  controller: AbortController;
  progress: JobProgress;
}

export class JobManager {
  /** Queued and running jobs, in the order they were started. */
  private readonly jobs = new Map<string, Job>();
  private readonly settled = new Set<Promise<void>>();
  private readonly writers = new Turns();

  constructor(
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  start(kind: JobKind, label: string, run: Run): string {
    const jobId = randomUUID();
    const job: Job = {
      controller: new AbortController(),
      progress: { jobId, kind, label, state: 'queued', file: null, bytes: 0, totalBytes: 0, events: 0, eventsPerSec: 0, etaMs: null },
    };
    this.jobs.set(jobId, job);
    // Started on the next tick, so the caller has the id before any event about it.
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.execute(job, run))
      .finally(() => this.settled.delete(done));
    this.settled.add(done);
    return jobId;
  }

  /** Stops a running job between batches, or takes a queued one out of the line. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.controller.abort();
    this.writers.leave(jobId);
    return true;
  }

  /**
   * The job's `job.finished` message, when it comes. Call it before the job can end (a job
   * starts on the next tick, so right after `start` is in time).
   */
  finished<F extends JobFinished = JobFinished>(jobId: string): Promise<F> {
    return new Promise((resolve) => {
      const off = this.events.subscribe((m) => {
        if (m.event !== 'job.finished' || (m.data as JobFinished).jobId !== jobId) return;
        off();
        resolve(m.data as F);
      });
    });
  }

  list(): JobProgress[] {
    return [...this.jobs.values()].map((j) => j.progress);
  }

  /** Cancels every job, queued or running, and waits until they have all stopped. */
  async stopAll(): Promise<void> {
    for (const jobId of this.jobs.keys()) this.cancel(jobId);
    await Promise.all([...this.settled]);
  }

  private async execute(job: Job, run: Run): Promise<void> {
    const { jobId, kind } = job.progress;
    const { signal } = job.controller;
    const writer = WRITER_KINDS.has(kind);
    if (signal.aborted) return this.finish({ jobId, kind, ok: false, error: notStarted() });
    if (writer) {
      if (this.writers.busy) this.events.emit('job.progress', job.progress);
      if (!(await this.writers.wait(jobId))) return this.finish({ jobId, kind, ok: false, error: notStarted() });
    }
    try {
      // A cancel that came as the turn was handed over: the job still never runs.
      if (signal.aborted) return this.finish({ jobId, kind, ok: false, error: notStarted() });
      const result = await run({ signal, progress: this.progressOf(job) });
      // The kind decides the result's shape (an export job runs an export).
      this.finish({ jobId, kind, ok: true, result } as JobFinished);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // A sync's or a pull's error keeps its code: auth_failed says a credential was refused.
      const failed = kind === 'sync' || kind === 'feed' ? (err instanceof ApiError ? err.code : 'source_failed') : kind === 'export' ? 'export_failed' : 'import_failed';
      this.finish({ jobId, kind, ok: false, error: { code: isCancelled(err) ? 'cancelled' : failed, message } });
    } finally {
      if (writer) this.writers.release(jobId);
    }
  }

  /**
   * The job's progress reporter, from the moment it runs. Rates leave out the time spent
   * waiting for another process's lock, or they would read as a slow import.
   */
  private progressOf(job: Job): (p: JobUpdate) => void {
    const started = this.now();
    let waitedMs = 0;
    let waitingSince: number | null = null;
    let lastEmit = 0;
    const update = (next: JobProgress): void => {
      const changed = next.state !== job.progress.state;
      job.progress = next;
      if (changed || this.now() - lastEmit >= PROGRESS_INTERVAL_MS) {
        lastEmit = this.now();
        this.events.emit('job.progress', job.progress);
      }
    };
    update({ ...job.progress, state: 'running' });
    return (p) => {
      if (p.state === 'waiting' && waitingSince === null) waitingSince = this.now();
      if (p.state === 'running' && waitingSince !== null) {
        waitedMs += this.now() - waitingSince;
        waitingSince = null;
      }
      const elapsed = (waitingSince ?? this.now()) - started - waitedMs;
      update({ ...job.progress, ...p, ...progressRates(p, elapsed) });
    };
  }

  /** Gone from `jobs.list` before anyone hears it has finished. */
  private finish(finished: JobFinished): void {
    this.jobs.delete(finished.jobId);
    this.events.emit('job.finished', finished);
  }
}

function notStarted(): { code: 'cancelled'; message: string } {
  return { code: 'cancelled', message: 'Cancelled before it started' };
}
