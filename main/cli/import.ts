/**
 * `profile-desk import FILE… [--json] [--progress]`. Ctrl-C aborts through the core's signal: the file being
 * read is rolled back (one transaction per file), files already done stay imported.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportSummary } from '../../common/types';
import { booleanFlag, parseFlags } from './args';
import { withCore } from './core';
import { CliError, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './errors';
import { writeOut } from './output';
import { createProgressLine } from './progress';
import { summaryLines } from './summary';

/** Refuses the whole run up front when a path is not a readable file: nothing half-imported. */
function checkFiles(paths: string[]): void {
  const problems: string[] = [];
  for (const path of paths) {
    try {
      // Not FIFOs either: the core's readers seek (positional reads).
      if (!statSync(path).isFile()) problems.push(`${path} is not a regular file`);
    } catch {
      problems.push(`${path}: no such file`);
    }
  }
  if (problems.length > 0) throw new CliError(`Nothing imported. ${problems.join('; ')}`);
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as { code?: string }).code === 'cancelled');
}

export async function importCommand(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('import', args, { json: 'boolean', progress: 'boolean' });
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('Usage: profile-desk import FILE… [--json] [--progress]');
  const json = booleanFlag(parsed, 'json');
  checkFiles(files);

  const typed = new Map(files.map((f) => [resolve(f), f]));
  const controller = new AbortController();
  const progress = createProgressLine(process.stderr, Date.now, booleanFlag(parsed, 'progress'));
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    progress?.clear();
    process.stderr.write('Cancelling… (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);

  let summary: ImportSummary;
  try {
    summary = await withCore(dbPath, (core) =>
      core.importFiles([...typed.keys()], {
        signal: controller.signal,
        onProgress: (p) => progress?.update(p),
      }),
    );
  } catch (err) {
    if (controller.signal.aborted && isAbort(err)) {
      progress?.clear();
      process.stderr.write('Import cancelled; the interrupted file left the store unchanged.\n');
      return EXIT_INTERRUPTED;
    }
    throw new CliError(`Import failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    progress?.clear();
    process.off('SIGINT', onSigint);
  }

  if (json) await writeOut(`${JSON.stringify(summary, null, 2)}\n`);
  else await writeOut(`${summaryLines(summary, { display: (f) => typed.get(f) ?? f }).join('\n')}\n`);

  if (summary.cancelled) return EXIT_INTERRUPTED;
  return summary.files.some((f) => f.status !== 'imported') ? EXIT_FAILED : EXIT_OK;
}
