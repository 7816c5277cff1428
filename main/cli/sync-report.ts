/**
 * Following a sync job at the terminal (`sources add`, `sources sync`): its progress line, its
 * one-line report on stdout, the keys that matched nothing or repeated on stderr, Ctrl-C as a
 * cancel, and a failed sync as exit 1 with the reason (the previous values stay: the core
 * replaces a source's values only when a sync succeeds).
 */
import type { SyncReport } from '../../common/attributes';
import { formatDuration, formatNumber, plural } from '../../common/format';
import type { FollowedJob } from '../../common/jobs';
import type { JobProgress, SyncFinished } from '../../common/types';
import { followRun, type RunOutcome } from './follow-run';
import { writeErr } from './output';
import type { ProgressLine } from './progress';

/** Keys named on stderr after a sync (the core reports up to 100 of each). */
const KEYS_SHOWN = 10;

/** "12,345 rows read": what a sync job reports while it runs. */
export function syncProgressText(p: JobProgress): string {
  if (p.state === 'queued') return 'queued behind another job…';
  if (p.state === 'waiting') return 'waiting for another writer…';
  return `${p.label}: ${plural(p.rows ?? p.events, 'row')} read`;
}

/** "4 rows read, 3 matched, 1 unmatched, 0 duplicates in 120 ms" */
export function syncCounts(r: SyncReport): string {
  const blank = r.blankKeys > 0 ? `, ${formatNumber(r.blankKeys)} without a key` : '';
  return `${plural(r.rows, 'row')} read, ${formatNumber(r.matched)} matched, ${formatNumber(r.unmatched)} unmatched, ` +
    `${plural(r.duplicates, 'duplicate')}${blank} in ${formatDuration(r.durationMs ?? 0)}`;
}

function keyList(keys: string[], total: number): string {
  const shown = keys.slice(0, KEYS_SHOWN);
  const more = total - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${formatNumber(more)} more` : ''}`;
}

/** The keys that matched no profile and the repeated ones, on stderr, as `segments save` does for ids. */
export function reportKeys(r: SyncReport, entity: 'users' | 'accounts'): void {
  const noun = entity === 'users' ? 'user' : 'account';
  if (r.unmatched > 0 && r.unmatchedKeys.length > 0) writeErr(`${plural(r.unmatched, 'key')} matched no ${noun}: ${keyList(r.unmatchedKeys, r.unmatched)}`, '');
  if (r.duplicates > 0 && r.duplicateKeys.length > 0) {
    writeErr(`${plural(r.duplicates, 'row')} repeated a key (the first row of each key was kept): ${keyList(r.duplicateKeys, r.duplicateKeys.length)}`, '');
  }
}

export type SyncOutcome = RunOutcome<SyncReport>;

/** Waits for a sync job; Ctrl-C cancels it. Throws a CliError (exit 1) when the sync failed. */
export async function followSync(job: FollowedJob<SyncFinished>, progress: ProgressLine | null, failurePrefix: string): Promise<SyncOutcome> {
  return followRun(job, progress, failurePrefix, (error) => `${error.message} (the previous values are kept)`);
}
