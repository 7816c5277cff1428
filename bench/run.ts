/**
 * `npm run bench [-- --quick] [--fresh] [--keep-store] [--no-latency] [--no-ui] [--no-sync] [--no-scale]
 *   [--scale-limit S] [--events N --users N] [--agree-limit N]`
 *
 * Measures the ARCHITECTURE.md §9 budgets and prints them as tables, each figure beside the
 * floor or DuckDB figure measured in the same run, with the ratio. Data sets (data-sets.ts) are
 * cached in .bench-data/ (`npx tsx bench/prepare-data.ts` generates them ahead of a run).
 * Progress goes to stderr, the report to stdout, and the time of each part at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs, UsageError, type ArgSpec } from './args';
import { runChild } from './child';
import { cached, DATA_DIR, ensureEvents, ROOT, type DataSet, type EventsFile } from './data';
import { CONFIG } from './data-sets';
import type { ExportBenchInput, ExportBenchResult } from './export-bench';
import { exportTable } from './export-report';
import { importPart, usersImportPart, type UsersImportPart } from './import-part';
import { importBudgetTable, importTable, setLabel, type ImportReport } from './import-report';
import type { DuckInput, DuckResult } from './measure-duckdb';
import type { LatencyInput, LatencyResult } from './measure-latency';
import { latencyTable, type LatencyReport } from './report';
import { step } from './step';
import { formatPartTimes, partTimes, scaleImportLimit } from './part-times';
import { syncPart } from './sync-part';
import { syncTable } from './sync-report';

const SPEC: Record<string, ArgSpec> = {
  quick: { type: 'flag', help: 'smoke run: 100k events to import, 100k users for the grid, 1M events as the scale case' },
  fresh: { type: 'flag', help: 'rebuild the cached stores (event files are kept)' },
  'keep-store': { type: 'flag', help: 'reuse the cached grid store even if the core store/ingest code changed' },
  'no-latency': { type: 'flag', help: 'skip the grid latency part (the million-user file is still imported, not kept)' },
  'no-ui': { type: 'flag', help: 'skip the UI latency part (Chromium)' },
  'no-sync': { type: 'flag', help: 'skip the attribute sync part (needs the grid part\'s user store)' },
  'no-scale': { type: 'flag', help: 'skip the 10M-event case' },
  'scale-limit': { type: 'int', help: 'stop the 10M-event import after S seconds (default: what is left of 15 min, 2× floor to 600 s)' },
  events: { type: 'int', help: 'events of the import data set (default 1,000,000)' },
  users: { type: 'int', help: 'users of the import data set (default 50,000)' },
  'agree-limit': { type: 'int', help: 'users compared with DuckDB (default 100,000)' },
};

/**
 * The 10M case's floor reads this much of its 11 GB file and scales by bytes: a full read is
 * over a minute on an idle machine (six under load), the events are alike throughout, and the
 * first 3 GB are as many bytes as the million-user file.
 */
const SCALE_FLOOR_SAMPLE_BYTES = 3 * 1024 ** 3;

/** Any of these makes a partial run (the 15-minute limit is for the full one). */
const FULL_RUN_FLAGS = ['quick', 'no-latency', 'no-ui', 'no-sync', 'no-scale', 'events', 'users'];

const child = <I, O>(script: string, input: I): Promise<O> => runChild<I, O>(script, input);

