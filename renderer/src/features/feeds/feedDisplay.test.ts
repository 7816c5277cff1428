import { describe, expect, it } from 'vitest';
import type { FeedRun } from '../../../../common/feeds';
import { feedTiming, feedWhere, progressText, pullSummary, rangeText } from './feedDisplay';

const NOW = Date.parse('2025-06-10T12:00:00Z');

const run = (partial: Partial<FeedRun>): FeedRun => ({
  id: 1,
  trigger: 'manual',
  status: 'ok',
  startedAt: '2025-06-10T11:00:00Z',
  finishedAt: '2025-06-10T11:00:05Z',
  durationMs: 5000,
  pages: 3,
  events: 2500,
  imported: 2400,
  skipped: 100,
  from: null,
  to: null,
  notModified: false,
  files: 0,
  failedFiles: 0,
  error: null,
  ...partial,
});

describe('feed display', () => {
  it('says where each kind reads', () => {
    expect(feedWhere({ kind: 'datadog', settings: { site: 'datadoghq.eu' } })).toBe('datadoghq.eu');
    expect(feedWhere({ kind: 'datadog', settings: { site: 'datadoghq.com', baseUrl: 'http://127.0.0.1:4000' } })).toBe('http://127.0.0.1:4000');
    expect(feedWhere({ kind: 'url', settings: { url: 'https://cdn.acme.com/rum/events.ndjson.gz?sig=secret' } })).toBe('cdn.acme.com/rum/events.ndjson.gz');
    expect(feedWhere({ kind: 'url', settings: { url: 'https://cdn.acme.com/' } })).toBe('cdn.acme.com');
    expect(feedWhere({ kind: 'folder', settings: { path: '/data/drops' } })).toBe('/data/drops');
  });

  it('sums up a pull for its kind', () => {
    expect(pullSummary(run({}), 'datadog')).toBe('2,500 events · 2,400 imported');
    expect(pullSummary(run({ events: 1, imported: 1 }), 'datadog')).toBe('1 event · 1 imported');
    expect(pullSummary(run({ notModified: true }), 'url')).toBe('Not modified');
    expect(pullSummary(run({ files: 2, failedFiles: 1, events: 10, imported: 10 }), 'folder')).toBe('2 files imported · 1 failed · 10 events · 10 imported');
  });

  it('puts a range in relative words, with the ISO times to hover', () => {
    expect(rangeText('2025-06-03T12:00:00Z', '2025-06-10T12:00:00Z', NOW)?.text).toBe('7 days ago – just now');
    expect(rangeText('2025-06-04T12:00:00Z', '2025-06-10T11:58:00Z', NOW)).toEqual({
      text: '6 days ago – 2 minutes ago',
      title: '2025-06-04T12:00:00Z → 2025-06-10T11:58:00Z',
    });
    expect(rangeText('2025-06-10T11:00:00Z', '2025-06-10T12:59:40Z', NOW)?.text).toBe('1 hour ago – in 1 hour');
    expect(rangeText(null, '2025-06-10T11:58:00Z', NOW)).toBeNull();
  });

  it('tells paused, watched, scheduled and manual feeds apart', () => {
    expect(feedTiming({ kind: 'datadog', paused: true, nextPullAt: '2025-06-10T13:00:00Z' }, NOW)).toEqual({ state: 'paused', next: null });
    expect(feedTiming({ kind: 'folder', paused: false, nextPullAt: null }, NOW)).toEqual({ state: 'watching', next: null });
    expect(feedTiming({ kind: 'datadog', paused: false, nextPullAt: '2025-06-10T13:00:00Z' }, NOW)).toEqual({ state: 'scheduled', next: 'in 1 hour' });
    expect(feedTiming({ kind: 'url', paused: false, nextPullAt: null }, NOW)).toEqual({ state: 'manual', next: null });
  });

  it('describes a running pull, and a pull waiting for a rate limit', () => {
    expect(progressText({ state: 'running', events: 3000, pages: 3, coveredTo: '2025-06-09T12:00:00Z' }, 'datadog', NOW)).toEqual({
      status: 'Pulling',
      detail: '3 pages · 3,000 events · to 1 day ago',
    });
    expect(progressText({ state: 'waiting', events: 1000, pages: 1, coveredTo: null, waitingFor: 'rate limited (3 s)' }, 'datadog', NOW).status).toBe('Waiting: rate limited (3 s)');
    expect(progressText({ state: 'waiting', events: 0, pages: 0, coveredTo: null }, 'url', NOW).status).toBe('Waiting: another writer of the store');
    expect(progressText({ state: 'running', events: 12, coveredTo: null }, 'url', NOW)).toEqual({ status: 'Pulling', detail: '12 events' });
  });
});
