/**
 * The feed worker thread (ARCHITECTURE.md §11): pulls a Datadog feed on a connection of its
 * own, so the host thread keeps serving the grid while pages are fetched and committed. It gets
 * the keys already unsealed (the cipher stays on the host thread) and is cancelled by a message:
 * between pages it is waiting on the network, so the message is heard at once, and the request
 * in flight is aborted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ErrorCode } from '../../../common/types';
import { ApiError } from '../dispatcher';
import { isCancelled } from '../jobs/cancelled';
import { openStore } from '../store/open';
import { pullDatadogFeed, type DatadogSettings } from './datadog/pull';
import type { PullOutcome, PullProgress } from './pull-context';

export interface FeedWorkerData {
  dbPath: string;
  nativeBinding?: string;
  feedId: number;
  runId: number;
  settings: DatadogSettings;
  keys: { apiKey: string; appKey: string };
  /** The host's clock when the pull started, and minus this thread's then (tests inject the host's clock). */
  startedAt: number;
  clockOffset: number;
}

/** Host → worker. */
export type FeedWorkerCommand = { type: 'cancel' };

/** Worker → host. */
export type FeedWorkerMessage =
  | { type: 'progress'; progress: PullProgress }
  | { type: 'done'; outcome: PullOutcome }
  | { type: 'failed'; code: ErrorCode | 'cancelled'; message: string };

async function main(): Promise<void> {
  const data = workerData as FeedWorkerData;
  const post = (m: FeedWorkerMessage): void => parentPort!.postMessage(m);
  const controller = new AbortController();
  parentPort!.on('message', (m: FeedWorkerCommand) => {
    if (m.type === 'cancel') controller.abort();
  });
  const db = openStore(data.dbPath, { nativeBinding: data.nativeBinding, skipMigrations: true });
  try {
    const outcome = await pullDatadogFeed({
      db,
      feedId: data.feedId,
      runId: data.runId,
      settings: data.settings,
      keys: data.keys,
      signal: controller.signal,
      startedAt: data.startedAt,
      now: () => Date.now() + data.clockOffset,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', outcome });
  } catch (err) {
    const code = isCancelled(err) ? 'cancelled' : err instanceof ApiError ? err.code : 'source_failed';
    post({ type: 'failed', code, message: err instanceof Error ? err.message : String(err) });
  } finally {
    db.close();
  }
}

void main();
