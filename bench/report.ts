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
