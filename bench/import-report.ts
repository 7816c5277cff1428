/**
 * The import side of the bench report: one detail table per imported file (every figure with
 * its ratio to the floor and to DuckDB beside it), and the budget table of ARCHITECTURE.md §9
 * (each budget one row: measured, compared with, ratio, budget, OK/OVER).
 */
import { formatBytes } from '../common/format';
import { USER_KEYS } from '../common/keys';
import type { DataSet, EventsFile } from './data';
import type { AgreeResult } from './measure-agree';
import type { DuckResult } from './measure-duckdb';
import type { FloorResult } from './measure-floor';
import type { ImportProgress, ImportResult } from './measure-import';
import type { WriteFloorResult } from './measure-write-floor';
import type { Outcome } from './report';
import { fmtInt, fmtRate, fmtRatio, fmtSec, formatTable, verdict, type Column } from './table';

/**
 * Issue 10's budgets. Ratios are "Profile Desk / reference", so ≤ the number is within
 * budget. The RSS limit is in the binary MB that formatBytes prints (the unit the issue's
 * "525 MB" was read in).
 */
export const IMPORT_BUDGET = { vsFloor: 1.0, vsDuckDB: 1.0, usersSlowdown: 1.5, rssBytes: 500 * 1024 ** 2 };

/** An import stopped at its time limit, with how far it had got. */
export interface Stopped {
  limitSeconds: number;
  progress: ImportProgress | null;
}

export interface ImportReport {
  set: DataSet & EventsFile;
  floor: Outcome<FloorResult>;
  import: Outcome<ImportResult>;
  /** Set when `import` was skipped because it ran past its time limit. */
  stopped?: Stopped;
  duck: Outcome<DuckResult>;
  agree: Outcome<AgreeResult>;
  /** The store's floor: the import's profiles written into an empty store (write-floor.ts). */
  storeFloor: Outcome<WriteFloorResult>;
}

/** The million-user file's import, for "flat with users" (no floor or DuckDB run of its own). */
export interface UsersImportReport {
  set: DataSet & EventsFile;
  import: Outcome<ImportResult>;
  storeFloor: Outcome<WriteFloorResult>;
  /** The fresh store became the grid part's cached store (it was stale or missing). */
  keptAsGridStore: boolean;
}

export interface ImportBudgetInput {
  base: ImportReport;
  users: UsersImportReport | null;
  /** The 10M-event case; null when skipped (--no-scale). */
  scale: ImportReport | null;
}

const value = <T>(o: Outcome<T>): T | null => ('value' in o ? o.value : null);
const why = (o: Outcome<unknown>): string | null => ('skipped' in o ? `skipped: ${o.skipped}` : null);

/** "10M", "2.5M", "50k", "950": short counts for row labels. */
export function shortCount(n: number): string {
  const trim = (x: number): string => String(Number(x.toFixed(1)));
  // By the rounded figure: 999,998 events is "1M", not "1000k".
  if (Number(trim(n / 1e3)) >= 1000) return `${trim(n / 1e6)}M`;
  if (Number(trim(n)) >= 1000) return `${trim(n / 1e3)}k`;
  return String(n);
}

export const setLabel = (set: DataSet): string => `${shortCount(set.events)} events, ${shortCount(set.users)} users`;

/** Peak memory of an import: the sampled tree peak or the kernel's lifetime peak, whichever is higher. */
export const peakRss = (r: ImportResult): number => Math.max(r.peakRssSampled, r.maxRss);

/** Records per second of an import. */
export const importRate = (r: ImportResult): number => r.summary.records / r.seconds;

function stoppedNote(s: Stopped): string {
  const p = s.progress;
  if (!p) return `stopped at the ${s.limitSeconds} s limit before its first progress report`;
  const pct = Math.round((100 * p.bytes) / Math.max(1, p.totalBytes));
  return `stopped at the ${s.limitSeconds} s limit; the job had reported ${pct}% read, ${fmtInt(p.events)} records; peak RSS so far ${formatBytes(p.peakRss)}`;
}

