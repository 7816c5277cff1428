/** The readable summary printed after `import` (with --json the ImportSummary is printed as is). */
import type { ImportSummary } from '../../common/types';
import { count, duration, plural } from './format';

export interface SummaryOptions {
  /** Shows a file as the user typed it rather than as the absolute path the core received. */
  display?: (file: string) => string;
}

export function summaryLines(s: ImportSummary, options: SummaryOptions = {}): string[] {
  const show = options.display ?? ((f: string) => f);
  const imported = s.files.filter((f) => f.status === 'imported').length;
  const failed = s.files.filter((f) => f.status === 'failed');
  const total = s.files.length;

  const head = s.cancelled
    ? `Cancelled after ${duration(s.durationMs)}: ${imported} of ${plural(total, 'file')} imported; the interrupted file left the store unchanged.`
    : failed.length > 0
      ? `Imported ${imported} of ${plural(total, 'file')} in ${duration(s.durationMs)}; ${failed.length} failed.`
      : `Imported ${plural(total, 'file')} in ${duration(s.durationMs)}.`;

  const reasons = Object.entries(s.skippedByReason)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason}: ${count(n)}`);

  const lines = [
    head,
    `  Records   ${count(s.records)} read, ${count(s.imported)} imported, ${count(s.skipped)} skipped, ` +
      `${count(s.excluded)} excluded (synthetics and CI test sessions)`,
    ...(reasons.length > 0 ? [`  Skipped   ${reasons.join(', ')}`] : []),
    `  Users     ${count(s.users.new)} new, ${count(s.users.updated)} updated`,
    `  Accounts  ${count(s.accounts.new)} new, ${count(s.accounts.updated)} updated`,
  ];

  if (failed.length > 0) {
    lines.push('', 'Failed files:', ...failed.map((f) => `  ${show(f.file)}: ${f.error ?? 'failed'}`));
  }
  if (s.errors.length > 0) {
    lines.push('', 'Skipped records:', ...s.errors.map((e) => `  ${show(e.file)}:${e.line}  ${e.reason}`));
    const more = s.skipped - s.errors.length;
    if (more > 0) lines.push(`  …and ${count(more)} more`);
  }
  return lines;
}
