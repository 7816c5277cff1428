/**
 * The sync worker thread (ARCHITECTURE.md §10): reads a source's table through its connector
 * and writes the new values on a connection of its own, so the host thread keeps serving the
 * grid while a million rows are parsed and stored. It gets the location with its secrets
 * already unsealed (the cipher stays on the host thread) and asks the host to seal refreshed
 * secrets and to open a browser (SSO).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SyncReport, SyncRun } from '../../../common/attributes';
import type { ErrorCode } from '../../../common/types';
import { ApiError } from '../dispatcher';
import { isCancelled } from '../jobs/cancelled';
import { openStore } from '../store/open';
import { openLocation, type OpenedLocation } from './open-connector';
import type { SourceRecord } from './source-store';
import { syncSource } from './sync';

export interface SyncWorkerData {
  dbPath: string;
  nativeBinding?: string;
  source: SourceRecord;
  location: OpenedLocation;
  trigger: SyncRun['trigger'];
  privateDir: string;
  /** The host's clock minus this thread's, at start (tests inject the host's clock). */
  clockOffset: number;
}

/** Host → worker. */
export type SyncWorkerCommand = { type: 'cancel' };

/** Worker → host. */
export type SyncWorkerMessage =
  | { type: 'rows'; rows: number }
  | { type: 'secrets'; secrets: Record<string, string> }
  | { type: 'open-browser'; url: string }
  | { type: 'done'; report: SyncReport }
  | { type: 'failed'; code: ErrorCode | 'cancelled'; message: string };

const PROGRESS_MS = 200;

async function main(): Promise<void> {
  const data = workerData as SyncWorkerData;
  const post = (m: SyncWorkerMessage): void => parentPort!.postMessage(m);
  const controller = new AbortController();
  parentPort!.on('message', (m: SyncWorkerCommand) => {
    if (m.type === 'cancel') controller.abort();
  });
  const db = openStore(data.dbPath, { nativeBinding: data.nativeBinding, skipMigrations: true });
  const connector = await openLocation(data.location, {
    saveSecrets: (secrets) => post({ type: 'secrets', secrets }),
    privateDir: data.privateDir,
    openBrowser: (url) => post({ type: 'open-browser', url }),
  });
  let lastProgress = 0;
  try {
    const report = await syncSource({
      db,
      source: data.source,
      connector,
      trigger: data.trigger,
      signal: controller.signal,
      now: () => Date.now() + data.clockOffset,
      onRows: (rows) => {
        if (Date.now() - lastProgress < PROGRESS_MS) return;
        lastProgress = Date.now();
        post({ type: 'rows', rows });
      },
    });
    post({ type: 'rows', rows: report.rows });
    post({ type: 'done', report });
  } catch (err) {
    const code = isCancelled(err) ? 'cancelled' : err instanceof ApiError ? err.code : 'source_failed';
    post({ type: 'failed', code, message: err instanceof Error ? err.message : String(err) });
  } finally {
    await connector.close().catch(() => undefined);
    db.close();
  }
}

void main();
