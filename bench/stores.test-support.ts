/** Small stores for the bench's tests: generated events imported through the core, and DuckDB's user table of them. */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runJob } from '../common/jobs';
import { createCore } from '../main/core/core';
import { writeEventsFile } from '../main/core/sample/generator';
import { usersTableSql } from './duckdb-sql';

/** Writes `events.ndjson` in `dir` and imports it into `store.db` there, as an `imports.start` job. */
export async function importedStore(dir: string, o: { users: number; events: number; seed: number }): Promise<{ events: string; dbPath: string }> {
  const events = join(dir, 'events.ndjson');
  await writeEventsFile(events, { ...o, gzip: false });
  const dbPath = join(dir, 'store.db');
  const core = createCore({ dbPath });
  const finished = await runJob(core, 'imports.start', { paths: [events] });
  await core.close();
  if (!finished.ok) throw new Error(`the test store's import failed: ${finished.error.message}`);
  return { events, dbPath };
}

/** DuckDB's user table of `events` (the bench's peer) in `users.duckdb` in `dir`. */
export async function duckUsers(dir: string, events: string): Promise<string> {
  const duckPath = join(dir, 'users.duckdb');
  const instance = await DuckDBInstance.create(duckPath);
  const conn = await instance.connect();
  await conn.run(usersTableSql(events));
  await conn.run('CHECKPOINT');
  conn.closeSync();
  instance.closeSync();
  return duckPath;
}
