/**
 * The DuckDB peer (in-process, all cores): build the user table from the NDJSON file. With
 * `dbPath` the table is kept in a DuckDB file for the latency bench's count comparison.
 */
import { rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { serveChild } from './child';
import { usersTableSql } from './duckdb-sql';

export interface DuckInput {
  file: string;
  /** Persist into this DuckDB file (replaced); in memory when absent. */
  dbPath?: string;
}

export interface DuckResult {
  seconds: number;
  users: number;
  maxRss: number;
}

export async function buildUsersTable(input: DuckInput): Promise<DuckResult> {
  if (input.dbPath) for (const suffix of ['', '.wal']) rmSync(input.dbPath + suffix, { force: true });
  const instance = await DuckDBInstance.create(input.dbPath ?? ':memory:');
  const conn = await instance.connect();
  try {
    const t0 = performance.now();
    await conn.run(usersTableSql(input.file));
    const seconds = (performance.now() - t0) / 1000;
    const rows = (await conn.runAndReadAll('SELECT count(*) FROM users')).getRowsJS();
    if (input.dbPath) await conn.run('CHECKPOINT');
    return { seconds, users: Number(rows[0]![0]), maxRss: process.resourceUsage().maxRSS * 1024 };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

serveChild(buildUsersTable);
