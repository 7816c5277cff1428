/**
 * The export bench's measurement on a small generated store: both sides write every user, and
 * the two CSV files hold the same rows cell for cell (formula guard off: DuckDB has none),
 * so the bench compares equal work.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runJob } from '../common/jobs';
import { USER_KEYS } from '../common/keys';
import { createCore } from '../main/core/core';
import { writeEventsFile } from '../main/core/sample/generator';
import { usersTableSql } from './duckdb-sql';
import { measureExport } from './export-bench';

let dir: string;
let dbPath: string;
let duckPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-bench-'));
  const events = join(dir, 'events.ndjson');
  await writeEventsFile(events, { users: 2_000, events: 20_000, seed: 3, gzip: false });
  dbPath = join(dir, 'store.db');
  const core = createCore({ dbPath });
  const finished = await runJob(core, 'imports.start', { paths: [events] });
  await core.close();
  expect(finished.ok).toBe(true);
  duckPath = join(dir, 'users.duckdb');
  const instance = await DuckDBInstance.create(duckPath);
  const conn = await instance.connect();
  await conn.run(usersTableSql(events));
  await conn.run('CHECKPOINT');
  conn.closeSync();
  instance.closeSync();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('exports every user, and DuckDB COPY writes the same rows in the same order', async () => {
  const r = await measureExport({ dbPath, duckPath, outDir: dir, formulaGuard: false, keep: true });
  expect(r.rows).toBeGreaterThan(1_000);
  expect(r.duck?.rows).toBe(r.rows);
  expect(r.seconds).toBeGreaterThan(0);
  const pd = parse(readFileSync(r.files!.pd, 'utf8')) as string[][];
  const duck = parse(readFileSync(r.files!.duck!, 'utf8')) as string[][];
  expect(pd[0]).toEqual(USER_KEYS);
  expect(pd).toHaveLength(r.rows + 1);
  expect(duck).toEqual(pd);
  expect(r.bytes).toBe(readFileSync(r.files!.pd).length);
});

it('leaves no file behind unless asked; without a DuckDB file only Profile Desk is measured', async () => {
  const r = await measureExport({ dbPath, outDir: dir });
  expect(r.duck).toBeNull();
  expect(r.files).toBeUndefined();
  expect(readdirSync(dir).filter((f) => f.endsWith('.csv') || f.endsWith('.part'))).toEqual([]);
});
