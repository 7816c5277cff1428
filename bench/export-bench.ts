/**
 * The CSV export budget (1M users in ≤ 5 s): Profile Desk's `exports.start` job, followed
 * through the dispatcher like every host, beside DuckDB's `COPY (SELECT …) TO 'file.csv'` of
 * the same rows (same columns in the same order, times as ISO 8601 UTC with milliseconds,
 * ordered by user_id). Profile Desk also neutralises formulas and quotes per RFC 4180; DuckDB
 * does only the latter, which is the peer's advantage, not a difference in the rows.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runJob } from '../common/jobs';
import { ATTRIBUTES } from '../common/keys';

export interface ExportBenchInput {
  dbPath: string;
  /** DuckDB file holding the same users (table `users`, times as epoch ms); skipped when absent. */
  duckPath?: string;
  /** Folder for the two CSV files (removed afterwards unless `keep`). */
  outDir: string;
  formulaGuard?: boolean;
  keep?: boolean;
}

export interface ExportBenchResult {
  rows: number;
  bytes: number;
  seconds: number;
  maxRss: number;
  duck: { rows: number; bytes: number; seconds: number } | null;
  /** The files written, when `keep`. */
  files?: { pd: string; duck: string | null };
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The SELECT DuckDB copies: Profile Desk's export columns and formats. */
export function duckExportSelect(table = 'users'): string {
  const columns = ATTRIBUTES.user.map((a) =>
    a.type === 'time' ? `strftime(epoch_ms(${a.key}), '%Y-%m-%dT%H:%M:%S.%gZ') AS ${a.key}` : a.key);
  return `SELECT ${columns.join(', ')} FROM ${table} ORDER BY user_id`;
}

export async function measureExport(input: ExportBenchInput): Promise<ExportBenchResult> {
  const pdFile = join(input.outDir, 'export-pd.csv');
  const duckFile = join(input.outDir, 'export-duckdb.csv');
  const { createCore } = await import('../main/core/core');
  const core = createCore({ dbPath: input.dbPath });
  let result: ExportBenchResult;
  try {
    // Warm-up as a user would have it: the store open and its pages touched by a count.
    await core.dispatch('users.count', {});
    const t0 = performance.now();
    const finished = await runJob(core, 'exports.start', {
      entity: 'users',
      sort: [{ key: 'user_id', dir: 'asc' }],
      formulaGuard: input.formulaGuard ?? true,
      target: pdFile,
    });
    const seconds = (performance.now() - t0) / 1000;
    if (!finished.ok) throw new Error(`exports.start: ${finished.error.message}`);
    result = { rows: finished.result.rows, bytes: finished.result.bytes, seconds, maxRss: process.resourceUsage().maxRSS * 1024, duck: null };
  } finally {
    await core.close();
  }
  if (input.duckPath) result.duck = await duckCopy(input.duckPath, duckFile);
  if (input.keep) result.files = { pd: pdFile, duck: result.duck ? duckFile : null };
  else for (const f of [pdFile, duckFile]) rmSync(f, { force: true });
  return result;
}

async function duckCopy(duckPath: string, file: string): Promise<NonNullable<ExportBenchResult['duck']>> {
  const instance = await DuckDBInstance.create(duckPath, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    const t0 = performance.now();
    // ORDER BY is kept in the file (DuckDB preserves insertion order by default).
    await conn.run(`COPY (${duckExportSelect()}) TO ${quote(file)} (FORMAT csv, HEADER true)`);
    const seconds = (performance.now() - t0) / 1000;
    const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM users')).getRowsJS()[0]![0]);
    return { rows, bytes: statSync(file).size, seconds };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
