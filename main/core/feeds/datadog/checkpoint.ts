/**
 * A Datadog feed's checkpoint (ARCHITECTURE.md §11): where its pulls stand, committed in the
 * same transaction as each page's profiles, so a pull interrupted anywhere resumes from the last
 * committed page. While a pull is under way the checkpoint holds the search window and the
 * cursor of the next page; between pulls only the high-water time (how far the committed events
 * reach) and where coverage began.
 */
import type { Db } from '../../store/open';

export interface SearchWindow {
  from: number;
  to: number;
}

export interface Checkpoint {
  /** The next page's cursor within `window`; null between pulls. */
  cursor: string | null;
  window: SearchWindow | null;
  /** The latest committed event time (the end of the last finished pull's window). */
  highWater: number | null;
  /** The earliest time any pull covered. */
  coveredFrom: number | null;
}

export const EMPTY_CHECKPOINT: Checkpoint = { cursor: null, window: null, highWater: null, coveredFrom: null };

interface CheckpointRow {
  cursor: string | null;
  window_from: number | null;
  window_to: number | null;
  high_water: number | null;
  covered_from: number | null;
}

export function readCheckpoint(db: Db, feedId: number): Checkpoint {
  const row = db.prepare('SELECT cursor, window_from, window_to, high_water, covered_from FROM feeds WHERE id = ?').get(feedId) as
    | CheckpointRow
    | undefined;
  if (!row) return EMPTY_CHECKPOINT;
  const window = row.window_from !== null && row.window_to !== null ? { from: row.window_from, to: row.window_to } : null;
  return { cursor: window ? row.cursor : null, window, highWater: row.high_water, coveredFrom: row.covered_from };
}

/** Call inside the page's transaction. */
export function writeCheckpoint(db: Db, feedId: number, c: Checkpoint): void {
  db.prepare('UPDATE feeds SET cursor = ?, window_from = ?, window_to = ?, high_water = ?, covered_from = ? WHERE id = ?').run(
    c.cursor,
    c.window?.from ?? null,
    c.window?.to ?? null,
    c.highWater,
    c.coveredFrom,
    feedId,
  );
}

/**
 * Where a pull starts: an interrupted pull's window and cursor, else from the high-water time
 * minus the lookback (late-ingested events), or the feed's start for its first pull, to now.
 */
export function startingPoint(c: Checkpoint, firstFrom: number, lookbackMs: number, now: number): { window: SearchWindow; cursor: string | null } {
  if (c.cursor !== null && c.window !== null) return { window: c.window, cursor: c.cursor };
  return { window: { from: restartFrom(c, firstFrom, lookbackMs), to: now }, cursor: null };
}

/**
 * A fresh window's start: the lookback before the high-water time. The feed's own start counts
 * only before anything was committed (a relative one like `now-7d` moves on; a feed not pulled
 * for longer must not skip the gap).
 */
export function restartFrom(c: Checkpoint, firstFrom: number, lookbackMs: number): number {
  return c.highWater === null ? firstFrom : c.highWater - lookbackMs;
}

/**
 * The checkpoint once a page is committed. A middle page keeps the window and the next cursor
 * and moves the high-water time to the latest event committed; the last page ends the pull:
 * everything up to the window's end is in, so that is the high-water time.
 */
export function afterPage(c: Checkpoint, window: SearchWindow, next: string | null, latestEvent: number | null): Checkpoint {
  const coveredFrom = c.coveredFrom === null ? window.from : Math.min(c.coveredFrom, window.from);
  if (next === null) return { cursor: null, window: null, highWater: window.to, coveredFrom };
  const highWater = latestEvent === null ? c.highWater : Math.max(c.highWater ?? latestEvent, latestEvent);
  return { cursor: next, window, highWater, coveredFrom };
}