/** The detail table of one imported file. */
export function importTable(r: ImportReport): string {
  const { set } = r;
  const title = `Import: ${fmtInt(set.events)} events, ~${fmtInt(set.users)} users, ${formatBytes(set.bytes)} NDJSON (${Math.round(set.bytes / set.events)} B/event)`;
  const cols: Column[] = [
    { title: 'work' }, { title: 'time', align: 'right' }, { title: 'rate', align: 'right' },
    { title: 'vs floor', align: 'right' }, { title: 'vs DuckDB', align: 'right' }, { title: 'peak RSS', align: 'right' }, { title: 'notes' },
  ];
  const floor = value(r.floor);
  const imp = value(r.import);
  const duck = value(r.duck);
  const vs = (seconds: number, ref: { seconds: number } | null): string | null => (ref ? fmtRatio(seconds / ref.seconds) : null);
  const rows: Array<Array<string | null>> = [];
  rows.push(floor
    ? ['floor: read + JSON.parse, 1 thread', fmtSec(floor.seconds), fmtRate(floor.events, floor.seconds), '1.00×', vs(floor.seconds, duck), null,
      floor.sample ? `scaled by bytes from the first ${formatBytes(floor.sample.bytes)} (${fmtInt(floor.sample.events)} events in ${fmtSec(floor.sample.seconds)})` : null]
    : ['floor: read + JSON.parse, 1 thread', null, null, null, null, null, why(r.floor)]);
  const store = value(r.storeFloor);
  rows.push(store
    ? [STORE_FLOOR, fmtSec(store.seconds), fmtRate(set.events, store.seconds), vs(store.seconds, floor), vs(store.seconds, duck), null, storeFloorNote(store)]
    : [STORE_FLOOR, null, null, null, null, null, why(r.storeFloor)]);
  if (imp) {
    const s = imp.summary;
    rows.push(['Profile Desk import (imports.start job)', fmtSec(imp.seconds), fmtRate(s.records, imp.seconds), vs(imp.seconds, floor), vs(imp.seconds, duck),
      formatBytes(peakRss(imp)),
      `${fmtInt(imp.users)} users, ${fmtInt(imp.accounts)} accounts; ${fmtInt(s.imported)} imported, ${fmtInt(s.excluded)} excluded, ${fmtInt(s.skipped)} skipped; ` +
      `RSS sampled/50 ms ${formatBytes(imp.peakRssSampled)}, maxRSS ${formatBytes(imp.maxRss)}, before import ${formatBytes(imp.baseRss)}`]);
  } else if (r.stopped) {
    const limit = r.stopped.limitSeconds;
    rows.push(['Profile Desk import (imports.start job)', `> ${fmtSec(limit)}`, null, floor ? `> ${fmtRatio(limit / floor.seconds)}` : null,
      duck ? `> ${fmtRatio(limit / duck.seconds)}` : null, r.stopped.progress ? `≥ ${formatBytes(r.stopped.progress.peakRss)}` : null, stoppedNote(r.stopped)]);
  } else {
    rows.push(['Profile Desk import (imports.start job)', null, null, null, null, null, why(r.import)]);
  }
  rows.push(duck
    ? ['DuckDB peer: read_ndjson → user table', fmtSec(duck.seconds), fmtRate(set.events, duck.seconds), vs(duck.seconds, floor), '1.00×', formatBytes(duck.maxRss),
      `${fmtInt(duck.users)} users${imp ? (duck.users === imp.users ? ' (= Profile Desk)' : ` (Profile Desk: ${fmtInt(imp.users)})`) : ''}; all cores`]
    : ['DuckDB peer: read_ndjson → user table', null, null, null, null, null, why(r.duck)]);
  const agree = value(r.agree);
  rows.push(['same user profiles as DuckDB', null, null, null, null, null, agree ? agreeNote(agree) : why(r.agree)]);
  return `${title}\n\n${formatTable(cols, rows)}`;
}

const STORE_FLOOR = 'floor: write the finished store, 1 writer';

function storeFloorNote(f: WriteFloorResult): string {
  const rows = Object.values(f.rows).reduce((a, b) => a + b, 0);
  return `${fmtInt(rows)} rows (${fmtInt(f.rows.users ?? 0)} users) of this import's store, copied in key order into an empty store in one transaction; sort and search indexes rebuilt after`;
}

