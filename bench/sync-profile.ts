/**
 * `npx tsx bench/sync-profile.ts --store users.db --csv table.csv`
 *
 * Where an attribute sync's time goes, phase by phase, with the core's own functions on a copy
 * of the store (the given one is never written). Each phase adds one step to the previous one,
 * so the cost of a step is the difference: csv-parse alone; the connector's read (batches, column
 * picking); key normalising and value conversion (values.ts); the rows staged in a TEMP table in
 * per-batch transactions (as sync.ts stages them); then, one by one, the steps after the read:
 * the profiles' keys collected, and in one transaction the key-ordered build, the counts, the
 * report's keys, the distinct values and the commit. Runs on the main thread (sync.ts runs on a
 * worker, the same work). CPU time is printed beside wall time: on a shared machine it is the
 * steadier figure.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ValueType } from '../common/attributes';
import { foldsCase, normaliseKey, profileKeySql } from '../main/core/attributes/catalog';
import type { RawValue } from '../main/core/attributes/connector';
import { openCsv } from '../main/core/attributes/csv/csv-connector';
import { toStored } from '../main/core/attributes/values';
import { openStore } from '../main/core/store/open';
import { parseArgs, UsageError, type ArgSpec } from './args';
import { DATA_DIR, removeDb } from './data';
import { parseCsvFloor } from './sync-peers';
import { fmtSec, formatTable } from './table';

const SPEC: Record<string, ArgSpec> = {
  store: { type: 'string', required: true, help: 'a user store (copied, never written)' },
  csv: { type: 'string', required: true, help: 'a reference table (bench/sync-data.ts columns)' },
};

const ATTRIBUTES: Array<{ column: string; name: string; type: ValueType }> = [
  { column: 'ltv', name: 'ltv', type: 'number' },
  { column: 'tier', name: 'tier', type: 'text' },
  { column: 'vip', name: 'vip', type: 'boolean' },
  { column: 'signed_up', name: 'signed_up', type: 'time' },
  { column: 'seats', name: 'seats', type: 'number' },
];
const COLUMNS = ['email', ...ATTRIBUTES.map((a) => a.column)];
const SQL_TYPES = { text: 'TEXT', number: 'REAL', boolean: 'INTEGER', time: 'INTEGER' } as const;

interface Phase {
  name: string;
  wall: number;
  cpu: number;
}

async function timed(name: string, fn: () => Promise<unknown> | unknown): Promise<Phase> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  return { name, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

async function* batches(csv: string): AsyncGenerator<RawValue[][]> {
  const connector = openCsv(csv, 'profile.csv');
  yield* connector.read({ table: '', columns: COLUMNS, keyColumn: 'email', signal: new AbortController().signal });
}

const fold = foldsCase('user_email');
const at = ATTRIBUTES.map((a) => COLUMNS.indexOf(a.column));

/** One row's key and typed values, as sync.ts computes them. */
function convert(row: RawValue[]): [string, ...unknown[]] | null {
  const raw = row[0];
  const key = raw === null || raw === undefined ? '' : normaliseKey(raw, fold);
  if (key === '') return null;
  return [key, ...at.map((i, n) => toStored(row[i] ?? null, ATTRIBUTES[n]!.type))];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), SPEC, 'npx tsx bench/sync-profile.ts');
  const csv = String(args.csv);
  const work = join(DATA_DIR, 'sync-profile.db');
  removeDb(work);
  for (const suffix of ['', '-wal']) if (existsSync(String(args.store) + suffix)) copyFileSync(String(args.store) + suffix, work + suffix);
  const db = openStore(work);
  const phases: Phase[] = [];
  let rows = 0;
  try {
    db.prepare('SELECT count(*) FROM users').pluck().get();
    phases.push(await timed('csv-parse alone (the floor)', async () => (rows = (await parseCsvFloor(csv)).rows)));
    phases.push(await timed('+ connector read (batches, picking)', async () => {
      for await (const batch of batches(csv)) void batch;
    }));
    phases.push(await timed('+ keys normalised, values converted', async () => {
      for await (const batch of batches(csv)) for (const row of batch) convert(row);
    }));
    // As sync.ts: rows staged in arrival order in a TEMP table, one transaction per batch.
    const columnsSql = ATTRIBUTES.map((a) => `"v_${a.name}" ${SQL_TYPES[a.type]}`).join(', ');
    const valueNames = ATTRIBUTES.map((a) => `"v_${a.name}"`).join(', ');
    db.exec(`DROP TABLE IF EXISTS temp.stage; CREATE TEMP TABLE stage (n INTEGER PRIMARY KEY, key TEXT NOT NULL, ${columnsSql})`);
    const stage = db.prepare(`INSERT INTO temp.stage VALUES (NULL, ?${', ?'.repeat(ATTRIBUTES.length)})`);
    const stageBatch = db.transaction((batch: RawValue[][]) => {
      for (const row of batch) {
        const values = convert(row);
        if (values) stage.run(...values);
      }
    });
    let staged = 0;
    phases.push(await timed('+ staged in a TEMP table (per-batch transactions)', async () => {
      for await (const batch of batches(csv)) stageBatch(batch);
      staged = db.prepare('SELECT count(*) FROM temp.stage').pluck().get() as number;
    }));
    phases.push(await timed("profiles' keys into temp.profile_keys", () => {
      db.exec('DROP TABLE IF EXISTS temp.profile_keys; CREATE TEMP TABLE profile_keys (key TEXT PRIMARY KEY) WITHOUT ROWID');
      db.exec(`INSERT OR IGNORE INTO temp.profile_keys SELECT ${profileKeySql('users', 'user_email', fold)} FROM main.users WHERE user_email IS NOT NULL`);
    }));
    const table = 'source_values_profile';
    db.exec(`DROP TABLE IF EXISTS ${table}`);
    let matched = 0;
    let duplicates = 0;
    db.exec('BEGIN IMMEDIATE');
    phases.push(await timed('build: INSERT … SELECT … ORDER BY key, n', () => {
      db.exec(`CREATE TABLE ${table} (key TEXT PRIMARY KEY NOT NULL, ${columnsSql}) WITHOUT ROWID`);
      const kept = db.prepare(`INSERT OR IGNORE INTO ${table} SELECT key, ${valueNames} FROM temp.stage ORDER BY key, n`).run().changes;
      duplicates = staged - kept;
    }));
    phases.push(await timed('matched: JOIN temp.profile_keys', () => (matched = db.prepare(`SELECT count(*) FROM ${table} v JOIN temp.profile_keys p ON p.key = v.key`).pluck().get() as number)));
    phases.push(await timed('first 100 unmatched: NOT EXISTS', () => db.prepare(`SELECT key FROM ${table} v WHERE NOT EXISTS (SELECT 1 FROM temp.profile_keys p WHERE p.key = v.key) LIMIT 100`).pluck().all()));
    phases.push(await timed('first 100 duplicate keys: GROUP BY stage', () => db.prepare('SELECT key FROM temp.stage GROUP BY key HAVING count(*) > 1 ORDER BY min(n) LIMIT 100').pluck().all()));
    phases.push(await timed('distinct values of tier and vip', () => {
      for (const name of ['tier', 'vip']) db.prepare(`SELECT count(DISTINCT "v_${name}" COLLATE NOCASE) FROM ${table}`).pluck().get();
    }));
    phases.push(await timed('commit (the new table to the WAL)', () => db.exec('COMMIT')));
    phases.push(await timed('drop the TEMP tables', () => db.exec('DROP TABLE temp.stage; DROP TABLE temp.profile_keys')));
    phases.push(await timed('drop the values table (next switch)', () => db.exec(`BEGIN IMMEDIATE; DROP TABLE ${table}; COMMIT`)));
    const cols = [{ title: 'phase' }, { title: 'wall', align: 'right' as const }, { title: 'cpu', align: 'right' as const }, { title: 'step cpu', align: 'right' as const }];
    const stepCpu = (i: number): string => (i > 0 && i < 4 ? fmtSec(phases[i]!.cpu - phases[i - 1]!.cpu) : fmtSec(phases[i]!.cpu));
    console.log(`${rows} rows; ${matched} matched, ${duplicates} duplicates\n`);
    console.log(formatTable(cols, phases.map((p, i) => [p.name, fmtSec(p.wall), fmtSec(p.cpu), stepCpu(i)])));
  } finally {
    db.close();
    removeDb(work);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? err.message : err);
  process.exit(1);
});
