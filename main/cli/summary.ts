/**
 * What `import` prints when it is done: the summary on stdout (with --json the ImportSummary
 * as is), and each problem (a failed file, a skipped record) on stderr, where a script or a
 * person looks for errors, naming the file once and as the user typed it.
 */
import { basename, formatDuration, formatNumber, plural } from '../../common/format';
import type { FileSummary, ImportSummary } from '../../common/types';

export interface SummaryOptions {
  /** Shows a file as the user typed it rather than as the absolute path the core received. */
  display?: (file: string) => string;
}

export function summaryLines(s: ImportSummary): string[] {
  const imported = s.files.filter((f) => f.status === 'imported').length;
  const failed = s.files.filter((f) => f.status === 'failed').length;
  const total = s.files.length;

  const head = s.cancelled
    ? `Cancelled after ${formatDuration(s.durationMs)}: ${imported} of ${plural(total, 'file')} imported; the interrupted file left the store unchanged.`
    : failed > 0
      ? `Imported ${imported} of ${plural(total, 'file')} in ${formatDuration(s.durationMs)}; ${failed} failed.`
      : `Imported ${plural(total, 'file')} in ${formatDuration(s.durationMs)}.`;

  const reasons = Object.entries(s.skippedByReason)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason}: ${formatNumber(n)}`);

  return [
    head,
    `  Records   ${formatNumber(s.records)} read, ${formatNumber(s.imported)} imported, ${formatNumber(s.skipped)} skipped, ` +
      `${formatNumber(s.excluded)} excluded (synthetics and CI test sessions)`,
    ...(reasons.length > 0 ? [`  Skipped   ${reasons.join(', ')}`] : []),
    `  Users     ${formatNumber(s.users.new)} new, ${formatNumber(s.users.updated)} updated`,
    `  Accounts  ${formatNumber(s.accounts.new)} new, ${formatNumber(s.accounts.updated)} updated`,
  ];
}

/**
 * `shown: reason`, without the path twice: the core's messages often start with the file's
 * path or name already ("/tmp/a.json.gz: corrupt gzip stream"), which is then replaced by
 * the file as shown.
 */
export function fileProblem(file: string, shown: string, reason: string): string {
  for (const prefix of [file, basename(file)]) {
    if (reason.startsWith(`${prefix}: `) || reason.startsWith(`${prefix} `)) return `${shown}${reason.slice(prefix.length)}`;
  }
  return `${shown}: ${reason}`;
}

/** One line per failed file and per reported skipped record, compiler-style `file:line: reason`. */
export function problemLines(s: ImportSummary, options: SummaryOptions = {}): string[] {
  const show = options.display ?? ((f: string) => f);
  const failed = s.files.filter((f): f is FileSummary & { status: 'failed' } => f.status === 'failed');
  const lines = failed.map((f) => fileProblem(f.file, show(f.file), f.error ?? 'failed'));
  lines.push(...s.errors.map((e) => `${show(e.file)}:${e.line}: skipped: ${e.reason}`));
  const more = s.skipped - s.errors.length;
  if (s.errors.length > 0 && more > 0) lines.push(`…and ${plural(more, 'more skipped record')}`);
  return lines;
}
