/**
 * Following a job the way every client does: start it through the dispatcher, then read its
 * `job.progress` and `job.finished` events. Written against the smallest surface (a dispatch
 * function and an event subscription), so the CLI, the tests and the bench share it with no
 * way around the contract's validation.
 */
import type { EventMessage, MethodInput } from './contract';
import type { ApiErrorData, ExportFinished, ImportFinished, JobFinished, JobProgress, Result } from './types';

/** What a job is followed through: the core itself, or a client of it. */
export interface JobHost {
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
  events: { subscribe(listener: (message: EventMessage) => void): () => void };
}

export type JobMethod = 'imports.start' | 'imports.sample' | 'exports.start';
/** What the end of a job started by `M` looks like. */
export type FinishedOf<M extends JobMethod> = M extends 'exports.start' ? ExportFinished : ImportFinished;

/** The dispatcher refused to start the job (invalid input, a path not allowed, …). */
export class JobStartError extends Error {
  override name = 'JobStartError';
  constructor(readonly error: ApiErrorData) {
    super(error.message);
  }
}

export interface FollowedJob<F extends JobFinished = JobFinished> {
  jobId: string;
  /** Resolves with the job's `job.finished` event, whatever its outcome. */
  finished: Promise<F>;
  /** Asks the core to cancel the job (`jobs.cancel`); resolves whether it was still running. */
  cancel(): Promise<boolean>;
}

export async function startJob<M extends JobMethod>(
  host: JobHost,
  method: M,
  input: MethodInput<M>,
  onProgress: (progress: JobProgress) => void = () => {},
): Promise<FollowedJob<FinishedOf<M>>> {
  let jobId: string | null = null;
  // Events that arrive before the start call returns the id wait here, so none is lost.
  const early: EventMessage[] = [];
  let settle: (finished: FinishedOf<M>) => void = () => {};
  const finished = new Promise<FinishedOf<M>>((resolve) => (settle = resolve));

  const handle = (message: EventMessage): void => {
    // EventMessage pairs any event with any data in its type; the name tells which it is.
    if (message.event === 'job.progress' && (message.data as JobProgress).jobId === jobId) {
      onProgress(message.data as JobProgress);
    }
    if (message.event === 'job.finished' && (message.data as JobFinished).jobId === jobId) {
      unsubscribe();
      settle(message.data as FinishedOf<M>);
    }
  };
  const unsubscribe = host.events.subscribe((message) => (jobId === null ? early.push(message) : handle(message)));

  const started = await host.dispatch(method, input);
  if (!started.ok) {
    unsubscribe();
    throw new JobStartError(started.error);
  }
  jobId = (started.value as { jobId: string }).jobId;
  for (const message of early.splice(0)) handle(message);

  return {
    jobId,
    finished,
    async cancel() {
      const r = await host.dispatch('jobs.cancel', { jobId });
      return r.ok && (r.value as { cancelled: boolean }).cancelled;
    },
  };
}

/** Starts a job and waits for its end. */
export async function runJob<M extends JobMethod>(
  host: JobHost,
  method: M,
  input: MethodInput<M>,
  onProgress?: (progress: JobProgress) => void,
): Promise<FinishedOf<M>> {
  return (await startJob(host, method, input, onProgress)).finished;
}
