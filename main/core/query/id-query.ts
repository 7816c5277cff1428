/**
 * Id lists read from SQLite in bulk: every id a query yields, in its order, as an Int32Array.
 *
 * Stepping a statement row by row costs ~0.3 µs per row in JavaScript (a million ids: ~400 ms
 * on the bench machine, ~1 s loaded); SQLite joining them into one string with `group_concat`
 * and one pass over its characters costs about half that. The order of the rows is the inner
 * query's: its ORDER BY runs as a co-routine feeding the aggregate in that order (checked by
 * blocks.test.ts against plain ORDER BY … LIMIT … OFFSET).
 */
import type { Db } from '../store/open';
import type { Sql } from './compile';

/** `order`: a sort's order of every id (long); `match`: a filter's matches (short). */
export type IdLane = 'order' | 'match';

/** A query under way: its ids, and a way to say a block now waits for them. */
export interface IdTask {
  done: Promise<Int32Array>;
  /** Moves a query read ahead of a need to the front of its queue. */
  urge(): void;
}

/** A query read ahead and dropped for newer ones before it ran (typing counts every prefix). */
export class SupersededError extends Error {
  constructor() {
    super('Superseded by newer id queries');
  }
}

export interface IdQueryRunner {
  /** True when queries run off this thread, so reading ahead of a request costs it nothing. */
  readonly concurrent: boolean;
  /** The ids `query` yields: its one column must be named `id` (non-negative, below 2^31). */
  ids(query: Sql, lane: IdLane, urgent: boolean): IdTask;
  /** True when nothing runs or waits in `lane` (absent: always), so a query split in two may take it. */
  idle?(lane: IdLane): boolean;
  close(): Promise<void>;
}

/** The ids of `query` as one comma-separated string, made by SQLite. */
const joinedSql = (query: Sql): Sql => ({ sql: `SELECT group_concat(id) FROM (${query.sql})`, params: query.params });

/** "3,1,2" → [3, 1, 2]; null (no rows) → []. */
export function parseIds(text: string | null): Int32Array {
  if (text === null || text === '') return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const ids = new Int32Array(count);
  let n = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      ids[n++] = value;
      value = 0;
    } else {
      value = value * 10 + (c - 48);
    }
  }
  ids[n] = value;
  return ids;
}

/** Runs `query` on `db` and returns its ids. */
export function readIds(db: Db, query: Sql): Int32Array {
  const q = joinedSql(query);
  return parseIds(db.prepare(q.sql).pluck().get(...q.params) as string | null);
}

/** Runs id queries on the calling thread, when asked (stores without a file, tests). */
export class InThreadIds implements IdQueryRunner {
  readonly concurrent = false;
  constructor(private readonly db: Db) {}

  ids(query: Sql): IdTask {
    let done: Promise<Int32Array>;
    try {
      done = Promise.resolve(readIds(this.db, query));
    } catch (err) {
      done = Promise.reject(err as Error);
    }
    return { done, urge: () => {} };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
