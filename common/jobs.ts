/**
 * Following a job the way every client does: start it through the dispatcher, then read its
 * `job.progress` and `job.finished` events. Written against the smallest surface (a dispatch
 * function and an event subscription), so the CLI, the tests and the bench share it with no
 * way around the contract's validation.
 */
import type { EventMessage, MethodInput, MethodName, MethodOutput } from './contract';
import type { ApiErrorData, ExportFinished, ImportFinished, JobFinished, JobProgress, Result, SyncFinished } from './types';

/** What a job is followed through: the core itself, or a client of it. */
export interface JobHost {
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
  events: { subscribe(listener: (message: EventMessage) => void): () => void };
}

export type JobMethod = 'imports.start' | 'imports.sample' | 'exports.start' | 'sources.sync';
/** What the end of a job started by `M` looks like. */
export type FinishedOf<M extends JobMethod> = M extends 'exports.start'
  ? ExportFinished
  : M extends 'sources.sync'
    ? SyncFinished
    : ImportFinished;

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
  const { job } = await callAndFollow<M, FinishedOf<M>>(host, method, input, (value) => (value as { jobId: string }).jobId, onProgress);
  return job!;
}

/** What a call answered, and the job it started, if it started one. */
export interface CalledWithJob<M extends MethodName, F extends JobFinished> {
  value: MethodOutput<M>;
  job: FollowedJob<F> | null;
}

/**
 * Calls a method whose answer may name a job among other things (`sources.save` starts its
 * first sync unless told not to) and follows that job. Events are listened to before the call,
 * so a job that ends before the answer arrives is not missed.
 */
export async function callAndFollow<M extends MethodName, F extends JobFinished>(
  host: JobHost,
  method: M,
  input: MethodInput<M>,
  jobIdOf: (value: MethodOutput<M>) => string | null,
  onProgress: (progress: JobProgress) => void = () => {},
): Promise<CalledWithJob<M, F>> {
  let jobId: string | null = null;
  let answered = false;
  // Events that arrive before the call returns the id wait here, so none is lost.
  const early: EventMessage[] = [];
  let settle: (finished: F) => void = () => {};
  const finished = new Promise<F>((resolve) => (settle = resolve));

  const handle = (message: EventMessage): void => {
    // EventMessage pairs any event with any data in its type; the name tells which it is.
    if (message.event === 'job.progress' && (message.data as JobProgress).jobId === jobId) {
      onProgress(message.data as JobProgress);
    }
    if (message.event === 'job.finished' && (message.data as JobFinished).jobId === jobId) {
      unsubscribe();
      settle(message.data as F);
    }
  };
  const unsubscribe = host.events.subscribe((message) => (answered ? handle(message) : early.push(message)));

  const called = await host.dispatch(method, input);
  if (!called.ok) {
    unsubscribe();
    throw new JobStartError(called.error);
  }
  const value = called.value as MethodOutput<M>;
  jobId = jobIdOf(value);
  answered = true;
  if (jobId === null) {
    unsubscribe();
    return { value, job: null };
  }
  for (const message of early.splice(0)) handle(message);

  const id = jobId;
  return {
    value,
    job: {
      jobId: id,
      finished,
      async cancel() {
        const r = await host.dispatch('jobs.cancel', { jobId: id });
        return r.ok && (r.value as { cancelled: boolean }).cancelled;
      },
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