/** What writing the finished store alone takes, for a budget row's notes. */
function storeFloorShare(f: Outcome<WriteFloorResult>, against: { name: string; seconds: number } | null): string | null {
  const store = value(f);
  if (!store) return null;
  return `writing the finished store alone: ${fmtSec(store.seconds)}` + (against ? ` (${fmtRatio(store.seconds / against.seconds)} ${against.name})` : '');
}

function agreeNote(a: AgreeResult): string {
  const bad = Object.entries(a.mismatches);
  const counts = a.pdUsers === a.duckUsers ? '' : `; user counts differ: Profile Desk ${fmtInt(a.pdUsers)}, DuckDB ${fmtInt(a.duckUsers)}`;
  if (bad.length === 0) return `${fmtInt(a.compared)} of ${fmtInt(a.pdUsers)} users × ${USER_KEYS.length} attributes equal${counts}`;
  return `${fmtInt(a.compared)} compared; ` + bad.map(([k, n]) => `${k}: ${n} (e.g. ${JSON.stringify(a.examples[k])})`).join('; ') + counts;
}

/** Users whose every attribute matched, and their share of the compared users. */
export function agreement(a: AgreeResult): { equal: number; share: number } {
  const equal = a.compared - a.differingUsers;
  return { equal, share: a.compared === 0 ? NaN : equal / a.compared };
}

export type BudgetCells = [budget: string, measured: string | null, against: string | null, ratio: string | null, limit: string, result: string, notes: string | null];

/** One budget row: `ratio` is measured / reference, within budget when ≤ `limit`. */
export function budgetRow(name: string, measured: string | null, against: string | null, ratio: number, limit: number, notes: string | null): BudgetCells {
  return [name, measured, against, Number.isFinite(ratio) ? fmtRatio(ratio) : null, `≤ ${fmtRatio(limit)}`, verdict(ratio, limit), notes];
}

/** Time rows (vs floor, vs DuckDB) of one file; a stopped import is judged at its limit, a lower bound. */
function timeRows(r: ImportReport): BudgetCells[] {
  const label = setLabel(r.set);
  const floor = value(r.floor);
  const duck = value(r.duck);
  const imp = value(r.import);
  const seconds = imp ? imp.seconds : r.stopped ? r.stopped.limitSeconds : NaN;
  const shown = imp ? fmtSec(seconds) : r.stopped ? `> ${fmtSec(seconds)}` : null;
  const note = imp ? null : r.stopped ? 'stopped at its time limit: the ratio is a lower bound' : why(r.import);
  const row = (name: string, against: string | null, ratio: number, limit: number, more: string | null = null): BudgetCells => {
    const cells = budgetRow(name, shown, against, ratio, limit, [note, more].filter(Boolean).join('; ') || null);
    // A lower bound within the budget says nothing: only OVER can be concluded.
    if (!imp && r.stopped && ratio <= limit) cells[5] = '–';
    return cells;
  };
  return [
    row(`import time vs floor (${label})`, floor ? `floor ${fmtSec(floor.seconds)}${floor.sample ? ' (scaled)' : ''}` : why(r.floor), floor ? seconds / floor.seconds : NaN, IMPORT_BUDGET.vsFloor),
    row(`import time vs DuckDB (${label})`, duck ? `DuckDB ${fmtSec(duck.seconds)}` : why(r.duck), duck ? seconds / duck.seconds : NaN, IMPORT_BUDGET.vsDuckDB,
      storeFloorShare(r.storeFloor, duck && { name: 'DuckDB', seconds: duck.seconds })),
  ];
}

/** Flat with users: how many times slower per event the million-user file imports. */
function usersRow(base: ImportReport, users: UsersImportReport | null): BudgetCells {
  const name = users ? `flat with users: ev/s at ${shortCount(users.set.users)} vs ${shortCount(base.set.users)} users` : 'flat with users';
  const b = value(base.import);
  const u = users ? value(users.import) : null;
  if (!users || !u || !b) {
    const reason = !users ? 'skipped' : !u ? why(users.import) : `base import ${why(base.import) ?? 'missing'}`;
    return budgetRow(name, null, null, NaN, IMPORT_BUDGET.usersSlowdown, reason);
  }
  return budgetRow(name, fmtRate(u.summary.records, u.seconds), fmtRate(b.summary.records, b.seconds), importRate(b) / importRate(u), IMPORT_BUDGET.usersSlowdown,
    [`${setLabel(users.set)} in ${fmtSec(u.seconds)}, ${fmtInt(u.users)} users, peak RSS ${formatBytes(peakRss(u))}`,
      storeFloorShare(users.storeFloor, { name: 'of the import', seconds: u.seconds }),
      `ratio = ev/s at ${shortCount(base.set.users)} ÷ ev/s at ${shortCount(users.set.users)}`].filter(Boolean).join('; '));
}

