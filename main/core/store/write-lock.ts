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

/** `BEGIN IMMEDIATE`, retried until the lock is free. Resolves inside the transaction. */
export async function beginWrite(db: Db, options: WriteLockOptions = {}): Promise<void> {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  let waiting = false;
  // Each attempt fails at once when the lock is taken; the waiting happens between attempts.
  db.pragma('busy_timeout = 0');
  try {
    for (;;) {
      if (options.cancelled?.()) throw new CancelledError();
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (err) {
        if (!isBusy(err)) throw err;
      }
      if (!waiting) {
        waiting = true;
        options.onWaiting?.();
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
