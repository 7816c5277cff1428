/** How the Feeds table and history put a feed, a pull and a running pull into words. */
import type { FeedInfo, FeedKind, FeedRun } from '../../../../common/feeds';
import { formatNumber, plural } from '../../../../common/format';
import type { JobProgress } from '../../../../common/types';
import { formatDateTime } from '../../lib/format';

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'always' });
const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/**
 * An age in whole units, always numeric ("7 days ago", "in 45 minutes", "just now"): ranges read better as
 * "7 days ago – 2 minutes ago" than as "last week – 2 minutes ago".
 */
export function ago(iso: string, now: number = Date.now()): string {
  const diff = Date.parse(iso) - now;
  if (Number.isNaN(diff)) return '';
  if (Math.abs(diff) < 10_000) return 'just now';
  for (const [unit, ms] of UNITS) {
    // 59.8 minutes reads "1 hour", not "60 minutes".
    if (Math.abs(diff) >= 0.95 * ms || unit === 'second') return RELATIVE.format(Math.round(diff / ms), unit);
  }
  return '';
}

export const FEED_KIND_LABELS: Record<FeedKind, string> = {
  datadog: 'Datadog RUM',
  url: 'URL',
  folder: 'Watched folder',
};

/** Where a feed reads: the Datadog site or the proxy's base URL, the URL's host and path, the folder. */
export function feedWhere(feed: Pick<FeedInfo, 'kind' | 'settings'>): string {
  const s = feed.settings;
  if (feed.kind === 'datadog') return s.baseUrl ? String(s.baseUrl) : String(s.site ?? 'datadoghq.com');
  if (feed.kind === 'url') {
    const raw = String(s.url ?? '');
    try {
      const url = new URL(raw);
      return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    } catch {
      return raw;
    }
  }
  return String(s.path ?? '');
}

/** What a finished pull brought: events read and imported, or files, or nothing new. */
export function pullSummary(run: FeedRun, kind: FeedKind): string {
  if (kind === 'url' && run.notModified) return 'Not modified';
  const parts: string[] = [];
  if (kind === 'folder') {
    parts.push(`${plural(run.files, 'file')} imported`);
    if (run.failedFiles > 0) parts.push(`${formatNumber(run.failedFiles)} failed`);
  }
  parts.push(`${plural(run.events, 'event')} · ${formatNumber(run.imported)} imported`);
  return parts.join(' · ');
}

/** A time range as relative ages ("7 days ago – 2 minutes ago"), with the exact ISO times for a tooltip. */
export function rangeText(from: string | null, to: string | null, now: number = Date.now()): { text: string; title: string } | null {
  if (!from || !to) return null;
  return { text: `${ago(from, now)} – ${ago(to, now)}`, title: `${from} → ${to}` };
}

/** A time range's ends as local dates and times ("Mar 4, 2025, 2:05 PM", "Mar 5, 2025, 9:00 AM"). */
export function rangeDates(from: string | null, to: string | null): { from: string; to: string } | null {
  if (!from || !to) return null;
  return { from: formatDateTime(from), to: formatDateTime(to) };
}

/** When a feed pulls by itself: "Paused", "Watching" (a folder), or the next scheduled pull. */
export function feedTiming(feed: Pick<FeedInfo, 'kind' | 'paused' | 'nextPullAt'>, now: number = Date.now()): { state: 'paused' | 'watching' | 'scheduled' | 'manual'; next: string | null } {
  if (feed.paused) return { state: 'paused', next: null };
  if (feed.kind === 'folder') return { state: 'watching', next: null };
  if (feed.nextPullAt) return { state: 'scheduled', next: ago(feed.nextPullAt, now) };
  return { state: 'manual', next: null };
}

/**
 * A running pull in words: pages and events so far, how far the committed events reach. While
 * it waits (a rate limit's reset, a retry, another writer of the store) the core says what for.
 */
export function progressText(p: Pick<JobProgress, 'state' | 'events' | 'pages' | 'coveredTo' | 'waitingFor'>, kind: FeedKind, now: number = Date.now()): { status: string; detail: string } {
  const status = p.state === 'queued' ? 'Queued' : p.state === 'waiting' ? `Waiting: ${p.waitingFor ?? 'another writer of the store'}` : 'Pulling';
  const parts: string[] = [];
  if (kind === 'datadog') parts.push(plural(p.pages ?? 0, 'page'));
  parts.push(plural(p.events, 'event'));
  if (p.coveredTo) parts.push(`to ${ago(p.coveredTo, now)}`);
  return { status, detail: parts.join(' · ') };
}
