import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../common/types';
import { IMPORT_BUDGET, importBudgetTable, importTable, setLabel, shortCount, type ImportReport, type UsersImportReport } from './import-report';
import type { AgreeResult } from './measure-agree';
import type { ImportResult } from './measure-import';

const MB = 1024 ** 2;

function summary(records: number): ImportSummary {
  return {
    files: [], records, imported: records, skipped: 0, skippedByReason: {}, excluded: 0, errors: [],
    users: { new: 0, updated: 0 }, accounts: { new: 0, updated: 0 }, durationMs: 0, cancelled: false,
  };
}

const imported = (records: number, seconds: number, peakMb: number, users = 1000): { value: ImportResult } => ({
  value: { seconds, summary: summary(records), users, accounts: 10, baseRss: 100 * MB, peakRssSampled: peakMb * MB, maxRss: (peakMb - 10) * MB },
});

const agreed = (compared: number, differingUsers = 0, mismatches: Record<string, number> = {}): { value: AgreeResult } => ({
  value: { compared, differingUsers, pdUsers: compared, duckUsers: compared, mismatches, examples: Object.fromEntries(Object.keys(mismatches).map((k) => [k, ['u-1', 1, 2]])) },
});

function report(events: number, users: number, o: Partial<ImportReport> = {}): ImportReport {
  return {
    set: { users, events, seed: 1, path: '/x.ndjson', bytes: events * 1000, generated: null },
    floor: { value: { seconds: 10, events, bytes: events * 1000 } },
    import: imported(events, 8, 300, users),
    duck: { value: { seconds: 16, users, maxRss: 900 * MB } },
    agree: agreed(users),
    storeFloor: { value: { seconds: 4, rows: { users, accounts: 10, user_sessions: 2 * users } } },
    ...o,
  };
}

const usersReport = (records: number, seconds: number): UsersImportReport => ({
  set: { users: 1_000_000, events: records, seed: 2, path: '/u.ndjson', bytes: records * 1000, generated: null },
  import: imported(records, seconds, 400, 1_000_000),
  storeFloor: { value: { seconds: 10, rows: { users: 1_000_000 } } },
  keptAsGridStore: false,
});

/** The cells of the row whose first cell starts with `prefix`. */
function row(table: string, prefix: string): string[] {
  const line = table.split('\n').find((l) => l.startsWith(`| ${prefix}`));
  if (!line) throw new Error(`no row "${prefix}" in\n${table}`);
  return line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
}

describe('shortCount and setLabel', () => {
  it('shortens counts for row labels', () => {
    expect(shortCount(10_000_000)).toBe('10M');
    expect(shortCount(2_500_000)).toBe('2.5M');
    expect(shortCount(50_000)).toBe('50k');
    expect(shortCount(950)).toBe('950');
    // A generated file a few records short of its round count keeps the round label.
    expect(shortCount(999_998)).toBe('1M');
    expect(shortCount(999_949)).toBe('999.9k');
    expect(shortCount(9_999_995)).toBe('10M');
    expect(setLabel({ events: 1_000_000, users: 50_000, seed: 1 })).toBe('1M events, 50k users');
  });
});

