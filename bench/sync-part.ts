/**
 * The attribute sync part of `npm run bench`: the reference table over the bench's user store
 * (built by the grid latency part), then Profile Desk's sync, the csv-parse floor and the DuckDB
 * peer, each in a child process of its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child';
import { coreFingerprint, DATA_DIR } from './data';
import type { SyncWork } from './measure-sync';
import type { Outcome } from './report';
import type { SyncBenchResult } from './sync-bench';
import { ensureSyncCsv } from './sync-data';
import type { SyncDuckResult, SyncFloorResult } from './sync-peers';
import type { SyncBenchReport } from './sync-report';

export type Step = <T>(name: string, fn: () => Promise<T>) => Promise<Outcome<T>>;

export interface SyncPartOptions {
  /** CSV rows (1M; 100k with --quick). */
  rows: number;
  /** The run's user store label (`1m`, `100k`). */
  label: string;
  step: Step;
}

const measure = <O>(input: SyncWork): Promise<O> => runChild<SyncWork, O>('./measure-sync.ts', input);

/** A store the latency part finished building (its marker is written last). */
const built = (path: string): boolean => existsSync(path) && existsSync(`${path}.json`);

/** The run's own store, else (full run without the 1M store) the quick run's, said in the report. */
function chooseStore(label: string): { path: string; label: string; note: string | null } | null {
  const own = join(DATA_DIR, `users-${label}.db`);
  if (built(own)) return { path: own, label, note: null };
  const small = join(DATA_DIR, 'users-100k.db');
  if (label !== '100k' && built(small)) {
    return { path: small, label: '100k', note: `The ${label}-user store is not built (run without --no-latency once): the keys come from the 100k-user store.` };
  }
  return null;
}

/** A store cached by an earlier core (its marker's key ends with the core's fingerprint) may lack newer tables. */
function staleNote(storePath: string): string | null {
  const { key } = JSON.parse(readFileSync(`${storePath}.json`, 'utf8')) as { key: string };
  return key.endsWith(`/${coreFingerprint()}`) ? null : 'The user store was built by an earlier core (run without --no-latency to rebuild it if the sync fails on its schema).';
}

export async function syncPart(o: SyncPartOptions): Promise<Outcome<SyncBenchReport>> {
  const store = chooseStore(o.label);
  if (!store) {
    return { skipped: `no user store to join with (.bench-data/users-${o.label}.db is built by the grid latency part: run without --no-latency once)` };
  }
  const stale = staleNote(store.path);
  const note = [store.note, stale].filter((n) => n !== null).join(' ') || null;
  const csv = await o.step(`reference table of ${o.rows} rows for the sync`, async () => ensureSyncCsv(o.rows, store.path));
  if ('skipped' in csv) return csv;
  const file = csv.value.path;
  const floor = await o.step('sync floor (csv-parse alone)', () => measure<SyncFloorResult>({ work: 'floor', file }));
  const pd = await o.step('Profile Desk attribute sync', () =>
    measure<SyncBenchResult>({ work: 'profile-desk', storePath: store.path, workPath: join(DATA_DIR, 'sync-run.db'), csvPath: file }));
  const usersPath = join(DATA_DIR, `users-${store.label}.duckdb`);
  const duck = await o.step('DuckDB sync peer', () =>
    measure<SyncDuckResult>({ work: 'duckdb', file, usersPath: built(usersPath) ? usersPath : undefined }));
  return { value: { csv: csv.value, note, floor, pd, duck } };
}
