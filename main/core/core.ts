/**
 * The composition root: one core, called by the Electron main process, the CLI and the
 * browser host alike. Plain Node only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Handlers } from '../../common/contract';
import type { ImportSummary } from '../../common/types';
import { ApiError, createDispatcher } from './dispatcher';
import { createEventBus } from './events';
import { runImport } from './ingest/run-import';
import { JobManager } from './jobs/jobs';
import { accountDetail, userDetail } from './query/detail';
import { BlockReader } from './query/blocks';
import { profileValues } from './query/profiles';
import { writeSampleData } from './sample/sample-data';
import { openStore } from './store/open';
import type { Core, CoreOptions, ImportOptions } from './types';

export type { Core, CoreOptions } from './types';

export function createCore(options: CoreOptions): Core {
  const db = openStore(options.dbPath, {
    migrationsFolder: options.migrationsFolder,
    nativeBinding: options.nativeBinding,
  });
  const now = options.now ?? Date.now;
  const events = createEventBus();
  const blocks = new BlockReader(db);
  const jobs = new JobManager(events, now);

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
    db.pragma('optimize');
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

  const handlers: Handlers = {
    'users.page': (i) => ({ rows: blocks.page('user', i) }),
    'users.count': (i) => ({ count: blocks.count('user', i.filter) }),
    'users.get': (i) => userDetail(db, i.id),
    'users.values': (i) => ({ values: profileValues(db, 'user', i.key, i.filter, i.limit) }),
    'accounts.page': (i) => ({ rows: blocks.page('account', i) }),
    'accounts.count': (i) => ({ count: blocks.count('account', i.filter) }),
    'accounts.get': (i) => accountDetail(db, i.id),
    'accounts.values': (i) => ({ values: profileValues(db, 'account', i.key, i.filter, i.limit) }),
    'imports.start': (i) => {
      const label = i.paths.length === 1 ? i.paths[0]!.split(/[\\/]/).pop()! : `${i.paths.length} files`;
      return {
        jobId: jobs.start('import', label, (ctx) =>
          importFiles(i.paths, { signal: ctx.signal, onProgress: ctx.progress }),
        ),
      };
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
    'prefs.set': (i) => {
      const json = JSON.stringify(i.value ?? null);
      if (json.length > 100_000) throw new ApiError('invalid_input', `Preference "${i.key}" is too large`);
      prefSet.run(i.key, json, now());
      return {};
    },
  };

  let closed = false;
  return {
    dbPath: options.dbPath,
    handlers,
    dispatch: createDispatcher(handlers),
    events,
    importFiles,
    async close() {
      if (closed) return;
      closed = true;
      await jobs.stopAll();
      db.close();
    },
  };
}
