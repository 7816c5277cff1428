/** Turns the measurements into the two printed tables: import, and grid latency at scale. */
import { formatBytes } from '../common/format';
import { USER_KEYS } from '../common/keys';
import type { DataSet, EventsFile } from './data';
import { BLOCK_FILTERS, FILTERS } from './latency-plan';
import type { ExportBenchResult } from './export-bench';
import type { AgreeResult } from './measure-agree';
import type { DuckResult } from './measure-duckdb';
import type { FloorResult } from './measure-floor';
import type { ImportResult } from './measure-import';
import type { LatencyResult } from './measure-latency';
import { fmtInt, fmtMs, fmtRate, fmtRatio, fmtSec, formatTable, stats, verdict, type Column } from './table';

/** A step's outcome: its value, or why it was skipped. */
export type Outcome<T> = { value: T } | { skipped: string };

/** Budgets of ARCHITECTURE.md §9. */
export const BUDGET = { importRatio: 1.5, rssBytes: 500e6, blockP95Ms: 50, countMs: 200 };

export interface ImportReport {
  set: DataSet & EventsFile;
  floor: Outcome<FloorResult>;
  import: Outcome<ImportResult>;
  duck: Outcome<DuckResult>;
  agree: Outcome<AgreeResult>;
}

export interface LatencyReport {
  set: DataSet & EventsFile;
  store: Outcome<ImportResult & { cached: boolean }>;
  latency: Outcome<LatencyResult>;
  /** The CSV export of the same store (export-report.ts prints it). */
  exported?: Outcome<ExportBenchResult>;
}

const skip = (o: Outcome<unknown>): string | null => ('skipped' in o ? `skipped: ${o.skipped}` : null);

export function importTable(r: ImportReport): string {
  const { set } = r;
  const title = `Import: ${fmtInt(set.events)} events, ~${fmtInt(set.users)} users, ${formatBytes(set.bytes)} NDJSON (${Math.round(set.bytes / set.events)} B/event)`;
  const cols: Column[] = [
    { title: 'work' }, { title: 'time', align: 'right' }, { title: 'rate', align: 'right' },
    { title: 'ratio', align: 'right' }, { title: 'budget' }, { title: 'result' }, { title: 'notes' },
  ];
  const rows: Array<Array<string | null>> = [];
  const floor = 'value' in r.floor ? r.floor.value : null;
  rows.push(floor
    ? ['floor: read + JSON.parse, 1 thread', fmtSec(floor.seconds), fmtRate(floor.events, floor.seconds), '1.00×', null, null, null]
    : ['floor: read + JSON.parse, 1 thread', null, null, null, null, null, skip(r.floor)]);
  const imp = 'value' in r.import ? r.import.value : null;
  if (imp) {
    const ratio = floor ? imp.seconds / floor.seconds : NaN;
    const s = imp.summary;
    rows.push(['Profile Desk import (imports.start job)', fmtSec(imp.seconds), fmtRate(s.records, imp.seconds), `${fmtRatio(ratio)} floor`,
      `≤ ${BUDGET.importRatio}× floor`, verdict(ratio, BUDGET.importRatio),
      `${fmtInt(imp.users)} users, ${fmtInt(imp.accounts)} accounts; ${fmtInt(s.imported)} imported, ${fmtInt(s.excluded)} excluded, ${fmtInt(s.skipped)} skipped`]);
    const peak = Math.max(imp.peakRssSampled, imp.maxRss);
    rows.push(['Profile Desk import peak RSS', formatBytes(peak), null, null, `≤ ${formatBytes(BUDGET.rssBytes)} (at 10M events)`, verdict(peak, BUDGET.rssBytes),
      `sampled/50 ms ${formatBytes(imp.peakRssSampled)}, maxRSS ${formatBytes(imp.maxRss)}, before import ${formatBytes(imp.baseRss)}`]);
  } else {
    rows.push(['Profile Desk import (imports.start job)', null, null, null, null, null, skip(r.import)]);
  }
  const duck = 'value' in r.duck ? r.duck.value : null;
  if (duck) {
    const ratio = imp ? imp.seconds / duck.seconds : NaN;
    rows.push(['DuckDB peer: read_ndjson → user table', fmtSec(duck.seconds), fmtRate(set.events, duck.seconds), `PD/DuckDB ${fmtRatio(ratio)}`, null, null,
      `${fmtInt(duck.users)} users${imp ? (duck.users === imp.users ? ' (= Profile Desk)' : ` (Profile Desk: ${fmtInt(imp.users)})`) : ''}, maxRSS ${formatBytes(duck.maxRss)}`]);
  } else {
    rows.push(['DuckDB peer: read_ndjson → user table', null, null, null, null, null, skip(r.duck)]);
  }
  const agree = 'value' in r.agree ? r.agree.value : null;
  if (agree) {
    const bad = Object.entries(agree.mismatches);
    rows.push(['same user profiles as DuckDB', null, null, null, 'all equal', bad.length === 0 && agree.pdUsers === agree.duckUsers ? 'OK' : 'DIFF',
      bad.length === 0
        ? `${fmtInt(agree.compared)} users × ${USER_KEYS.length} attributes equal`
        : `${fmtInt(agree.compared)} compared; ` + bad.map(([k, n]) => `${k}: ${n} (e.g. ${JSON.stringify(agree.examples[k])})`).join('; ')]);
  } else {
    rows.push(['same user profiles as DuckDB', null, null, null, null, null, skip(r.agree)]);
  }
  return `${title}\n\n${formatTable(cols, rows)}`;
}

