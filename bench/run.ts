/**
 * `npm run bench [-- --quick] [--fresh] [--no-latency] [--no-ui] [--no-sync] [--events N --users N] [--agree-limit N]`
 *
 * Measures the ARCHITECTURE.md §9 budgets and prints them as tables, each figure beside the
 * floor or DuckDB figure measured in the same run. Data sets are cached in .bench-data/.
 * Progress goes to stderr, the report to stdout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError, type ArgSpec } from './args';
import { runChild } from './child';
import { cached, coreFingerprint, DATA_DIR, ensureEvents, removeDb, ROOT, type DataSet, type EventsFile } from './data';
import type { AgreeInput, AgreeResult } from './measure-agree';
import type { ExportBenchInput, ExportBenchResult } from './export-bench';
import { exportTable } from './export-report';
import type { DuckInput, DuckResult } from './measure-duckdb';
import type { FloorResult } from './measure-floor';
import type { ImportInput, ImportResult } from './measure-import';
import type { LatencyInput, LatencyResult } from './measure-latency';
import { importTable, latencyTable, type ImportReport, type LatencyReport, type Outcome } from './report';
import { syncPart } from './sync-part';
import { syncTable } from './sync-report';

const SPEC: Record<string, ArgSpec> = {
  quick: { type: 'flag', help: 'smoke run: 100k events to import, 100k users for the grid' },
  fresh: { type: 'flag', help: 'rebuild the cached stores (event files are kept)' },
  'keep-store': { type: 'flag', help: 'reuse the cached grid store even if the core store/ingest code changed' },
  'no-latency': { type: 'flag', help: 'skip the grid latency part' },
  'no-ui': { type: 'flag', help: 'skip the UI latency part (Chromium)' },
  'no-sync': { type: 'flag', help: 'skip the attribute sync part (needs the grid part\'s user store)' },
  events: { type: 'int', help: 'events of the import data set (default 1,000,000)' },
  users: { type: 'int', help: 'users of the import data set (default 50,000)' },
  'agree-limit': { type: 'int', help: 'users compared with DuckDB (default 100,000)' },
};

const CONFIG = {
  full: { importSet: { users: 50_000, events: 1_000_000, seed: 1 }, usersSet: { users: 1_000_000, events: 2_500_000, seed: 2 }, label: '1m', syncRows: 1_000_000 },
  quick: { importSet: { users: 5_000, events: 100_000, seed: 1 }, usersSet: { users: 100_000, events: 250_000, seed: 2 }, label: '100k', syncRows: 100_000 },
};

/** Runs a step; a failure becomes a "skipped" row with the first line of its error. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<Outcome<T>> {
  process.stderr.write(`${name}…\n`);
  try {
    return { value: await fn() };
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
    process.stderr.write(`  ! ${name} failed: ${message}\n`);
    return { skipped: message };
  }
}

const child = <I, O>(script: string, input: I): Promise<O> => runChild<I, O>(script, input);

async function importPart(set: DataSet & EventsFile, agreeLimit: number): Promise<ImportReport> {
  const dbPath = join(DATA_DIR, 'import-run.db');
  const duckPath = join(DATA_DIR, 'import-run.duckdb');
  const floor = await step('floor (read + JSON.parse)', () => child<{ file: string }, FloorResult>('./measure-floor.ts', { file: set.path }));
  const imp = await step('Profile Desk import', () =>
    child<ImportInput, ImportResult>('./measure-import.ts', { file: set.path, dbPath, fresh: true }));
  const duck = await step('DuckDB peer', () => child<DuckInput, DuckResult>('./measure-duckdb.ts', { file: set.path, dbPath: duckPath }));
  const agree: Outcome<AgreeResult> = 'value' in imp && 'value' in duck
    ? await step('compare profiles with DuckDB', () => child<AgreeInput, AgreeResult>('./measure-agree.ts', { dbPath, duckPath, limit: agreeLimit }))
    : { skipped: 'needs both the import and the DuckDB table' };
  removeDb(dbPath);
  removeDb(duckPath);
  return { set, floor, import: imp, duck, agree };
}

async function latencyPart(set: DataSet & EventsFile, label: string, fresh: boolean, keepStore: boolean): Promise<LatencyReport> {
  const fileKey = set.path.split(/[\\/]/).pop()!;
  // The store is rebuilt when the code that writes it changes (it takes minutes at 1M users).
  const store = cached<ImportResult>(`users-${label}.db`, `${fileKey}/${coreFingerprint()}`,
    (saved) => saved === `${fileKey}/${coreFingerprint()}` || (keepStore && saved.startsWith(`${fileKey}/`)));
  const imported: Outcome<ImportResult & { cached: boolean }> = store.hit && store.hit.users > 0 && !fresh
    ? { value: { ...store.hit, cached: true } }
    : await step(`import the ${label}-user store (once; cached)`, async () => {
      store.remove();
      const r = await child<ImportInput, ImportResult>('./measure-import.ts', { file: set.path, dbPath: store.path, fresh: true });
      store.save(r);
      return { ...r, cached: false };
    });
  if ('skipped' in imported) {
    const skipped = { skipped: `no store: ${imported.skipped}` };
    return { set, store: imported, latency: skipped, exported: skipped };
  }

  const duck = cached<DuckResult>(`users-${label}.duckdb`, fileKey);
  if (!duck.hit || fresh) {
    const built = await step(`DuckDB user table for ${label} users`, () =>
      child<DuckInput, DuckResult>('./measure-duckdb.ts', { file: set.path, dbPath: duck.path }));
    if ('value' in built) duck.save(built.value);
    else duck.remove();
  }
  const duckPath = cached<DuckResult>(`users-${label}.duckdb`, fileKey).hit ? duck.path : undefined;
  const latency = await step('grid latency', () =>
    child<LatencyInput, LatencyResult>('./measure-latency.ts', { dbPath: store.path, duckPath, seed: 7, countSamples: 5 }));
  // The same store and DuckDB table: every user to CSV, both ways (files removed after).
  const exported = await step('CSV export (Profile Desk and DuckDB COPY)', () =>
    child<ExportBenchInput, ExportBenchResult>('./measure-export.ts', { dbPath: store.path, duckPath, outDir: DATA_DIR }));
  return { set, store: imported, latency, exported };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), SPEC, 'npm run bench --');
  const config = args.quick ? CONFIG.quick : CONFIG.full;
  const importSet: DataSet = {
    ...config.importSet,
    users: Number(args.users ?? config.importSet.users),
    events: Number(args.events ?? config.importSet.events),
  };
  const t0 = performance.now();
  const out: string[] = [];

  const events = await ensureEvents(importSet);
  out.push(importTable(await importPart({ ...importSet, ...events }, Number(args['agree-limit'] ?? 100_000))));
  if (!args['no-latency']) {
    const usersFile = await ensureEvents(config.usersSet);
    const latency = await latencyPart({ ...config.usersSet, ...usersFile }, config.label, Boolean(args.fresh), Boolean(args['keep-store']));
    out.push(latencyTable(latency));
    out.push(exportTable(latency.exported ?? { skipped: 'no store' }));
    const storePath = join(DATA_DIR, `users-${config.label}.db`);
    if (!args['no-ui'] && existsSync(storePath)) {
      // The same store through the browser host, in Chromium: click, keystroke, jump → painted.
      const ui = await step('UI latency in Chromium', async () => {
        const r = spawnSync('npx', ['tsx', 'bench/ui-latency-cli.ts', '--db', storePath], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        if (r.status !== 0) throw new Error(`ui-latency exited ${r.status}`);
        return r.stdout.trim();
      });
      out.push('value' in ui ? ui.value : `UI latency skipped: ${ui.skipped}`);
    }
  }
  // CSV rows joined to the grid part's user store (its 100k store when the 1M one isn't built).
  if (!args['no-sync']) out.push(syncTable(await syncPart({ rows: config.syncRows, label: config.label, step })));
  const minutes = (performance.now() - t0) / 60_000;
  console.log(`\n${out.join('\n\n')}\n\n(bench took ${minutes.toFixed(1)} min on ${availableParallelism()} cores, Node ${process.version})`);
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? err.message : err);
  process.exit(1);
});
