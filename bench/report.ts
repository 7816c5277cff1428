/** The grid latency table at scale (the import tables are in import-report.ts), and the bench's shared Outcome type. */
import { formatBytes } from '../common/format';
import { USER_KEYS } from '../common/keys';
import type { DataSet, EventsFile } from './data';
import { BLOCK_FILTERS, FILTERS } from './latency-plan';
import type { ExportBenchResult } from './export-bench';
import type { ImportResult } from './measure-import';
import type { LatencyResult } from './measure-latency';
import { fmtInt, fmtMs, fmtRate, fmtRatio, fmtSec, formatTable, stats, verdict, type Column } from './table';

/** A step's outcome: its value, or why it was skipped. */
export type Outcome<T> = { value: T } | { skipped: string };

/** Grid budgets of ARCHITECTURE.md §9 (the import budgets are IMPORT_BUDGET in import-report.ts). */
export const BUDGET = { blockP95Ms: 50, countMs: 200 };

export interface LatencyReport {
  set: DataSet & EventsFile;
  store: Outcome<ImportResult & { cached: boolean }>;
  latency: Outcome<LatencyResult>;
  /** The CSV export of the same store (export-report.ts prints it). */
  exported?: Outcome<ExportBenchResult>;
}

const skip = (o: Outcome<unknown>): string | null => ('skipped' in o ? `skipped: ${o.skipped}` : null);

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
    const s = lat.blocks[`none/${key}`];
    if (!s) continue;
    row(`block: sort ${key}`, s.pd, s.duck, BUDGET.blockP95Ms, 'asc+desc × first/middle/last/random block');
  }
  const sc = stats(lat.sortChange);
  rows.push(['block: filtered deep jump right after a sort change', sc.n, fmtMs(sc.p50), fmtMs(sc.p95), fmtMs(sc.max), null, null, null, null,
    "session_count:>=2, middle block: waits for the sort's order of every id (read once per sort, on a worker thread)"]);
  lines.push('DuckDB blocks: one per row and sort key (middle block, ascending): a sort of the whole table each time.');
  return `${title}\n\n${lines.join('\n')}\n\n${formatTable(cols, rows)}\n\n${filterBlockTable(lat)}`;
}

/**
 * Blocks per filter kind, over every sort key and both directions: first, middle, last and a
 * random block, each direction with a new variant of the filter (a filter change, counted
 * first as the grid does); "first jump" is the middle block right after each change.
 */
export function filterBlockTable(lat: LatencyResult): string {
  const cols: Column[] = [
    { title: 'filter' }, { title: 'n', align: 'right' }, { title: 'p50', align: 'right' }, { title: 'p95', align: 'right' },
    { title: 'max', align: 'right' }, { title: 'first jump p95', align: 'right' }, { title: 'first jump max', align: 'right' },
    { title: 'worst sort (p95)' }, { title: 'DuckDB p50', align: 'right' }, { title: 'PD/DuckDB', align: 'right' },
    { title: 'budget' }, { title: 'result' },
  ];
  const rows = BLOCK_FILTERS.flatMap((name) => {
    const f = FILTERS.find((x) => x.name === name)!;
    const per = Object.entries(lat.blocks)
      .filter(([k]) => k.startsWith(`${name}/`))
      .map(([k, s]) => ({ key: k.slice(name.length + 1), s }));
    if (per.length === 0) return [];
    const pd = stats(per.flatMap((x) => x.s.pd));
    const duck = stats(per.flatMap((x) => x.s.duck));
    const jumps = stats(lat.firstJumps[name] ?? []);
    const worst = per.reduce((a, b) => (stats(b.s.pd).p95 > stats(a.s.pd).p95 ? b : a));
    // Every sample counts, the first jumps too: the verdict takes the worse of the two p95s.
    const p95 = Math.max(pd.p95, jumps.n ? jumps.p95 : -Infinity);
    return [[f.label, pd.n, fmtMs(pd.p50), fmtMs(pd.p95), fmtMs(pd.max), jumps.n ? fmtMs(jumps.p95) : null, jumps.n ? fmtMs(jumps.max) : null,
      `${worst.key} ${fmtMs(stats(worst.s.pd).p95)}`, duck.n ? fmtMs(duck.p50) : null, duck.n ? fmtRatio(pd.p50 / duck.p50) : null,
      `p95 ≤ ${BUDGET.blockP95Ms} ms`, verdict(p95, BUDGET.blockP95Ms)]];
  });
  const keys = new Set(Object.keys(lat.blocks).map((k) => k.split('/')[1]));
  return `Blocks of 100 per filter kind (${keys.size} sort keys × asc/desc × first/middle/last/random block; a new filter value per direction)\n\n${formatTable(cols, rows)}`;
}
