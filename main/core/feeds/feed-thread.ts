/**
 * Runs a Datadog pull on the feed worker thread (feed-worker.ts) and follows it from the host
 * thread: progress, cancel, and the outcome or the error the worker met (its code kept:
 * auth_failed, bad_query, source_failed).
 */
import { ApiError } from '../dispatcher';
import { CancelledError } from '../jobs/cancelled';
import { startWorker } from '../threads';
import type { DatadogSettings } from './datadog/pull';
import type { FeedWorkerCommand, FeedWorkerData, FeedWorkerMessage } from './feed-worker';
import type { PullOutcome, Puller } from './pull-context';

export const pullDatadog: Puller = (ctx) => {
  const { apiKey, appKey } = ctx.secrets;
  if (!apiKey || !appKey) return Promise.reject(new ApiError('auth_failed', `The feed "${ctx.feed.name}" has no ${apiKey ? 'application' : 'API'} key: enter it again`));
  const worker = startWorker('feed-worker', {
    workerData: {
      dbPath: ctx.dbPath,
      nativeBinding: ctx.nativeBinding,
      feedId: ctx.feed.id,
      runId: ctx.runId,
      settings: ctx.feed.settings as unknown as DatadogSettings,
      keys: { apiKey, appKey },
      startedAt: ctx.now(),
      clockOffset: ctx.now() - Date.now(),
    } satisfies FeedWorkerData,
  });
  const cancel = (): void => worker.postMessage({ type: 'cancel' } satisfies FeedWorkerCommand);

  return new Promise<PullOutcome>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', cancel);
      void worker.terminate();
      outcome();
    };
    ctx.signal.addEventListener('abort', cancel, { once: true });
    if (ctx.signal.aborted) cancel();
    worker.on('message', (m: FeedWorkerMessage) => {
      switch (m.type) {
        case 'progress':
          ctx.progress(m.progress);
          break;
        case 'done':
          settle(() => resolve(m.outcome));
          break;
        case 'failed':
          settle(() => reject(m.code === 'cancelled' ? new CancelledError(m.message) : new ApiError(m.code, m.message)));
          break;
      }
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The pull stopped unexpectedly (worker exit ${code})`))));
  });
};
