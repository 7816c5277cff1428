import { describe, expect, it } from 'vitest';
import type { FeedPullReport } from '../../../../common/feeds';
import { quiet } from './feedJobs';

const report = (partial: Partial<FeedPullReport>): FeedPullReport => ({
  id: 1,
  feed: 'rum',
  kind: 'url',
  trigger: 'manual',
  status: 'ok',
  startedAt: '2025-06-10T11:00:00Z',
  finishedAt: '2025-06-10T11:00:01Z',
  durationMs: 1000,
  pages: 0,
  events: 0,
  imported: 0,
  skipped: 0,
  from: null,
  to: null,
  notModified: true,
  files: 0,
  failedFiles: 0,
  error: null,
  ...partial,
});

describe('which ended pulls are notified', () => {
  it('keeps quiet about scheduled and watched pulls that brought nothing', () => {
    expect(quiet(report({ trigger: 'schedule' }))).toBe(true);
    expect(quiet(report({ trigger: 'watch', kind: 'folder', notModified: false }))).toBe(true);
  });

  it('notifies pulls asked for, pulls that brought events, and files that failed', () => {
    expect(quiet(report({ trigger: 'manual' }))).toBe(false);
    expect(quiet(report({ trigger: 'save' }))).toBe(false);
    expect(quiet(report({ trigger: 'schedule', events: 12, imported: 12, notModified: false }))).toBe(false);
    expect(quiet(report({ trigger: 'watch', kind: 'folder', failedFiles: 1, notModified: false }))).toBe(false);
  });
});