describe('importBudgetTable', () => {
  it('gives each budget a row with the figure, what it is compared with, the ratio and OK/OVER', () => {
    const table = importBudgetTable({ base: report(1_000_000, 50_000), users: usersReport(2_500_000, 40), scale: report(10_000_000, 1_000_000) });
    // 8 s against a 10 s floor and a 16 s DuckDB: within both 1.0× budgets.
    expect(row(table, 'import time vs floor (1M events, 50k users)')).toEqual(['import time vs floor (1M events, 50k users)', '8.00 s', 'floor 10.0 s', '0.80×', '≤ 1.00×', 'OK', '']);
    expect(row(table, 'import time vs DuckDB (1M events')).toEqual(expect.arrayContaining(['DuckDB 16.0 s', '0.50×', 'OK']));
    expect(row(table, 'import time vs floor (10M events, 1M users)')).toEqual(expect.arrayContaining(['0.80×', 'OK']));
    // 125k ev/s at 50k users, 62.5k ev/s at 1M users: 2× slower, over the 1.5× budget.
    const flat = row(table, 'flat with users');
    expect(flat.slice(1, 6)).toEqual(['62,500 ev/s', '125,000 ev/s', '2.00×', '≤ 1.50×', 'OVER']);
    // Peak of the sampled and kernel figures: 300 MB of a 500 MB budget.
    expect(row(table, 'peak RSS importing 10M events').slice(1, 6)).toEqual(['300 MB', '500 MB', '0.60×', '≤ 1.00×', 'OK']);
    expect(row(table, 'same profiles as DuckDB (10M events, 1M users)').slice(1, 6)).toEqual(['1,000,000 equal', '1,000,000 compared', '100.0%', '100%', 'OK']);
  });

  it('sets the store\'s floor beside DuckDB and beside the million-user import', () => {
    const table = importBudgetTable({ base: report(1_000_000, 50_000), users: usersReport(2_500_000, 40), scale: null });
    // 4 s of writing against DuckDB's 16 s; 10 s of writing in a 40 s import.
    expect(row(table, 'import time vs DuckDB (1M')[6]).toBe('writing the finished store alone: 4.00 s (0.25× DuckDB)');
    expect(row(table, 'flat with users')[6]).toMatch(/in 40\.0 s, 1,000,000 users, peak RSS 400 MB; writing the finished store alone: 10\.0 s \(0\.25× of the import\); ratio = /);
    const unmeasured = importBudgetTable({
      base: report(1_000_000, 50_000, { storeFloor: { skipped: 'needs the import\'s store' } }),
      users: { ...usersReport(2_500_000, 40), storeFloor: { skipped: 'no' } }, scale: null,
    });
    expect(row(unmeasured, 'import time vs DuckDB (1M')[6]).toBe('');
    expect(row(unmeasured, 'flat with users')[6]).not.toMatch(/writing/);
  });

  it('judges slower imports and memory over the limit as OVER', () => {
    const slow = report(10_000_000, 1_000_000, { import: imported(10_000_000, 25, 700) });
    const table = importBudgetTable({ base: report(1_000_000, 50_000), users: usersReport(2_500_000, 20), scale: slow });
    expect(row(table, 'import time vs floor (10M').slice(3, 6)).toEqual(['2.50×', '≤ 1.00×', 'OVER']);
    expect(row(table, 'import time vs DuckDB (10M').slice(3, 6)).toEqual(['1.56×', '≤ 1.00×', 'OVER']);
    expect(row(table, 'peak RSS').slice(1, 6)).toEqual(['700 MB', '500 MB', '1.40×', '≤ 1.00×', 'OVER']);
    expect(700 * MB > IMPORT_BUDGET.rssBytes).toBe(true);
  });

  it('counts differing users, not differing attributes, and calls any difference DIFF', () => {
    const table = importBudgetTable({ base: report(1_000_000, 50_000, { agree: agreed(1000, 1, { city: 1, email: 1 }) }), users: null, scale: null });
    const cells = row(table, 'same profiles as DuckDB (1M');
    expect(cells.slice(1, 6)).toEqual(['999 equal', '1,000 compared', '99.9%', '100%', 'DIFF']);
    expect(cells[6]).toMatch(/city: 1 .*email: 1/);
  });

  it('judges a stopped import at its limit, a lower bound, and keeps its RSS so far', () => {
    const stopped = report(10_000_000, 1_000_000, {
      import: { skipped: 'stopped at the 300 s limit' },
      stopped: { limitSeconds: 300, progress: { seconds: 299, events: 4_000_000, bytes: 4e9, totalBytes: 1e10, peakRss: 600 * MB } },
      agree: { skipped: 'needs both the import and the DuckDB table' },
    });
    const table = importBudgetTable({ base: report(1_000_000, 50_000), users: usersReport(2_500_000, 20), scale: stopped });
    expect(row(table, 'import time vs floor (10M').slice(1, 6)).toEqual(['> 300.0 s', 'floor 10.0 s', '30.00×', '≤ 1.00×', 'OVER']);
    // Over before it was stopped: OVER holds whatever the rest would have used.
    expect(row(table, 'peak RSS').slice(1, 6)).toEqual(['≥ 600 MB', '500 MB', '1.20×', '≤ 1.00×', 'OVER']);
    const under = importBudgetTable({
      base: report(1_000_000, 50_000), users: null,
      scale: { ...stopped, stopped: { limitSeconds: 300, progress: { ...stopped.stopped!.progress!, peakRss: 200 * MB } } },
    });
    const rss = row(under, 'peak RSS');
    expect(rss[5]).toBe('–');
    expect(rss[6]).toMatch(/not judged: stopped at the 300 s limit; the job had reported 40% read, 4,000,000 records/);
  });

  it('does not call a stopped import OK when its lower bound is within the budget', () => {
    const early = report(10_000_000, 1_000_000, {
      import: { skipped: 'stopped' }, stopped: { limitSeconds: 5, progress: null }, agree: { skipped: 'needs both' },
    });
    const table = importBudgetTable({ base: report(1_000_000, 50_000), users: null, scale: early });
    expect(row(table, 'import time vs floor (10M').slice(1, 6)).toEqual(['> 5.00 s', 'floor 10.0 s', '0.50×', '≤ 1.00×', '–']);
  });

  it('says why a row is not measured', () => {
    const table = importBudgetTable({ base: report(1_000_000, 50_000, { floor: { skipped: 'disk full' } }), users: null, scale: null });
    expect(row(table, 'import time vs floor (1M')).toEqual(expect.arrayContaining(['skipped: disk full', '–']));
    expect(row(table, 'flat with users')[5]).toBe('–');
    expect(row(table, 'peak RSS importing 10M events')[6]).toMatch(/skipped \(--no-scale\); at 1M events, 50k users: 300 MB/);
  });

  it('marks a quick run\'s smaller scale file as a stand-in', () => {
    const table = importBudgetTable({ base: report(100_000, 5000), users: usersReport(250_000, 2), scale: report(1_000_000, 100_000) });
    expect(row(table, 'peak RSS importing 1M events')[6]).toMatch(/a 1M-event stand-in; the budget is for 10M/);
    const full = importBudgetTable({ base: report(1_000_000, 50_000), users: null, scale: report(9_999_995, 1_000_000) });
    expect(row(full, 'peak RSS importing 10M events')[6]).not.toMatch(/stand-in/);
  });
});

