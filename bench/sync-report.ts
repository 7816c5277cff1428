/** The attribute sync table of the bench report: Profile Desk's syncs beside csv-parse alone and DuckDB. */
import { formatBytes } from '../common/format';
import type { Outcome } from './report';
import type { SyncBenchResult, ValuesDigest } from './sync-bench';
import type { SyncCsv } from './sync-data';
import type { SyncDuckResult, SyncFloorResult } from './sync-peers';
import { fmtInt, fmtRatio, fmtSec, formatTable, verdict, type Column } from './table';

/** ARCHITECTURE.md §9 / issue 8: 1M source rows synced in ≤ 15 s. */
export const SYNC_BUDGET = { seconds: 15, perRows: 1_000_000 };

export interface SyncBenchReport {
  csv: SyncCsv;
  /** Said under the title: which store the keys come from when it is not the run's own. */
  note: string | null;
  floor: Outcome<SyncFloorResult>;
  pd: Outcome<SyncBenchResult>;
  duck: Outcome<SyncDuckResult>;
}

const TITLE = 'Attribute sync of a CSV reference table (sources.save + first sync job, then sources.sync)';
/** Why wall and CPU time are both shown. */
const CPU_NOTE = 'cpu: the process\'s CPU time (user + system) meanwhile; wall time above it means waiting (fsync, I/O, or other processes on the cores).';

const valueOf = <T>(o: Outcome<T>): T | null => ('value' in o ? o.value : null);
const skip = (o: Outcome<unknown>): string | null => ('skipped' in o ? `skipped: ${o.skipped}` : null);

/** Ratio of two times, or nothing when either side is missing. */
const ratio = (a: number | undefined, b: number | undefined): string | null =>
  a === undefined || b === undefined ? null : fmtRatio(a / b);

/** The columns whose digests differ, in words; empty when all agree. */
export function digestDifferences(pd: ValuesDigest, duck: ValuesDigest): string[] {
  const out: string[] = [];
  if (pd.keys !== duck.keys) out.push(`keys ${fmtInt(pd.keys)} vs ${fmtInt(duck.keys)}`);
  for (const name of Object.keys(pd.counts)) {
    if (pd.counts[name] !== duck.counts[name]) out.push(`${name}: ${fmtInt(pd.counts[name]!)} values vs ${fmtInt(duck.counts[name] ?? NaN)}`);
    else if (pd.sums[name] !== duck.sums[name]) out.push(`${name}: sum ${pd.sums[name]} vs ${duck.sums[name]}`);
  }
  return out;
}

