/**
 * Id queries on two worker threads (id-worker.ts), one per lane: a sort's order, read for up to
 * a second, never delays a filter's matches. Each worker runs one query at a time from its
 * queue: first those a block waits for, then the newest read-ahead (the filter just typed);
 * read-aheads beyond the newest few are dropped. Both workers start at the first query and
 * are unref'd (they never keep a process alive).
 */
import type { Worker } from 'node:worker_threads';
import type { Db } from '../store/open';
import { startWorker } from '../threads';
import type { Sql } from './compile';
import { InThreadIds, SupersededError, type IdLane, type IdQueryRunner, type IdTask } from './id-query';
import type { IdWorkerData, IdWorkerReply, IdWorkerRequest } from './id-worker';

/** Read-aheads kept waiting per lane; older ones are dropped. */
const MAX_WAITING_READ_AHEADS = 3;

interface Task {
  query: Sql;
  urgent: boolean;
  resolve: (ids: Int32Array) => void;
  reject: (err: Error) => void;
}

class Lane {
  private worker: Worker | null = null;
  private queue: Task[] = [];
  private current: Task | null = null;
  private next = 0;

  constructor(private readonly data: IdWorkerData) {}

  submit(query: Sql, urgent: boolean): IdTask {
    let task!: Task;
    const done = new Promise<Int32Array>((resolve, reject) => {
      task = { query, urgent, resolve, reject };
    });
    this.queue.push(task);
    const readAheads = this.queue.filter((t) => !t.urgent);
    if (readAheads.length > MAX_WAITING_READ_AHEADS) {
      const oldest = readAheads[0]!;
      this.queue = this.queue.filter((t) => t !== oldest);
      oldest.reject(new SupersededError());
    }
    this.pump();
    return {
      done,
      urge: () => {
        task.urgent = true;
      },
    };
  }

  get idle(): boolean {
    return this.current === null && this.queue.length === 0;
  }

  /** Starts the worker ahead of its first query (opening the store takes ~0.1–1 s). */
  warm(): void {
    if (!this.worker) this.start();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    const err = new Error('The id worker was closed');
    for (const t of [...this.queue, ...(this.current ? [this.current] : [])]) t.reject(err);
    this.queue = [];
    this.current = null;
    if (worker) await worker.terminate();
  }

  /** Starts the next query when the worker is free: the first urgent one, else the newest. */
  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const urgent = this.queue.findIndex((t) => t.urgent);
    const [task] = this.queue.splice(urgent >= 0 ? urgent : this.queue.length - 1, 1);
    this.current = task!;
    (this.worker ?? this.start()).postMessage({ id: this.next++, query: task!.query } satisfies IdWorkerRequest);
  }

  private finish(outcome: (t: Task) => void): void {
    const task = this.current;
    this.current = null;
    if (task) outcome(task);
    this.pump();
  }

  private start(): Worker {
    const worker = startWorker('id-worker', { workerData: this.data });
    worker.unref();
    worker.on('message', (m: IdWorkerReply) => {
      this.finish((t) => ('error' in m ? t.reject(new Error(m.error)) : t.resolve(m.ids)));
    });
    // A worker that died fails its query; the next one starts a new worker.
    const died = (err: Error): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.finish((t) => t.reject(err));
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`The id worker stopped (exit ${code})`)));
    this.worker = worker;
    return worker;
  }
}

export class WorkerIds implements IdQueryRunner {
  readonly concurrent = true;
  private readonly lanes: Record<IdLane, Lane>;

  constructor(data: IdWorkerData) {
    this.lanes = { order: new Lane(data), match: new Lane(data) };
  }

  ids(query: Sql, lane: IdLane, urgent: boolean): IdTask {
    // The first query (a sort's order, read ahead of the first block) starts both workers:
    // the first filter's count then doesn't wait for its worker to open the store.
    this.lanes.order.warm();
    this.lanes.match.warm();
    return this.lanes[lane].submit(query, urgent);
  }

  idle(lane: IdLane): boolean {
    return this.lanes[lane].idle;
  }

  async close(): Promise<void> {
    await Promise.all([this.lanes.order.close(), this.lanes.match.close()]);
  }
}

/** Worker threads for a store in a file; this thread for one in memory (a worker can't open it). */
export function idRunnerFor(db: Db, dbPath: string, nativeBinding?: string): IdQueryRunner {
  const inMemory = dbPath === ':memory:' || dbPath === '' || dbPath.startsWith('file:');
  return inMemory ? new InThreadIds(db) : new WorkerIds({ dbPath, nativeBinding });
}