/** The grid latency and export parts over the million-user store the import part left. */
async function latencyPart(set: DataSet & EventsFile, users: UsersImportPart, label: string, fresh: boolean): Promise<LatencyReport> {
  const { store, storePath } = users;
  if ('skipped' in store) {
    const skipped = { skipped: store.skipped };
    return { set, store, latency: skipped, exported: skipped };
  }
  const fileKey = set.path.split(/[\\/]/).pop()!;
  const duck = cached<DuckResult>(`users-${label}.duckdb`, fileKey);
  if (!duck.hit || fresh) {
    const built = await step(`DuckDB user table for ${label} users`, () =>
      child<DuckInput, DuckResult>('./measure-duckdb.ts', { file: set.path, dbPath: duck.path }));
    if ('value' in built) duck.save(built.value);
    else duck.remove();
  }
  const duckPath = cached<DuckResult>(`users-${label}.duckdb`, fileKey).hit ? duck.path : undefined;
  const latency = await step('grid latency', () =>
    child<LatencyInput, LatencyResult>('./measure-latency.ts', { dbPath: storePath, duckPath, seed: 7, countSamples: 5 }));
  // The same store and DuckDB table: every user to CSV, both ways (files removed after).
  const exported = await step('CSV export (Profile Desk and DuckDB COPY)', () =>
    child<ExportBenchInput, ExportBenchResult>('./measure-export.ts', { dbPath: storePath, duckPath, outDir: DATA_DIR }));
  return { set, store, latency, exported };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), SPEC, 'npm run bench --');
  const config = args.quick ? CONFIG.quick : CONFIG.full;
  const importSet: DataSet = {
    ...config.importSet,
    users: Number(args.users ?? config.importSet.users),
    events: Number(args.events ?? config.importSet.events),
  };
  const agreeLimit = Number(args['agree-limit'] ?? 100_000);
  const times = partTimes();
  const importOut: string[] = [];
  const out: string[] = [];

  // Event files are generated (once) outside the timed parts: the part times are the measuring.
  const baseFile = await ensureEvents(importSet);
  const base = await times.run(`import, ${setLabel(importSet)}`, () =>
    importPart({ ...importSet, ...baseFile }, { name: 'import', agreeLimit, step }));
  importOut.push(importTable(base));
  // Flat with users: imported fresh every run; when the grid part needs a new store, this is it.
  const usersFile = await ensureEvents(config.usersSet);
  const users = await times.run(`import, ${setLabel(config.usersSet)}`, () =>
    usersImportPart({ ...config.usersSet, ...usersFile }, {
      label: config.label, fresh: Boolean(args.fresh), keepStore: Boolean(args['keep-store']), forGrid: !args['no-latency'], step,
    }));
  if (!args['no-latency']) {
    const latency = await times.run('grid latency and export', () => latencyPart(users.report.set, users, config.label, Boolean(args.fresh)));
    out.push(latencyTable(latency));
    out.push(exportTable(latency.exported ?? { skipped: 'no store' }));
    if (!args['no-ui'] && existsSync(users.storePath)) {
      // The same store through the browser host, in Chromium: click, keystroke, jump → painted.
      const ui = await times.run('UI latency', () => step('UI latency in Chromium', async () => {
        const r = spawnSync('npx', ['tsx', 'bench/ui-latency-cli.ts', '--db', users.storePath], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        if (r.status !== 0) throw new Error(`ui-latency exited ${r.status}`);
        return r.stdout.trim();
      }));
      out.push('value' in ui ? ui.value : `UI latency skipped: ${ui.skipped}`);
    }
  }
  // CSV rows joined to the grid part's user store (its 100k store when the 1M one isn't built).
  if (!args['no-sync']) out.push(syncTable(await times.run('attribute sync', () => syncPart({ rows: config.syncRows, label: config.label, step }))));
  // Last, so reading its 11 GB file can't evict the grid store from the page cache before the
  // latency parts; its import is stopped at a time limit so the whole bench stays under 15 minutes.
  let scale: ImportReport | null = null;
  if (!args['no-scale']) {
    const scaleFile = await ensureEvents(config.scaleSet);
    scale = await times.run(`import, ${setLabel(config.scaleSet)}`, () =>
      importPart({ ...config.scaleSet, ...scaleFile }, {
        name: 'scale', agreeLimit, step, floorSampleBytes: SCALE_FLOOR_SAMPLE_BYTES,
        limitSeconds: (floor) => (args['scale-limit'] !== undefined ? Number(args['scale-limit'])
          : scaleImportLimit({ elapsedSeconds: times.totalSeconds(), floorSeconds: floor?.seconds ?? null })),
      }));
    importOut.push(importTable(scale));
  }
  importOut.push(importBudgetTable({ base, users: users.report, scale }));
  console.log(`\n${[...importOut, ...out].join('\n\n')}\n\n${formatPartTimes(times.parts, times.totalSeconds(), {
    cores: availableParallelism(), node: process.version, fullRun: FULL_RUN_FLAGS.every((f) => !args[f]),
  })}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? err.message : err);
  process.exit(1);
});
