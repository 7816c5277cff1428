/**
 * `profile-desk import FILE… [--json] [--progress]`, through the dispatcher like the app: it
 * starts an `imports.start` job and follows the job's events for the progress line and the
 * summary. Ctrl-C cancels the job (`jobs.cancel`): the file being read is rolled back (one
 * transaction per file), files already done stay imported.
 */
import { resolve } from 'node:path';
import { plural } from '../../common/format';
import { JobStartError, startJob } from '../../common/jobs';
import type { ImportFinished, ImportSummary } from '../../common/types';
import { booleanFlag, parseFlags } from './args';
import { withCore } from './core';
import { CliError, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './errors';
import { unreadableReason } from './files';
import { writeErr, writeOut } from './output';
import { createProgressLine, type ProgressLine } from './progress';
import { problemLines, summaryLines } from './summary';

/** Refuses the whole run up front when a path is not a readable file: nothing half-imported. */
function checkFiles(paths: string[]): void {
  const problems = paths.flatMap((path) => {
    const reason = unreadableReason(path);
    return reason === null ? [] : [`${path}: ${reason}`];
  });
  if (problems.length === 0) return;
  for (const problem of problems) writeErr(problem);
  throw new CliError(`Nothing imported: ${plural(problems.length, 'file')} cannot be read.`);
}

/** The job's summary, or a CliError; a job cancelled before it read anything has no summary. */
function outcome(finished: ImportFinished): ImportSummary | 'cancelled' {
  if (finished.ok) return finished.result;
  if (finished.result) return finished.result;
  if (finished.error.code === 'cancelled') return 'cancelled';
  throw new CliError(`Import failed: ${finished.error.message}`);
}

/** Ctrl-C once cancels the job; twice quits at once. Returns the function that stops listening. */
export function cancelOnSigint(cancel: () => Promise<boolean>, progress: ProgressLine | null): () => void {
  let cancelling = false;
  const onSigint = (): void => {
    if (cancelling) process.exit(EXIT_INTERRUPTED);
    cancelling = true;
    progress?.clear();
    writeErr('Cancelling… (Ctrl-C again to quit at once)', '');
    void cancel();
  };
  process.on('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}

export async function importCommand(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('import', args, { json: 'boolean', progress: 'boolean' });
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('Usage: profile-desk import FILE… [--json] [--progress]');
  const json = booleanFlag(parsed, 'json');
  checkFiles(files);

  const typed = new Map(files.map((f) => [resolve(f), f]));
  const progress = createProgressLine(process.stderr, Date.now, booleanFlag(parsed, 'progress'));
  const result = await withCore(dbPath, async (core) => {
    let job;
    try {
      job = await startJob(core, 'imports.start', { paths: [...typed.keys()] }, (p) => progress?.update(p));
    } catch (err) {
      throw err instanceof JobStartError ? new CliError(`Import not started: ${err.message}`) : err;
    }
    const stopListening = cancelOnSigint(job.cancel, progress);
    try {
      return outcome(await job.finished);
    } finally {
      stopListening();
      progress?.clear();
    }
  });

  if (result === 'cancelled') {
    writeErr('Import cancelled before it started; nothing was imported.', '');
    return EXIT_INTERRUPTED;
  }
  await writeOut(json ? `${JSON.stringify(result, null, 2)}\n` : `${summaryLines(result).join('\n')}\n`);
  for (const line of problemLines(result, { display: (f) => typed.get(f) ?? f })) writeErr(line);

  if (result.cancelled) return EXIT_INTERRUPTED;
  return result.files.some((f) => f.status !== 'imported') ? EXIT_FAILED : EXIT_OK;
}
