/**
 * The import parts of `npm run bench`, each measurement in a child process of its own:
 * - importPart: one file through the floor, Profile Desk's import, the DuckDB peer, the
 *   profile comparison and the store's floor (the 1M-event case, and the 10M-event case with
 *   a time limit);
 * - usersImportPart: the million-user file imported fresh ("flat with users") and its store's
 *   floor; the store becomes the grid part's cached store when that one is stale, so it is
 *   imported once.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { runChild, TimeLimitError } from './child';
import { cached, coreFingerprint, DATA_DIR, removeDb, type DataSet, type EventsFile } from './data';
import type { ImportReport, Stopped, UsersImportReport } from './import-report';
import type { AgreeInput, AgreeResult } from './measure-agree';
import type { DuckInput, DuckResult } from './measure-duckdb';
import type { FloorInput, FloorResult } from './measure-floor';
import type { ImportInput, ImportProgress, ImportResult } from './measure-import';
import type { Outcome } from './report';
import type { WriteFloorInput, WriteFloorResult } from './measure-write-floor';
import type { Step } from './sync-part';

export interface ImportPartOptions {
  /** Names the scratch stores (`<name>-run.db`, `<name>-run.duckdb`), removed after. */
  name: string;
  /** Users compared with DuckDB. */
  agreeLimit: number;
  /** Stop Profile Desk's import after this many seconds, given the floor (the 10M case, so the bench ends). */
  limitSeconds?: (floor: FloorResult | null) => number;
  /** Time the floor on the file's first bytes only, scaled to the whole file (the 10M case). */
  floorSampleBytes?: number;
  step: Step;
}

export async function importPart(set: DataSet & EventsFile, o: ImportPartOptions): Promise<ImportReport> {
  const dbPath = join(DATA_DIR, `${o.name}-run.db`);
  const duckPath = join(DATA_DIR, `${o.name}-run.duckdb`);
  const floor = await o.step('floor (read + JSON.parse)', () =>
    runChild<FloorInput, FloorResult>('./measure-floor.ts', { file: set.path, sampleBytes: o.floorSampleBytes }));
  let stopped: Stopped | undefined;
  const limitSeconds = o.limitSeconds?.('value' in floor ? floor.value : null);
  const imp = await o.step(`Profile Desk import${limitSeconds === undefined ? '' : ` (stopped after ${limitSeconds} s)`}`, async () => {
    try {
      return await runChild<ImportInput, ImportResult>('./measure-import.ts', { file: set.path, dbPath, fresh: true }, { limitSeconds });
    } catch (err) {
      if (err instanceof TimeLimitError) stopped = { limitSeconds: err.limitSeconds, progress: err.progress as ImportProgress | null };
      throw err;
    }
  });
  const duck = await o.step('DuckDB peer', () => runChild<DuckInput, DuckResult>('./measure-duckdb.ts', { file: set.path, dbPath: duckPath }));
  const agree: Outcome<AgreeResult> = 'value' in imp && 'value' in duck
    ? await o.step('compare profiles with DuckDB', () => runChild<AgreeInput, AgreeResult>('./measure-agree.ts', { dbPath, duckPath, limit: o.agreeLimit }))
    : { skipped: 'needs both the import and the DuckDB table' };
  const storeFloor = await storeFloorStep(imp, dbPath, `${o.name}-floor`, o.step);
  removeDb(dbPath);
  removeDb(duckPath);
  return { set, floor, import: imp, stopped, duck, agree, storeFloor };
}

/** The store's floor (write-floor.ts) from the store an import wrote, into a scratch store `<name>-run.db`. */
function storeFloorStep(imp: Outcome<unknown>, src: string, name: string, step: Step): Promise<Outcome<WriteFloorResult>> {
  if (!('value' in imp)) return Promise.resolve({ skipped: 'needs the import\'s store' });
  return step('floor: write the finished store', () =>
    runChild<WriteFloorInput, WriteFloorResult>('./measure-write-floor.ts', { src, dst: join(DATA_DIR, `${name}-run.db`) }));
}

export interface UsersImportPart {
  report: UsersImportReport;
  /** The grid part's store (users-<label>.db): cached, or this run's fresh import. */
  store: Outcome<ImportResult & { cached: boolean }>;
  storePath: string;
}

export interface UsersImportOptions {
  /** The run's store label (`1m`, `100k`). */
  label: string;
  /** Rebuild the cached store even when it is current (--fresh). */
  fresh: boolean;
  /** Accept a cached store written by other store/ingest code (--keep-store). */
  keepStore: boolean;
  /** The grid part runs: a stale cached store is replaced by this run's import. */
  forGrid: boolean;
  step: Step;
}

export async function usersImportPart(set: DataSet & EventsFile, o: UsersImportOptions): Promise<UsersImportPart> {
  const fileKey = set.path.split(/[\\/]/).pop()!;
  const key = `${fileKey}/${coreFingerprint()}`;
  // The store is rebuilt when the code that writes it changes (or kept, with --keep-store).
  const store = cached<ImportResult>(`users-${o.label}.db`, key, (saved) => saved === key || (o.keepStore && saved.startsWith(`${fileKey}/`)));
  const current = store.hit !== null && store.hit.users > 0 && !o.fresh;
  const install = o.forGrid && !current;
  const scratch = join(DATA_DIR, `users-${o.label}-import-run.db`);
  const imp = await o.step(`import the ${o.label}-user file (flat with users${install ? '; kept as the grid store' : ''})`, () =>
    runChild<ImportInput, ImportResult>('./measure-import.ts', { file: set.path, dbPath: scratch, fresh: true }));
  const storeFloor = await storeFloorStep(imp, scratch, `users-${o.label}-floor`, o.step);
  let storeOutcome: Outcome<ImportResult & { cached: boolean }>;
  if (install && 'value' in imp) {
    // The import's process has closed the store: move it (and any journal) into place, marker last.
    store.remove();
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(scratch + suffix)) renameSync(scratch + suffix, store.path + suffix);
    store.save(imp.value);
    storeOutcome = { value: { ...imp.value, cached: false } };
  } else {
    removeDb(scratch);
    storeOutcome = current ? { value: { ...store.hit!, cached: true } }
      : { skipped: 'skipped' in imp ? `no store: ${imp.skipped}` : 'the cached store is stale (rerun without --no-latency to rebuild it)' };
  }
  return { report: { set, import: imp, storeFloor, keptAsGridStore: install && 'value' in imp }, store: storeOutcome, storePath: store.path };
}