describe('importTable', () => {
  it('puts each figure beside its ratio to the floor and to DuckDB', () => {
    const table = importTable(report(1_000_000, 50_000));
    expect(table).toMatch(/^Import: 1,000,000 events, ~50,000 users/);
    expect(row(table, 'Profile Desk import').slice(1, 6)).toEqual(['8.00 s', '125,000 ev/s', '0.80×', '0.50×', '300 MB']);
    expect(row(table, 'DuckDB peer').slice(3, 5)).toEqual(['1.60×', '1.00×']);
    expect(row(table, 'same user profiles')[6]).toMatch(/50,000 of 50,000 users × \d+ attributes equal/);
    // 4 s of writing: 0.40× the 10 s parse floor, 0.25× DuckDB's 16 s; 50k + 10 + 100k rows.
    const store = row(table, 'floor: write the finished store');
    expect(store.slice(1, 5)).toEqual(['4.00 s', '250,000 ev/s', '0.40×', '0.25×']);
    expect(store[6]).toMatch(/^150,010 rows \(50,000 users\) of this import's store/);
    const skipped = importTable(report(1_000_000, 50_000, { storeFloor: { skipped: 'needs the import\'s store' } }));
    expect(row(skipped, 'floor: write the finished store')[6]).toBe("skipped: needs the import's store");
  });

  it('shows a stopped import as "more than" its limit', () => {
    const table = importTable(report(10_000_000, 1_000_000, {
      import: { skipped: 'stopped' }, stopped: { limitSeconds: 300, progress: null }, agree: { skipped: 'needs both' },
    }));
    expect(row(table, 'Profile Desk import').slice(1, 5)).toEqual(['> 300.0 s', '', '> 30.00×', '> 18.75×']);
    expect(row(table, 'Profile Desk import')[6]).toMatch(/before its first progress report/);
  });
});

describe('a sampled floor', () => {
  it('says it was scaled from the start of the file', () => {
    const r = report(10_000_000, 1_000_000, {
      floor: { value: { seconds: 80, events: 10_000_000, bytes: 11e9, sample: { seconds: 20, events: 2_500_000, bytes: 3 * 1024 ** 3 } } },
    });
    expect(row(importTable(r), 'floor')[6]).toBe('scaled by bytes from the first 3.0 GB (2,500,000 events in 20.0 s)');
    expect(row(importBudgetTable({ base: r, users: null, scale: null }), 'import time vs floor')[2]).toBe('floor 80.0 s (scaled)');
  });
});
