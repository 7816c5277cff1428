/**
 * Following a feed pull at the terminal (`feeds pull`, `feeds add --pull`): its progress line
 * (pages, events, how far the events reach; waiting while rate limited), its report on stdout,
 * Ctrl-C as a cancel, and a failed pull as exit 1 with the reason. What a pull committed before
 * it failed stays: the next pull resumes from there.
 */
import type { Schedule } from '../../common/attributes';
import type { FeedInfo, FeedPullReport } from '../../common/feeds';
import { formatDuration, formatNumber, plural } from '../../common/format';
import type { FollowedJob } from '../../common/jobs';
import type { ApiErrorData, FeedFinished, JobProgress } from '../../common/types';
import { followRun, type RunOutcome } from './follow-run';
import type { ProgressLine } from './progress';
import { cell } from './table';

/** An ISO time as the tables show it: `2025-03-01 12:00` (UTC). */
const shortTime = (iso: string): string => cell(iso);

/** "prod: 3 pages, 2,500 events, covered to 2025-03-01 12:00": what a pull job reports while it runs. */
export function pullProgressText(p: JobProgress): string {
  if (p.state === 'queued') return `${p.label}: queued behind another job…`;
  // A pull waits for a rate limit's reset, a retry, or another process writing the store.
  if (p.state === 'waiting') return `${p.label}: waiting: ${p.waitingFor ?? 'another writer of the store'}…`;
  // Before the first page or file: a folder pull waits for files to settle, a first page can be slow.
  if (p.events === 0 && !p.pages && !p.coveredTo) return `${p.label}: pulling…`;
  const counts = [p.pages ? plural(p.pages, 'page') : null, plural(p.events, 'event')].filter((c) => c !== null).join(', ');
  const covered = p.coveredTo ? `, covered to ${shortTime(p.coveredTo)}` : '';
  return `${p.label}: ${counts}${covered}`;
}

export function scheduleText(schedule: Schedule): string {
  return typeof schedule === 'string' ? schedule : `every ${plural(schedule.everyMinutes, 'minute')}`;
}

/** Where a feed reads from: its Datadog site (or base URL), its URL, or its folder. */
export function feedWhere(feed: Pick<FeedInfo, 'kind' | 'settings'>): string {
  const s = feed.settings;
  const text = feed.kind === 'datadog' ? (s.baseUrl ?? s.site) : feed.kind === 'url' ? s.url : s.path;
  return text === undefined ? '' : String(text);
}

/** "3 pages, 2,500 events (2,400 imported, 100 skipped), 2025-03-01 10:00 to 2025-03-02 10:00 in 1.2 s" */
export function pullCounts(r: FeedPullReport): string {
  if (r.notModified) return `not modified since the last pull, nothing imported in ${formatDuration(r.durationMs ?? 0)}`;
  const parts: string[] = [];
  if (r.kind === 'datadog') parts.push(plural(r.pages, 'page'));
  if (r.kind === 'folder') parts.push(`${plural(r.files, 'file')}${r.failedFiles > 0 ? ` (${formatNumber(r.failedFiles)} failed)` : ''}`);
  const skipped = r.skipped > 0 ? `, ${formatNumber(r.skipped)} skipped` : '';
  parts.push(`${plural(r.events, 'event')} (${formatNumber(r.imported)} imported${skipped})`);
  const range = r.from !== null && r.to !== null ? `, ${shortTime(r.from)} to ${shortTime(r.to)}` : '';
  return `${parts.join(', ')}${range} in ${formatDuration(r.durationMs ?? 0)}`;
}

/** The reason a pull failed, with what the analyst can check: the keys, the query. */
export function failureReason(error: Pick<ApiErrorData, 'code' | 'message'>, feed: Pick<FeedInfo, 'kind' | 'settings'> | undefined): string {
  const { code, message } = error;
  if (code === 'bad_query' && feed?.kind === 'datadog' && feed.settings.query !== undefined && !message.includes(String(feed.settings.query))) {
    return `${message} (query: ${String(feed.settings.query)})`;
  }
  // Datadog answers 403 without saying which key: the core names it when it can tell.
  if (code === 'auth_failed' && feed?.kind === 'datadog' && !/api key|application key|apiKey|appKey/i.test(message)) {
    return `${message} (check apiKey, and that appKey has the rum_apps_read scope)`;
  }
  return message;
}

export type PullOutcome = RunOutcome<FeedPullReport>;

/**
 * Waits for a pull job; Ctrl-C cancels it. Throws a CliError (exit 1) naming the reason when the
 * pull failed; `feed` (its settings) lets the reason name the query or the keys.
 */
export async function followPull(
  job: FollowedJob<FeedFinished>,
  progress: ProgressLine | null,
  failurePrefix: string,
  feed: FeedInfo | undefined,
): Promise<PullOutcome> {
  return followRun(job, progress, failurePrefix, (error) => failureReason(error, feed));
}