export function latencyTable(r: LatencyReport): string {
  const store = 'value' in r.store ? r.store.value : null;
  const lat = 'value' in r.latency ? r.latency.value : null;
  const title = `Grid at ${fmtInt(lat?.users ?? store?.users ?? r.set.users)} users (users.page blocks of 100 / users.count, via core.dispatch)`;
  const cols: Column[] = [
    { title: 'query' }, { title: 'n', align: 'right' }, { title: 'p50', align: 'right' }, { title: 'p95', align: 'right' },
    { title: 'max', align: 'right' }, { title: 'DuckDB p50', align: 'right' }, { title: 'PD/DuckDB', align: 'right' },
    { title: 'budget' }, { title: 'result' }, { title: 'notes' },
  ];
  const lines: string[] = [];
  if (store) {
    const s = store.summary;
    lines.push(`Store: ${fmtInt(s.records)} events imported ${store.cached ? 'in an earlier run (cached)' : 'now'} in ${fmtSec(store.seconds)} ` +
      `(${fmtRate(s.records, store.seconds)}), peak RSS ${formatBytes(Math.max(store.peakRssSampled, store.maxRss))}.`);
  }
  if (!lat) return `${title}\n\n${lines.join('\n')}\n${skip(r.latency) ?? skip(r.store)}`;
  const rows: Array<Array<string | number | null>> = [];
  const row = (label: string, pd: number[], duck: number[], budget: number, notes: string): void => {
    const p = stats(pd);
    const d = stats(duck);
    rows.push([label, p.n, fmtMs(p.p50), fmtMs(p.p95), fmtMs(p.max), duck.length ? fmtMs(d.p50) : null,
      duck.length ? fmtRatio(p.p50 / d.p50) : null, `p95 ≤ ${budget} ms`, verdict(p.p95, budget), notes]);
  };
  for (const f of FILTERS) {
    const c = lat.counts[f.name]!;
    const agree = c.duckCount === null ? ''
      : c.differ === 0 ? ' (= DuckDB)'
      : ` (DuckDB: ${fmtInt(c.duckCount)}; ${c.differ}/${c.pd.length} variants differ)`;
    const variants = c.pd.length > 1 && f.name !== 'none' ? `; ${c.pd.length} variants (other values), n=1 each` : '';
    row(`count: ${f.label}`, c.pd, c.duck, BUDGET.countMs, `${fmtInt(c.pdCount)} users${agree}${variants}`);
  }
  for (const key of USER_KEYS) {
    const s = lat.blocks[`none/${key}`]!;
    row(`block: sort ${key}`, s.pd, s.duck, BUDGET.blockP95Ms, 'asc+desc × first/middle/last/random block');
  }
  for (const name of BLOCK_FILTERS.filter((n) => n !== 'none')) {
    const f = FILTERS.find((x) => x.name === name)!;
    const per = USER_KEYS.map((key) => ({ key, s: lat.blocks[`${name}/${key}`]! }));
    const worst = per.reduce((a, b) => (stats(b.s.pd).p95 > stats(a.s.pd).p95 ? b : a));
    row(`block: ${f.label}, any sort`, per.flatMap((x) => x.s.pd), per.flatMap((x) => x.s.duck), BUDGET.blockP95Ms,
      `all ${USER_KEYS.length} keys; slowest: ${worst.key} p95 ${fmtMs(stats(worst.s.pd).p95)}`);
  }
  lines.push('DuckDB blocks: one per row and sort key (middle block, ascending): a sort of the whole table each time.');
  return `${title}\n\n${lines.join('\n')}\n\n${formatTable(cols, rows)}`;
}
