/**
 * Taking the store's write lock without failing when another writer holds it. Inside one
 * process imports are queued (jobs/jobs.ts); across processes (the CLI and the app on one
 * store) the second writer finds the lock taken and waits for the other's transaction here,
 * polling, so that a cancel still stops it at once. SQLite's own busy timeout would block the
 * thread and give up after a fixed time ("database is locked").
 */
import { CancelledError } from '../jobs/cancelled';
import type { Db } from './open';

export interface WriteLockOptions {
  /** Checked between attempts: a cancel while waiting throws CancelledError. */
  cancelled?: () => boolean;
  /** Called once, when the first attempt finds the lock taken. */
  onWaiting?: () => void;
  /** Pause between attempts. */
  pollMs?: number;
}

const DEFAULT_POLL_MS = 50;

export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * One `BEGIN IMMEDIATE` that fails at once when the lock is taken. The connection's busy
 * timeout is lowered for this statement only and restored before anything else can run on the
 * connection (the app's main connection serves other requests while a write waits).
 */
function tryBegin(db: Db): boolean {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (err) {
    if (!isBusy(err)) throw err;
    return false;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/** `BEGIN IMMEDIATE`, retried until the lock is free. Resolves inside the transaction. */
export async function beginWrite(db: Db, options: WriteLockOptions = {}): Promise<void> {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  let waiting = false;
  for (;;) {
    if (options.cancelled?.()) throw new CancelledError();
    if (tryBegin(db)) return;
    if (!waiting) {
      waiting = true;
      options.onWaiting?.();
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * A small write (a preference) on a connection that must stay responsive: waits, without
 * blocking the thread, while an import holds the lock, then writes in its own transaction.
 */
export async function writeWhenFree<T>(db: Db, write: () => T): Promise<T> {
  // A transaction belongs to the connection, not to the caller: writers of one connection
  // (a sync's batches, a preference, a segment) take turns, or the second BEGIN would fail.
  const previous = turns.get(db) ?? Promise.resolve();
  let done!: () => void;
  const mine = new Promise<void>((resolve) => (done = resolve));
  turns.set(db, mine);
  await previous;
  try {
    await beginWrite(db);
    try {
      const result = write();
      db.exec('COMMIT');
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    if (turns.get(db) === mine) turns.delete(db);
    done();
  }
}

/** The last writer in line on each connection. */
const turns = new WeakMap<Db, Promise<void>>();
