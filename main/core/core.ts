/**
 * The composition root: one core, called by the Electron main process, the CLI and the
 * browser host alike. Plain Node only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Handlers } from '../../common/contract';
import type { ImportSummary, JobFinished } from '../../common/types';
import { ApiError, createDispatcher } from './dispatcher';
import { createEventBus } from './events';
import { displaySummary, displayText, hostPaths, resolveAll } from './import-sources';
import { importsSettled, runImport } from './ingest/run-import';
import { JobManager, type JobContext } from './jobs/jobs';
import { hostTargets } from './export-targets';
import { AttributeCatalog } from './attributes/catalog';
import { ConnectionStore } from './attributes/connection-store';
import { SourceStore } from './attributes/source-store';
import { startScheduledSyncs } from './attributes/scheduled-syncs';
import { SyncJobs } from './attributes/sync-jobs';
import { sweepInterruptedSyncs } from './attributes/sync';
import { FeedJobs } from './feeds/feed-jobs';
import { FeedStore, sweepInterruptedPulls } from './feeds/feed-store';
import { startScheduledPulls } from './feeds/scheduled-pulls';
import { feedHandlers } from './handlers/feeds';
import { analyticsHandlers } from './handlers/analytics';
import { connectionHandlers } from './handlers/connections';
import { sourceHandlers } from './handlers/sources';
import { createFileCipher } from './secrets/file-cipher';
import type { HandlerContext } from './handlers/context';
import { exportHandlers } from './handlers/exports';
import { profileHandlers } from './handlers/profiles';
import { segmentHandlers } from './handlers/segments';
import { BlockReader } from './query/blocks';
import { idRunnerFor } from './query/id-thread';
import { SegmentStore } from './segments/segments';
import { SelectionResolver } from './segments/selection';
import { writeSampleData } from './sample/sample-data';
import { openStore, optimizeIfFree } from './store/open';
import { writeWhenFree } from './store/write-lock';
import type { Core, CoreOptions, ImportOptions } from './types';

export type { Core, CoreOptions } from './types';

export function createCore(options: CoreOptions): Core {
  const db = openStore(options.dbPath, {
    migrationsFolder: options.migrationsFolder,
    nativeBinding: options.nativeBinding,
  });
  const now = options.now ?? Date.now;
  const events = createEventBus();
  const catalog = new AttributeCatalog(db);
  const blocks = new BlockReader(db, (kind) => catalog.table(kind), undefined, idRunnerFor(db, options.dbPath, options.nativeBinding));
  const jobs = new JobManager(events, now);
  const sources = options.importSources ?? hostPaths;
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));

  // Host paths read by each import job, handed back to the host once the job is over (when it
  // ran, or through its finished event when it was cancelled before running).
  const jobPaths = new Map<string, string[]>();
  const jobOver = (jobId: string): void => {
    const paths = jobPaths.get(jobId);
    if (!paths) return;
    jobPaths.delete(jobId);
    sources.finished?.(paths);
  };
  events.subscribe((m) => {
    if (m.event === 'job.finished') jobOver((m.data as JobFinished).jobId);
  });

  const importFiles = async (paths: string[], opts: ImportOptions = {}): Promise<ImportSummary> => {
    const summary = await runImport({
      dbPath: options.dbPath,
      files: paths,
      nativeBinding: options.nativeBinding,
      signal: opts.signal,
      onProgress: opts.onProgress,
      now,
    });
    // Anchors and counts describe the store as it was; the planner's statistics may too.
    blocks.clear();
    optimizeIfFree(db);
    if (summary.imported > 0) events.emit('profiles.changed', { kinds: ['user', 'account'] });
    return summary;
  };

  const importSample = async (opts: ImportOptions): Promise<ImportSummary> => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-desk-sample-'));
    try {
      const file = join(dir, 'sample-events.ndjson.gz');
      await writeSampleData(file);
      return await importFiles([file], opts);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  const prefGet = db.prepare('SELECT value FROM prefs WHERE key = ?').pluck();
  const prefSet = db.prepare(
    'INSERT INTO prefs (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );

  const segments = new SegmentStore(db, now);
  // One cipher seals connection and feed secrets alike.
  const cipher = options.secrets ?? createFileCipher(join(dirname(options.dbPath), 'secrets.key'));
  const connections = new ConnectionStore(db, cipher, now);
  const attributeSources = new SourceStore(db, now);
  const connectorHost = { db, dbPath: options.dbPath, nativeBinding: options.nativeBinding, connections, openBrowser: options.openBrowser };
  const syncs = new SyncJobs({ host: connectorHost, sources: attributeSources, jobs, events, catalog, blocks, now });
  // A sync killed with its process left a half-written table: drop it (its old values are intact).
  void writeWhenFree(db, () => sweepInterruptedSyncs(db, now())).catch((err: unknown) => log(`sweeping interrupted syncs: ${String(err)}`));
  const feeds = new FeedStore(db, cipher, now);
  const feedJobs = new FeedJobs({ db, dbPath: options.dbPath, nativeBinding: options.nativeBinding, store: feeds, jobs, events, blocks, now, importFiles });
  // A pull killed with its process left its run 'running' (its checkpoint stays: the next pull resumes).
  void writeWhenFree(db, () => sweepInterruptedPulls(db, now())).catch((err: unknown) => log(`sweeping interrupted pulls: ${String(err)}`));
  const context: HandlerContext = {
    options,
    db,
    catalog,
    now,
    events,
    blocks,
    jobs,
    segments,
    selection: new SelectionResolver(segments, now, (kind) => catalog.specs(kind)),
    sources,
    targets: options.exportTargets ?? hostTargets,
    attributeSources,
    connections,
    connectorHost,
    syncs,
    feeds,
    feedJobs,
  };

  const handlers: Handlers = {
    ...profileHandlers(context),
    ...segmentHandlers(context),
    ...exportHandlers(context),
    ...analyticsHandlers(context),
    ...sourceHandlers(context),
    ...connectionHandlers(context),
    ...feedHandlers(context),
    'imports.start': (i) => {
      const paths = resolveAll(sources, i.paths);
      const shown = paths.map((p) => sources.display(p));
      const label = shown.length === 1 ? shown[0]!.split(/[\\/]/).pop()! : `${shown.length} files`;
      let jobId = '';
      const run = (ctx: JobContext): Promise<ImportSummary> =>
        importFiles(paths, {
          signal: ctx.signal,
          onProgress: (p) => ctx.progress({ ...p, file: sources.display(p.file) }),
        })
          .then(
            (summary) => displaySummary(sources, paths, summary),
            (err: unknown) => {
              if (err instanceof Error) err.message = displayText(sources, paths, err.message);
              throw err;
            },
          )
          .finally(() => jobOver(jobId));
      try {
        jobId = jobs.start('import', label, run);
      } catch (err) {
        sources.release?.(paths);
        throw err;
      }
      jobPaths.set(jobId, paths);
      return { jobId };
    },
    'imports.sample': () => ({
      jobId: jobs.start('sample', 'Sample data', (ctx) => importSample({ signal: ctx.signal, onProgress: ctx.progress })),
    }),
    'jobs.cancel': (i) => ({ cancelled: jobs.cancel(i.jobId) }),
    'jobs.list': () => ({ jobs: jobs.list() }),
    'store.info': () => ({
      dbPath: options.dbPath,
      users: blocks.count('user', null),
      accounts: blocks.count('account', null),
    }),
    'prefs.get': (i) => {
      const raw = prefGet.get(i.key) as string | undefined;
      return { value: raw === undefined ? null : (JSON.parse(raw) as unknown) };
    },
    'prefs.set': async (i) => {
      const json = JSON.stringify(i.value ?? null);
      if (json.length > 100_000) throw new ApiError('invalid_input', `Preference "${i.key}" is too large`);
      // An import holds the write lock for a whole file: wait for it without blocking this thread.
      await writeWhenFree(db, () => prefSet.run(i.key, json, now()));
      return {};
    },
  };

  const scheduler = options.scheduleSyncs ? startScheduledSyncs({ sources: attributeSources, syncs, events, now, log }) : null;
  // Feeds pull by themselves (schedules, watched folders) where syncs do: the app and `serve`.
  const feedScheduler = options.scheduleSyncs ? startScheduledPulls({ db, feeds, feedJobs, events, now, log }) : null;

  let closed = false;
  return {
    dbPath: options.dbPath,
    dispatch: createDispatcher(handlers, { log }),
    events,
    async close() {
      if (closed) return;
      closed = true;
      scheduler?.stop();
      feedScheduler?.stop();
      await jobs.stopAll();
      await importsSettled();
      await blocks.close();
      db.close();
    },
  };
}
