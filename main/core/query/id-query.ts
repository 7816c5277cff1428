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

/** `now`: a block is waiting for it; `background`: built ahead of a need (a sort's order). */
export type IdPriority = 'now' | 'background';

export interface IdQueryRunner {
  /** True when queries run off this thread, so building ahead of a request costs it nothing. */
  readonly concurrent: boolean;
  /** The ids `query` yields: its one column must be named `id` (non-negative, below 2^31). */
  ids(query: Sql, priority: IdPriority): Promise<Int32Array>;
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

/** Runs id queries on the calling thread (stores without a file, tests). */
export class InThreadIds implements IdQueryRunner {
  readonly concurrent = false;
  constructor(private readonly db: Db) {}

  ids(query: Sql): Promise<Int32Array> {
    try {
      return Promise.resolve(readIds(this.db, query));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
