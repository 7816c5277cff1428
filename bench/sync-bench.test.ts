/**
 * The sync bench's measurements on a small generated store: the reference table holds what it
 * was planned to hold, Profile Desk's sync reports exactly that, and the DuckDB peer ends with
 * the same keys, matches and typed values (so the bench compares equal work). No clock asserted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { measureSync } from './sync-bench';
import { planCounts, storeEmails, syncCsvChunks, SYNC_CSV_HEADER } from './sync-data';
import { duckSync, parseCsvFloor } from './sync-peers';
import { duckUsers, importedStore } from './stores.test-support';

let dir: string;
let storePath: string;
let duckPath: string;
let csvPath: string;
let emails: string[];
const ROWS = 3_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sync-bench-'));
  const store = await importedStore(dir, { users: 2_000, events: 20_000, seed: 3 });
  storePath = store.dbPath;
  duckPath = await duckUsers(dir, store.events);
  emails = storeEmails(storePath);
  csvPath = join(dir, 'crm.csv');
  writeFileSync(csvPath, [...syncCsvChunks(emails, ROWS, 5, 700)].join(''));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('writes the planned rows, the same bytes for the same seed', () => {
  const text = readFileSync(csvPath, 'utf8');
  expect([...syncCsvChunks(emails, ROWS, 5)].join('')).toBe(text);
  expect([...syncCsvChunks(emails, ROWS, 6)].join('')).not.toBe(text);
  const records = parse(text) as string[][];
  expect(records[0]).toEqual([...SYNC_CSV_HEADER]);
  expect(records).toHaveLength(ROWS + 1);
  const plan = planCounts(ROWS, emails.length);
  const keys = records.slice(1).map((r) => r[0]!.trim().toLowerCase());
  const known = new Set(emails.map((e) => e.trim().toLowerCase()));
  const distinct = new Set(keys.filter((k) => k !== ''));
  expect(keys.filter((k) => k === '')).toHaveLength(plan.blankKeys);
  expect(distinct.size).toBe(plan.matched + plan.unmatched);
  expect([...distinct].filter((k) => known.has(k))).toHaveLength(plan.matched);
  // Some keys are spelled otherwise than the store has them; some fields are quoted.
  expect(records.some((r) => r[0] !== '' && r[0] !== r[0]!.trim().toLowerCase())).toBe(true);
  expect(records.some((r) => r[2] === 'platinum, "legacy"')).toBe(true);
});

it('syncs what was planned, and DuckDB ends with the same keys, matches and typed values', async () => {
  const plan = planCounts(ROWS, emails.length);
  const pd = await measureSync({ storePath, workPath: join(dir, 'work.db'), csvPath });
  expect(pd.types).toEqual({ ltv: 'number', tier: 'text', vip: 'boolean', signed_up: 'time', seats: 'number' });
  for (const run of [pd.first, pd.resync]) {
    expect(run.report).toMatchObject({ status: 'ok', rows: ROWS, matched: plan.matched, unmatched: plan.unmatched, duplicates: plan.duplicates, blankKeys: plan.blankKeys });
    expect(run.seconds).toBeGreaterThan(0);
  }
  expect(pd.resync.report.trigger).toBe('manual');
  expect(pd.digest.keys).toBe(plan.matched + plan.unmatched);
  // Every attribute has values, and blanks are not counted as values.
  for (const n of Object.values(pd.digest.counts)) expect(n).toBeGreaterThan(0.9 * pd.digest.keys);
  for (const n of Object.values(pd.digest.counts)) expect(n).toBeLessThan(pd.digest.keys);

  const duck = await duckSync({ file: csvPath, usersPath: duckPath });
  expect(duck).toMatchObject({ rows: ROWS, matched: plan.matched, duplicates: plan.duplicates, blankKeys: plan.blankKeys });
  expect(duck.digest).toEqual(pd.digest);
  expect((await duckSync({ file: csvPath })).matched).toBeNull();
  expect((await parseCsvFloor(csvPath)).rows).toBe(ROWS);
}, 120_000);

it('never writes the store it is given', async () => {
  const before = readFileSync(storePath);
  await measureSync({ storePath, workPath: join(dir, 'work2.db'), csvPath });
  expect(readFileSync(storePath).equals(before)).toBe(true);
}, 120_000);
