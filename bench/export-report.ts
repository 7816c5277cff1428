/** The export table of the bench report: Profile Desk's CSV export beside DuckDB's COPY. */
import { formatBytes } from '../common/format';
import type { ExportBenchResult } from './export-bench';
import type { Outcome } from './report';
import { fmtInt, fmtRatio, fmtSec, formatTable, verdict, type Column } from './table';

/** ARCHITECTURE.md §9 / issue 7: 1M users exported in ≤ 5 s. */
export const EXPORT_BUDGET = { seconds: 5, perRows: 1_000_000 };

export function exportTable(outcome: Outcome<ExportBenchResult>): string {
  const title = 'CSV export of every user (exports.start job to a file, sorted by user_id, all columns)';
  if ('skipped' in outcome) return `${title}\n\nskipped: ${outcome.skipped}`;
  const r = outcome.value;
  // The budget scales with the store (a --quick run has 100k users: 0.5 s).
  const budget = (EXPORT_BUDGET.seconds * r.rows) / EXPORT_BUDGET.perRows;
  const cols: Column[] = [
    { title: 'work' }, { title: 'time', align: 'right' }, { title: 'rows/s', align: 'right' }, { title: 'size', align: 'right' },
    { title: 'ratio', align: 'right' }, { title: 'budget' }, { title: 'result' }, { title: 'notes' },
  ];
  const rows: Array<Array<string | null>> = [[
    'Profile Desk export (formula guard on)', fmtSec(r.seconds), fmtInt(r.rows / r.seconds), formatBytes(r.bytes),
    r.duck ? `PD/DuckDB ${fmtRatio(r.seconds / r.duck.seconds)}` : null,
    `≤ ${fmtSec(budget)} (${EXPORT_BUDGET.seconds} s per ${fmtInt(EXPORT_BUDGET.perRows)})`, verdict(r.seconds, budget),
    `${fmtInt(r.rows)} rows, maxRSS ${formatBytes(r.maxRss)}`,
  ]];
  if (r.duck) {
    rows.push([
      "DuckDB peer: COPY (SELECT … ORDER BY user_id) TO 'file.csv'", fmtSec(r.duck.seconds), fmtInt(r.duck.rows / r.duck.seconds),
      formatBytes(r.duck.bytes), '1.00×', null, null,
      r.duck.rows === r.rows ? `${fmtInt(r.duck.rows)} rows (= Profile Desk), same columns and time format` : `${fmtInt(r.duck.rows)} rows (Profile Desk: ${fmtInt(r.rows)})`,
    ]);
  } else {
    rows.push(["DuckDB peer: COPY (SELECT …) TO 'file.csv'", null, null, null, null, null, null, 'skipped: no DuckDB user table']);
  }
  return `${title}\n\n${formatTable(cols, rows)}`;
}