/** Peak RSS while importing the scale file (10M events; a smaller stand-in in --quick). */
function rssRow(scale: ImportReport | null, base: ImportReport): BudgetCells {
  const limit = `${formatBytes(IMPORT_BUDGET.rssBytes)}`;
  const baseImp = value(base.import);
  const atBase = baseImp ? `at ${setLabel(base.set)}: ${formatBytes(peakRss(baseImp))}` : null;
  if (!scale) return budgetRow('peak RSS importing 10M events', null, limit, NaN, 1, ['skipped (--no-scale)', atBase].filter(Boolean).join('; '));
  const name = `peak RSS importing ${shortCount(scale.set.events)} events`;
  // The file's count is what the generator wrote: a few records short of the 10M asked for.
  const standIn = scale.set.events < 0.99 * 10_000_000 ? `a ${shortCount(scale.set.events)}-event stand-in; the budget is for 10M` : null;
  const imp = value(scale.import);
  if (imp) {
    const peak = peakRss(imp);
    return budgetRow(name, formatBytes(peak), limit, peak / IMPORT_BUDGET.rssBytes, 1,
      [standIn, `${fmtInt(imp.users)} users; process tree sampled every 50 ms, and maxRSS`].filter(Boolean).join('; '));
  }
  const soFar = scale.stopped?.progress?.peakRss;
  if (soFar !== undefined && soFar > IMPORT_BUDGET.rssBytes) {
    // Already over when stopped: the verdict holds whatever the rest would have used.
    return budgetRow(name, `≥ ${formatBytes(soFar)}`, limit, soFar / IMPORT_BUDGET.rssBytes, 1, 'stopped at its time limit, already over');
  }
  const note = scale.stopped ? `not judged: ${stoppedNote(scale.stopped)}` : why(scale.import);
  return budgetRow(name, null, limit, NaN, 1, [standIn, note].filter(Boolean).join('; '));
}

/** Profiles equal to DuckDB's, per file: 100% of compared users is the only pass. */
function agreeRow(r: ImportReport): BudgetCells {
  const name = `same profiles as DuckDB (${setLabel(r.set)})`;
  const a = value(r.agree);
  if (!a) return [name, null, null, null, '100%', '–', why(r.agree)];
  const { equal, share } = agreement(a);
  const ok = equal === a.compared && a.pdUsers === a.duckUsers && a.compared > 0;
  return [name, `${fmtInt(equal)} equal`, `${fmtInt(a.compared)} compared`, Number.isFinite(share) ? `${(100 * share).toFixed(1)}%` : null, '100%', ok ? 'OK' : 'DIFF', agreeNote(a)];
}

/** The import budgets of ARCHITECTURE.md §9, one row each. */
export function importBudgetTable(r: ImportBudgetInput): string {
  const title = 'Import budgets (ARCHITECTURE.md §9; ratio = Profile Desk ÷ reference, measured in this run)';
  const cols: Column[] = [
    { title: 'budget' }, { title: 'measured', align: 'right' }, { title: 'against', align: 'right' }, { title: 'ratio', align: 'right' },
    { title: 'limit' }, { title: 'result' }, { title: 'notes' },
  ];
  const rows: BudgetCells[] = [
    ...timeRows(r.base),
    ...(r.scale ? timeRows(r.scale) : []),
    usersRow(r.base, r.users),
    rssRow(r.scale, r.base),
    agreeRow(r.base),
    ...(r.scale ? [agreeRow(r.scale)] : []),
  ];
  return `${title}\n\n${formatTable(cols, rows)}`;
}
