/**
 * Id queries on two worker threads (id-worker.ts), one per priority: a sort's order, built in
 * the background for up to a second, never delays a filter's matches that a block waits for.
 * Workers start at the first query and are unref'd (they never keep a process alive).
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads';
import type { Sql } from './compile';
import type { Db } from '../store/open';
import { InThreadIds, type IdPriority, type IdQueryRunner } from './id-query';
import type { IdWorkerData, IdWorkerReply, IdWorkerRequest } from './id-worker';

interface Pending {
  resolve: (ids: Int32Array) => void;
  reject: (err: Error) => void;
}

class Lane {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  constructor(private readonly data: IdWorkerData) {}

  run(query: Sql): Promise<Int32Array> {
    const worker = this.worker ?? this.start();
    const id = this.next++;
    return new Promise<Int32Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, query } satisfies IdWorkerRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('The id worker was closed'));
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = startWorker('id-worker', { workerData: this.data });
    worker.unref();
    worker.on('message', (m: IdWorkerReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve(m.ids);
    });
    // A worker that died fails what it had; the next query starts a new one.
    const died = (err: Error): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(err);
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`The id worker stopped (exit ${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

export class WorkerIds implements IdQueryRunner {
  readonly concurrent = true;
  private readonly lanes: Record<IdPriority, Lane>;

  constructor(data: IdWorkerData) {
    this.lanes = { now: new Lane(data), background: new Lane(data) };
  }

  ids(query: Sql, priority: IdPriority): Promise<Int32Array> {
    return this.lanes[priority].run(query);
  }

  async close(): Promise<void> {
    await Promise.all([this.lanes.now.close(), this.lanes.background.close()]);
  }
}

/** Worker threads for a store in a file; this thread for one in memory (a worker can't open it). */
export function idRunnerFor(db: Db, dbPath: string, nativeBinding?: string): IdQueryRunner {
  const inMemory = dbPath === ':memory:' || dbPath === '' || dbPath.startsWith('file:');
  return inMemory ? new InThreadIds(db) : new WorkerIds({ dbPath, nativeBinding });
}
