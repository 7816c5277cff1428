/**
 * The export bench's measurement on a small generated store: both sides write every user, and
 * the two CSV files hold the same rows cell for cell (formula guard off: DuckDB has none),
 * so the bench compares equal work.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { USER_KEYS } from '../common/keys';
import { measureExport } from './export-bench';
import { duckUsers, importedStore } from './stores.test-support';

let dir: string;
let dbPath: string;
let duckPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-bench-'));
  const store = await importedStore(dir, { users: 2_000, events: 20_000, seed: 3 });
  dbPath = store.dbPath;
  duckPath = await duckUsers(dir, store.events);
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
