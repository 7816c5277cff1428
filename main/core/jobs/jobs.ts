/**
 * Long work as jobs: start returns an id at once, progress events are throttled and keyed by
 * id, a final event carries the result or the error, and cancel stops the job between batches.
 */
import { randomUUID } from 'node:crypto';
import type { ImportSummary, JobKind, JobProgress } from '../../../common/types';
import type { EventBus } from '../events';
import type { ImportProgress } from '../ingest/run-import';
import { progressRates } from './rates';

/** At most this many progress events per second per job (DESIGN.md: ≤ 5/s). */
const PROGRESS_INTERVAL_MS = 200;

export interface JobContext {
  signal: AbortSignal;
  progress: (p: ImportProgress) => void;
}

interface RunningJob {
  controller: AbortController;
  progress: JobProgress;
}

export class JobManager {
  private readonly running = new Map<string, RunningJob>();
  private readonly settled = new Set<Promise<void>>();

  constructor(
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  start(kind: JobKind, label: string, run: (ctx: JobContext) => Promise<ImportSummary>): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    const started = this.now();
    const job: RunningJob = {
      controller,
      progress: { jobId, kind, label, file: null, bytes: 0, totalBytes: 0, events: 0, eventsPerSec: 0, etaMs: null },
    };
    this.running.set(jobId, job);
    let lastEmit = 0;

    const progress = (p: ImportProgress): void => {
      job.progress = { ...job.progress, ...p, ...progressRates(p, this.now() - started) };
      if (this.now() - lastEmit >= PROGRESS_INTERVAL_MS) {
        lastEmit = this.now();
        this.events.emit('job.progress', job.progress);
      }
    };

    // Started on the next tick, so the caller has the id before any event about it.
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      run({ signal: controller.signal, progress })
        .then((result) => {
          this.events.emit('job.finished', { jobId, kind, ok: true, result });
        })
        .catch((err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          this.events.emit('job.finished', { jobId, kind, ok: false, error: { code: 'import_failed', message } });
        })
        .finally(() => {
          this.running.delete(jobId);
          this.settled.delete(done);
        }),
    );
    this.settled.add(done);
    return jobId;
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  list(): JobProgress[] {
    return [...this.running.values()].map((j) => j.progress);
  }

  /** Cancels every running job and waits until they have all stopped. */
  async stopAll(): Promise<void> {
    for (const job of this.running.values()) job.controller.abort();
    await Promise.all([...this.settled]);
  }
}
