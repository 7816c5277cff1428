import { describe, expect, it } from 'vitest';
import type { FeedPullReport } from '../../common/feeds';
import type { JobProgress } from '../../common/types';
import { failureReason, feedWhere, pullCounts, pullProgressText, scheduleText } from './feed-report';

const progress = (p: Partial<JobProgress>): JobProgress => ({
  jobId: 'j1', kind: 'feed', label: 'prod', state: 'running', file: null, bytes: 0, totalBytes: 0, events: 0, eventsPerSec: 0, etaMs: null, ...p,
});

const report = (r: Partial<FeedPullReport>): FeedPullReport => ({
  id: 1, feed: 'prod', kind: 'datadog', trigger: 'manual', status: 'ok', startedAt: '2025-03-02T10:00:00.000Z', finishedAt: '2025-03-02T10:00:01.200Z',
  durationMs: 1200, pages: 3, events: 2500, imported: 2400, skipped: 100, from: '2025-03-01T10:00:00.000Z', to: '2025-03-02T10:00:00.000Z',
  notModified: false, files: 0, failedFiles: 0, error: null, ...r,
});

describe('feed pull wording', () => {
  it('says how far a running pull got, and why it waits', () => {
    expect(pullProgressText(progress({ pages: 3, events: 2500, coveredTo: '2025-03-01T12:34:56.000Z' }))).toBe('prod: 3 pages, 2,500 events, covered to 2025-03-01 12:34');
    expect(pullProgressText(progress({ events: 1 }))).toBe('prod: 1 event');
    expect(pullProgressText(progress({ events: 0, pages: 0, coveredTo: null }))).toBe('prod: pulling…');
    expect(pullProgressText(progress({ state: 'waiting', pages: 1, waitingFor: 'rate limited (4 s)' }))).toBe('prod: waiting: rate limited (4 s)…');
    expect(pullProgressText(progress({ state: 'waiting', pages: 1 }))).toBe('prod: waiting: another writer of the store…');
    expect(pullProgressText(progress({ state: 'queued' }))).toBe('prod: queued behind another job…');
  });

  it('sums up a pull per kind', () => {
    expect(pullCounts(report({}))).toBe('3 pages, 2,500 events (2,400 imported, 100 skipped), 2025-03-01 10:00 to 2025-03-02 10:00 in 1.2 s');
    expect(pullCounts(report({ kind: 'url', pages: 1, events: 10, imported: 10, skipped: 0, from: null, to: null }))).toBe('10 events (10 imported) in 1.2 s');
    expect(pullCounts(report({ kind: 'url', notModified: true }))).toMatch(/^not modified since the last pull/);
    expect(pullCounts(report({ kind: 'folder', files: 2, failedFiles: 1, events: 5, imported: 5, skipped: 0, from: null, to: null }))).toBe('2 files (1 failed), 5 events (5 imported) in 1.2 s');
  });

  it('names what to check when a Datadog pull is refused', () => {
    const feed = { kind: 'datadog' as const, settings: { site: 'datadoghq.com', query: '@type:(view' } };
    expect(failureReason({ code: 'bad_query', message: 'Datadog refused the query' }, feed)).toBe('Datadog refused the query (query: @type:(view)');
    expect(failureReason({ code: 'auth_failed', message: 'Datadog answered 403 Forbidden' }, feed)).toMatch(/check apiKey, and that appKey has the rum_apps_read scope/);
    // A message that already names the key is left as it is.
    expect(failureReason({ code: 'auth_failed', message: 'the application key lacks rum_apps_read' }, feed)).toBe('the application key lacks rum_apps_read');
    expect(failureReason({ code: 'source_failed', message: 'connection refused' }, feed)).toBe('connection refused');
  });

  it('shows where a feed reads and its schedule', () => {
    expect(feedWhere({ kind: 'datadog', settings: { site: 'datadoghq.eu' } })).toBe('datadoghq.eu');
    expect(feedWhere({ kind: 'datadog', settings: { site: 'datadoghq.com', baseUrl: 'http://127.0.0.1:8/' } })).toBe('http://127.0.0.1:8/');
    expect(feedWhere({ kind: 'url', settings: { url: 'https://x.test/e.ndjson' } })).toBe('https://x.test/e.ndjson');
    expect(feedWhere({ kind: 'folder', settings: { path: '/data/drop' } })).toBe('/data/drop');
    expect(scheduleText('hourly')).toBe('hourly');
    expect(scheduleText({ everyMinutes: 30 })).toBe('every 30 minutes');
  });
});
