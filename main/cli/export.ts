/**
 * `profile-desk export users|accounts --out FILE.csv [--query Q] [--segment NAME]
 * [--columns a,b,c] [--sort KEY[:asc|desc]] [--no-formula-guard] [--bom] [--progress]`:
 * an `exports.start` job followed to its end like `import`. With `--out -` the CSV goes to
 * stdout (the core's host targets map `-` to it) and everything else to stderr. Ctrl-C
 * cancels the job; the core then removes its temp file, so no file is left under the name.
 */
import { resolve } from 'node:path';
import { formatNumber, plural } from '../../common/format';
import { JobStartError, startJob } from '../../common/jobs';
import type { ExportSummary, JobProgress } from '../../common/types';
import { STDOUT_TARGET } from '../core/export-targets';
import { booleanFlag, parseFlags, stringFlag } from './args';
import { withCore } from './core';
import { CliError, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './errors';
import { cancelOnSigint } from './import';
import { attributeKeys, parseSort } from './list';
import { writeErr, writeOut } from './output';
import { createProgressLine } from './progress';
import { apiError } from './query-errors';
import { SELECTION_FLAGS, selectionOf } from './selection';

const USAGE_LINE = 'profile-desk export users|accounts --out FILE.csv [--query Q] [--segment NAME] [--columns a,b,c] [--sort KEY[:asc|desc]] [--no-formula-guard] [--bom]';

/** "12,345 of 1,000,000 rows  1%": what an export job reports. */
export function exportProgressText(p: JobProgress): string {
  const rows = p.rows ?? p.events;
  if (p.totalRows === undefined || p.totalRows === 0) return `${plural(rows, 'row')} written`;
  return `${plural(rows, 'row')} of ${formatNumber(p.totalRows)} written  ${Math.floor((rows / p.totalRows) * 100)}%`;
}

/** `a, b ,c` → ['a','b','c']; the core checks the keys themselves. */
function columnsFlag(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const columns = raw.split(',').map((c) => c.trim());
  if (columns.some((c) => c === '')) throw new UsageError(`--columns takes keys separated by commas, e.g. --columns user_id,user_email (got "${raw}")`);
  return columns;
}

export async function exportCommand(args: string[], dbPath: string): Promise<number> {
  const parsed = parseFlags('export', args, {
    ...SELECTION_FLAGS,
    out: 'string',
    columns: 'string',
    sort: 'string',
    'no-formula-guard': 'boolean',
    bom: 'boolean',
    progress: 'boolean',
  });
  const [entity, extra] = parsed.positionals;
  if (entity !== 'users' && entity !== 'accounts') {
    throw new UsageError(entity === undefined ? `Usage: ${USAGE_LINE}` : `export takes users or accounts, not "${entity}"`);
  }
  if (extra !== undefined) throw new UsageError(`"export" takes one entity (got "${extra}" too)`);
  const out = stringFlag(parsed, 'out');
  if (out === undefined) throw new UsageError('Missing --out FILE.csv (or --out - for standard output)');
  const toStdout = out === STDOUT_TARGET;
  const kind = entity === 'users' ? 'user' : 'account';
  const sortRaw = stringFlag(parsed, 'sort');
  const selection = selectionOf(parsed);
  const columns = columnsFlag(stringFlag(parsed, 'columns'));
  const input = {
    entity,
    ...selection,
    ...(columns ? { columns } : {}),
    formulaGuard: !booleanFlag(parsed, 'no-formula-guard'),
    bom: booleanFlag(parsed, 'bom'),
    // Absolute, so the job writes where the user was, whatever the core's working folder.
    target: toStdout ? STDOUT_TARGET : resolve(out),
  } as const;

  const progress = createProgressLine(process.stderr, Date.now, booleanFlag(parsed, 'progress'), exportProgressText);
  const finished = await withCore(dbPath, async (core) => {
    let job;
    try {
      // Custom attributes sort too: the keys are the store's.
      const sort = sortRaw === undefined ? [] : [parseSort(kind, sortRaw, await attributeKeys(core, kind))];
      job = await startJob(core, 'exports.start', { ...input, sort }, (p) => progress?.update(p));
    } catch (err) {
      if (err instanceof JobStartError) throw apiError(err.error, selection.query, 'Export not started: ');
      throw err;
    }
    const stopListening = cancelOnSigint(job.cancel, progress);
    try {
      return await job.finished;
    } finally {
      stopListening();
      progress?.clear();
    }
  }, { existing: true });

  if (!finished.ok) {
    if (finished.error.code === 'cancelled') {
      writeErr(toStdout ? 'Export cancelled.' : `Export cancelled; ${out} was not written.`, '');
      return EXIT_INTERRUPTED;
    }
    throw new CliError(`Export failed: ${finished.error.message}`);
  }
  const line = summaryLine(entity, finished.result, toStdout ? 'standard output' : out);
  // On stdout the CSV is the output: the summary must not end up in it.
  if (toStdout) writeErr(line, '');
  else await writeOut(`${line}\n`);
  return EXIT_OK;
}

export function summaryLine(entity: 'users' | 'accounts', summary: ExportSummary, where: string): string {
  const noun = entity === 'users' ? 'user' : 'account';
  return `Exported ${plural(summary.rows, noun)} to ${where}`;
}
