/**
 * Following a job whose result is a run report (a source's sync, a feed's pull) at the terminal.
 * Both end the same three ways: the job fails before a report, or its report says cancelled or
 * failed, or it succeeds. Written once so `sources` and `feeds` treat Ctrl-C, a cancel and a
 * failure alike; only the words of a failure differ.
 */
import type { ApiErrorData, JobFailed } from '../../common/types';
import { CliError } from './errors';
import { cancelOnSigint } from './import';
import type { ProgressLine } from './progress';

/** What a sync or a pull ends with: a report that says how the run ended, or the job's error. */
type RunFinished<R> = { ok: true; result: R } | JobFailed;

export type RunOutcome<R> = { report: R } | { cancelled: true };

/**
 * Waits for a run job; Ctrl-C cancels it. A cancelled run is `{ cancelled: true }`; a failed one
 * throws a CliError (exit 1) of `failurePrefix` and `reason(error)`, where a report's own failure
 * comes as code `source_failed`.
 */
export async function followRun<R extends { status: string; error: string | null }>(
  job: { finished: Promise<RunFinished<R>>; cancel(): Promise<boolean> },
  progress: ProgressLine | null,
  failurePrefix: string,
  reason: (error: Pick<ApiErrorData, 'code' | 'message'>) => string,
): Promise<RunOutcome<R>> {
  const stopListening = cancelOnSigint(job.cancel, progress);
  let finished: RunFinished<R>;
  try {
    finished = await job.finished;
  } finally {
    stopListening();
    progress?.clear();
  }
  if (!finished.ok) {
    if (finished.error.code === 'cancelled') return { cancelled: true };
    throw new CliError(`${failurePrefix}${reason(finished.error)}`);
  }
  const report = finished.result;
  if (report.status === 'cancelled') return { cancelled: true };
  if (report.status === 'failed') throw new CliError(`${failurePrefix}${reason({ code: 'source_failed', message: report.error ?? 'failed' })}`);
  return { report };
}
