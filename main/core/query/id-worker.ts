/**
 * The id worker thread: runs id queries (id-query.ts) on a read-only connection of its own, so
 * building a sort's order of a million ids (0.3–1 s) never holds up the thread serving blocks.
 * The ids go back as a transferred buffer (no copy).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open';
import type { Sql } from './compile';
import { readIds } from './id-query';

export interface IdWorkerData {
  dbPath: string;
  nativeBinding?: string;
}

/** Host → worker. */
export interface IdWorkerRequest {
  id: number;
  query: Sql;
}

/** Worker → host. */
export type IdWorkerReply = { id: number; ids: Int32Array } | { id: number; error: string };

const data = workerData as IdWorkerData;
const db = openStore(data.dbPath, { readonly: true, nativeBinding: data.nativeBinding, skipMigrations: true });
parentPort!.on('message', (m: IdWorkerRequest) => {
  let reply: IdWorkerReply;
  try {
    const ids = readIds(db, m.query);
    parentPort!.postMessage({ id: m.id, ids } satisfies IdWorkerReply, [ids.buffer as ArrayBuffer]);
    return;
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
