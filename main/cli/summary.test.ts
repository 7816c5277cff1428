import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../common/types';
import { emptySummary } from '../core/ingest/run-import';
import { fileProblem, problemLines, summaryLines } from './summary';

const summary = (over: Partial<ImportSummary> = {}): ImportSummary => ({ ...emptySummary([]), durationMs: 1200, ...over });

describe('fileProblem', () => {
  it('names the file once, as shown, whether or not the reason already starts with it', () => {
    expect(fileProblem('/abs/a.json.gz', 'a.json.gz', '/abs/a.json.gz: corrupt gzip stream (x)')).toBe('a.json.gz: corrupt gzip stream (x)');
    expect(fileProblem('/abs/b.ndjson', 'data/b.ndjson', 'b.ndjson holds no RUM events')).toBe('data/b.ndjson holds no RUM events');
    expect(fileProblem('/abs/c.json', 'c.json', 'Import failed')).toBe('c.json: Import failed');
  });
});

describe('summary and problems', () => {
  const s = summary({
    files: [
      { file: '/abs/ok.ndjson', bytes: 10, records: 3, imported: 1, skipped: 2, excluded: 0, status: 'imported' },
      { file: '/abs/bad.json', bytes: 5, records: 0, imported: 0, skipped: 0, excluded: 0, status: 'failed', error: '/abs/bad.json: not a RUM event file' },
    ],
    records: 3,
    imported: 1,
    skipped: 25,
    skippedByReason: { 'invalid JSON': 25 },
    errors: [{ file: '/abs/ok.ndjson', line: 2, reason: 'invalid JSON: x' }],
  });

  it('keeps the summary free of per-file problems', () => {
    const text = summaryLines(s).join('\n');
    expect(text).toMatch(/^Imported 1 of 2 files in 1\.2 s; 1 failed\./);
    expect(text).toContain('Skipped   invalid JSON: 25');
    expect(text).not.toContain('/abs/');
  });

  it('lists each failed file and skipped record on its own line, files as typed', () => {
    const display = (f: string) => f.replace('/abs/', './');
    expect(problemLines(s, { display })).toEqual([
      './bad.json: not a RUM event file',
      './ok.ndjson:2: skipped: invalid JSON: x',
      '…and 24 more skipped records',
    ]);
    expect(problemLines(summary())).toEqual([]);
  });
});