export function syncTable(outcome: Outcome<SyncBenchReport>): string {
  if ('skipped' in outcome) return `${TITLE}\n\nskipped: ${outcome.skipped}`;
  const r = outcome.value;
  const { csv } = r;
  // The budget scales with the rows (a --quick run syncs 100k rows: 1.5 s).
  const budget = (SYNC_BUDGET.seconds * csv.rows) / SYNC_BUDGET.perRows;
  const budgetText = `≤ ${fmtSec(budget)} (${SYNC_BUDGET.seconds} s per ${fmtInt(SYNC_BUDGET.perRows)})`;
  const floor = valueOf(r.floor);
  const pd = valueOf(r.pd);
  const duck = valueOf(r.duck);
  const rate = (seconds: number): string => fmtInt(csv.rows / seconds);

  const cols: Column[] = [
    { title: 'work' }, { title: 'time', align: 'right' }, { title: 'rows/s', align: 'right' },
    { title: 'vs DuckDB', align: 'right' }, { title: 'vs floor', align: 'right' },
    { title: 'budget' }, { title: 'result' }, { title: 'notes' },
  ];
  const rows: Array<Array<string | null>> = [];
  const floorWork = 'floor: csv-parse alone (read + parse), 1 thread';
  rows.push(floor
    ? [floorWork, fmtSec(floor.seconds), rate(floor.seconds), ratio(floor.seconds, duck?.seconds), '1.00×', null, null, `${fmtInt(floor.rows)} rows; cpu ${fmtSec(floor.cpuSeconds)}`]
    : [floorWork, null, null, null, null, null, null, skip(r.floor)]);

  if (pd) {
    const planned = `generated: ${fmtInt(csv.matched)} / ${fmtInt(csv.unmatched)} / ${fmtInt(csv.duplicates)} / ${fmtInt(csv.blankKeys)}`;
    for (const [work, t] of [['Profile Desk: sources.save + first sync', pd.first], ['Profile Desk: re-sync (sources.sync)', pd.resync]] as const) {
      const s = t.report;
      const asGenerated = s.rows === csv.rows && s.matched === csv.matched && s.unmatched === csv.unmatched &&
        s.duplicates === csv.duplicates && s.blankKeys === csv.blankKeys;
      rows.push([work, fmtSec(t.seconds), rate(t.seconds), ratio(t.seconds, duck?.seconds), ratio(t.seconds, floor?.seconds),
        budgetText, verdict(t.seconds, budget),
        `${fmtInt(s.matched)} matched, ${fmtInt(s.unmatched)} unmatched, ${fmtInt(s.duplicates)} duplicates, ${fmtInt(s.blankKeys)} blank keys` +
        `${asGenerated ? ' (as generated)' : ` (${planned})`}; job ${fmtSec((s.durationMs ?? NaN) / 1000)}, cpu ${fmtSec(t.cpuSeconds)}`]);
    }
    const peak = Math.max(pd.peakRssSampled, pd.maxRss);
    rows.push(['Profile Desk peak RSS (core open, both syncs)', formatBytes(peak), null, null, null, null, null,
      `sampled/50 ms ${formatBytes(pd.peakRssSampled)}, maxRSS ${formatBytes(pd.maxRss)}, before the first sync ${formatBytes(pd.baseRss)}`]);
  } else {
    rows.push(['Profile Desk: sources.save + first sync', null, null, null, null, budgetText, null, skip(r.pd)]);
  }

  const duckWork = 'DuckDB peer: read_csv → first row per key → typed table' + (duck?.matched === null ? '' : ' + join');
  if (duck) {
    const matched = duck.matched === null
      ? 'no DuckDB user table: load, dedupe and cast only'
      : `${fmtInt(duck.matched)} matched${pd ? (duck.matched === pd.first.report.matched ? ' (= Profile Desk)' : ` (Profile Desk: ${fmtInt(pd.first.report.matched)})`) : ''}`;
    rows.push([duckWork, fmtSec(duck.seconds), rate(duck.seconds), '1.00×', ratio(duck.seconds, floor?.seconds), null, null,
      `${matched}, ${fmtInt(duck.duplicates)} duplicates, ${fmtInt(duck.blankKeys)} blank keys; all cores, cpu ${fmtSec(duck.cpuSeconds)}, maxRSS ${formatBytes(duck.maxRss)}`]);
  } else {
    rows.push([duckWork, null, null, null, null, null, null, skip(r.duck)]);
  }

  if (pd && duck) {
    const diff = digestDifferences(pd.digest, duck.digest);
    const types = Object.entries(pd.types).map(([name, type]) => `${name} ${type}`).join(', ');
    rows.push(['same typed values as DuckDB', null, null, null, null, 'all equal', diff.length === 0 ? 'OK' : 'DIFF',
      diff.length === 0 ? `${fmtInt(pd.digest.keys)} keys; count and sum of each attribute equal (${types})` : diff.join('; ')]);
  }

  const lines = [
    `${fmtInt(csv.rows)} rows, ${formatBytes(csv.bytes)} (email,ltv,tier,vip,signed_up,seats), joined on email ↔ user_email against ` +
      `${fmtInt(pd?.users ?? csv.emails)} users; ${csv.generated === null ? 'cached' : `generated now in ${fmtSec(csv.generated)}`}.`,
  ];
  if (r.note) lines.push(r.note);
  lines.push(CPU_NOTE);
  return `${TITLE}\n\n${lines.join('\n')}\n\n${formatTable(cols, rows)}`;
}
