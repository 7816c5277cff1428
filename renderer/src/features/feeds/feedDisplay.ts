/** How the Feeds table and history put a feed, a pull and a running pull into words. */
import type { FeedInfo, FeedKind, FeedRun } from '../../../../common/feeds';
import { formatNumber, plural } from '../../../../common/format';
import type { JobProgress } from '../../../../common/types';
import { formatDateTime, formatRelative } from '../../lib/format';

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
  return { text: `${formatRelative(from, now)} – ${formatRelative(to, now)}`, title: `${from} → ${to}` };
}

/** A time range as local dates and times ("Mar 4, 2025, 2:05 PM – Mar 5, 2025, 9:00 AM"). */
export function rangeDates(from: string | null, to: string | null): string | null {
  if (!from || !to) return null;
  return `${formatDateTime(from)} – ${formatDateTime(to)}`;
}

/** When a feed pulls by itself: "Paused", "Watching" (a folder), or the next scheduled pull. */
export function feedTiming(feed: Pick<FeedInfo, 'kind' | 'paused' | 'nextPullAt'>, now: number = Date.now()): { state: 'paused' | 'watching' | 'scheduled' | 'manual'; next: string | null } {
  if (feed.paused) return { state: 'paused', next: null };
  if (feed.kind === 'folder') return { state: 'watching', next: null };
  if (feed.nextPullAt) return { state: 'scheduled', next: formatRelative(feed.nextPullAt, now) };
  return { state: 'manual', next: null };
}

/**
 * A running pull in words: pages and events so far, how far the committed events reach. A pull
 * waits for a rate limit's reset (or for another writer of the store): the core then says
 * `state: 'waiting'`, and names the wait in `file` when it is a rate limit.
 */
export function progressText(p: Pick<JobProgress, 'state' | 'events' | 'pages' | 'coveredTo' | 'file'>, kind: FeedKind, now: number = Date.now()): { status: string; detail: string } {
  const status =
    p.state === 'queued'
      ? 'Queued'
      : p.state === 'waiting'
        ? kind === 'datadog' && !/lock|store|writer/i.test(p.file ?? '')
          ? 'Waiting (rate limited)'
          : 'Waiting for the store'
        : 'Pulling';
  const parts: string[] = [];
  if (kind === 'datadog') parts.push(plural(p.pages ?? 0, 'page'));
  parts.push(plural(p.events, 'event'));
  if (p.coveredTo) parts.push(`to ${formatRelative(p.coveredTo, now)}`);
  return { status, detail: parts.join(' · ') };
}
