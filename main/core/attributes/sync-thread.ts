/**
 * Runs one sync on the sync worker thread (sync-worker.ts) and follows it from the host thread:
 * progress, cancel, refreshed secrets sealed here (the cipher never leaves this thread), and
 * the outcome as the report or the error the worker met.
 */
import { dirname, join } from 'node:path';
import type { SyncReport, SyncRun } from '../../../common/attributes';
import { ApiError } from '../dispatcher';
import { CancelledError } from '../jobs/cancelled';
import { startWorker } from '../threads';
import { openDeps, unseal, type ConnectorHost, type SourceLocation } from './connectors';
import type { SourceRecord } from './source-store';
import type { SyncWorkerCommand, SyncWorkerData, SyncWorkerMessage } from './sync-worker';

export interface SyncThreadOptions {
  host: ConnectorHost;
  source: SourceRecord;
  location: SourceLocation;
  trigger: SyncRun['trigger'];
  signal: AbortSignal;
  now: () => number;
  onRows?: (rows: number) => void;
}

export function runSyncThread(o: SyncThreadOptions): Promise<SyncReport> {
  const { opened, connectionId } = unseal(o.host, o.location);
  const deps = openDeps(o.host, connectionId);
  const worker = startWorker('sync-worker', {
    workerData: {
      dbPath: o.host.dbPath,
      nativeBinding: o.host.nativeBinding,
      source: o.source,
      location: opened,
      trigger: o.trigger,
      privateDir: join(dirname(o.host.dbPath), 'cache'),
      clockOffset: o.now() - Date.now(),
    } satisfies SyncWorkerData,
  });
  const command = (c: SyncWorkerCommand): void => worker.postMessage(c);
  const cancel = (): void => command({ type: 'cancel' });
  const savingSecrets: Array<Promise<void> | void> = [];

  return new Promise<SyncReport>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      o.signal.removeEventListener('abort', cancel);
      // Refreshed tokens are sealed before anyone hears the sync has ended.
      void Promise.allSettled(savingSecrets).then(() => {
        void worker.terminate();
        outcome();
      });
    };
    o.signal.addEventListener('abort', cancel, { once: true });
    if (o.signal.aborted) cancel();
    worker.on('message', (m: SyncWorkerMessage) => {
      switch (m.type) {
        case 'rows':
          o.onRows?.(m.rows);
          break;
        case 'secrets':
          savingSecrets.push(deps.saveSecrets(m.secrets));
          break;
        case 'open-browser':
          deps.openBrowser?.(m.url);
          break;
        case 'done':
          settle(() => resolve(m.report));
          break;
        case 'failed':
          settle(() => reject(m.code === 'cancelled' ? new CancelledError(m.message) : new ApiError(m.code, m.message)));
          break;
      }
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The sync stopped unexpectedly (worker exit ${code})`))));
  });
}
