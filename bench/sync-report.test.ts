/** The sync table's wording and arithmetic on fixed measurements (no clock involved). */
import { describe, expect, it } from 'vitest';
import type { SyncReport } from '../common/attributes';
import type { SyncBenchResult, SyncTiming, ValuesDigest } from './sync-bench';
import type { SyncCsv } from './sync-data';
import type { SyncDuckResult } from './sync-peers';
import { digestDifferences, syncTable, type SyncBenchReport } from './sync-report';

const csv: SyncCsv = {
  path: '/x/sync.csv', rows: 100_000, bytes: 5_000_000, matched: 58_000, unmatched: 39_900, duplicates: 2_000, blankKeys: 100,
  storePath: '/x/users-100k.db', emails: 96_000, generated: null,
};

const digest: ValuesDigest = {
  keys: 97_900,
  counts: { ltv: 95_000, tier: 96_000, vip: 93_000, signed_up: 96_000, seats: 96_000 },
  sums: { ltv: 1e10, tier: 500_000, vip: 20_000, signed_up: 4e12, seats: 2.4e7 },
};

const report = (seconds: number, extra: Partial<SyncReport> = {}): SyncTiming => ({
  seconds,
  cpuSeconds: seconds / 2,
  report: {
    id: 1, source: 'Bench CRM', startedAt: '', finishedAt: '', status: 'ok', trigger: 'save', rows: 100_000,
    matched: 58_000, unmatched: 39_900, duplicates: 2_000, blankKeys: 100, durationMs: seconds * 900, error: null,
    unmatchedKeys: [], duplicateKeys: [], ...extra,
  },
});

const pd: SyncBenchResult = {
  users: 100_000,
  types: { ltv: 'number', tier: 'text', vip: 'boolean', signed_up: 'time', seats: 'number' },
  first: report(1.2),
  resync: report(2, { matched: 57_999 }),
  digest,
  baseRss: 100e6, peakRssSampled: 180e6, maxRss: 200e6,
};

const duckValue: SyncDuckResult = { seconds: 0.3, cpuSeconds: 0.55, rows: 100_000, keys: 97_900, blankKeys: 100, duplicates: 2_000, matched: 58_000, digest, maxRss: 300e6 };

const full: SyncBenchReport = {
  csv,
  note: null,
  floor: { value: { seconds: 0.4, cpuSeconds: 0.38, rows: 100_000 } },
  pd: { value: pd },
  duck: { value: duckValue },
};

const line = (table: string, work: string): string[] =>
  table.split('\n').find((l) => l.startsWith(`| ${work}`))!.split('|').slice(1, -1).map((c) => c.trim());

describe('syncTable', () => {
  it('scales the budget to the rows and compares each sync with DuckDB and the floor', () => {
    const t = syncTable({ value: full });
    expect(t).toContain('100,000 rows, 4.8 MB');
    expect(t).toContain('against 100,000 users; cached.');
    expect(line(t, 'floor')).toEqual(['floor: csv-parse alone (read + parse), 1 thread', '0.40 s', '250,000', '1.33×', '1.00×', '', '', '100,000 rows; cpu 0.38 s']);
    const first = line(t, 'Profile Desk: sources.save');
    expect(first.slice(1, 7)).toEqual(['1.20 s', '83,333', '4.00×', '3.00×', '≤ 1.50 s (15 s per 1,000,000)', 'OK']);
    expect(first[7]).toBe('58,000 matched, 39,900 unmatched, 2,000 duplicates, 100 blank keys (as generated); job 1.08 s, cpu 0.60 s');
    const resync = line(t, 'Profile Desk: re-sync');
    expect(resync.slice(1, 7)).toEqual(['2.00 s', '50,000', '6.67×', '5.00×', '≤ 1.50 s (15 s per 1,000,000)', 'OVER']);
    expect(resync[7]).toContain('(generated: 58,000 / 39,900 / 2,000 / 100)');
    expect(line(t, 'Profile Desk peak RSS')[1]).toBe('191 MB');
    const duck = line(t, 'DuckDB peer');
    expect(duck[0]).toBe('DuckDB peer: read_csv → first row per key → typed table + join');
    expect(duck.slice(1, 5)).toEqual(['0.30 s', '333,333', '1.00×', '0.75×']);
    expect(duck[7]).toMatch(/^58,000 matched \(= Profile Desk\), 2,000 duplicates, 100 blank keys; all cores, cpu 0.55 s/);
    expect(line(t, 'same typed values').slice(5)).toEqual(['all equal', 'OK',
      '97,900 keys; count and sum of each attribute equal (ltv number, tier text, vip boolean, signed_up time, seats number)']);
  });

  it('says what was skipped and why, and which store the keys came from', () => {
    const t = syncTable({ value: { ...full, note: 'The 1m-user store is not built.', pd: { skipped: 'boom' }, duck: { skipped: 'no duckdb' } } });
    expect(t).toContain('The 1m-user store is not built.');
    expect(line(t, 'Profile Desk: sources.save')).toEqual(['Profile Desk: sources.save + first sync', '', '', '', '', '≤ 1.50 s (15 s per 1,000,000)', '', 'skipped: boom']);
    expect(line(t, 'DuckDB peer')[7]).toBe('skipped: no duckdb');
    expect(line(t, 'floor')[3]).toBe('');
    expect(t).not.toContain('same typed values');
    expect(syncTable({ skipped: 'no user store' })).toMatch(/\n\nskipped: no user store$/);
  });

  it('marks a DuckDB run without a user table', () => {
    const t = syncTable({ value: { ...full, duck: { value: { ...duckValue, matched: null } } } });
    expect(line(t, 'DuckDB peer')[0]).toBe('DuckDB peer: read_csv → first row per key → typed table');
    expect(line(t, 'DuckDB peer')[7]).toMatch(/^no DuckDB user table: load, dedupe and cast only/);
  });
});

describe('digestDifferences', () => {
  it('names each attribute whose count or sum differs', () => {
    expect(digestDifferences(digest, digest)).toEqual([]);
    const other = { keys: 97_899, counts: { ...digest.counts, vip: 1 }, sums: { ...digest.sums, seats: 1 } };
    expect(digestDifferences(digest, other)).toEqual(['keys 97,900 vs 97,899', 'vip: 93,000 values vs 1', 'seats: sum 24000000 vs 1']);
  });
});
