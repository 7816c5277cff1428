/**
 * The store's floor (ARCHITECTURE.md §9): the finished profiles of a store an import wrote,
 * copied into an empty store in the order of each table's key, in one transaction, the way a
 * big import ends (bulk mode: the sort indexes and the search index rebuilt before commit,
 * bulk-indexes.ts). Nothing is parsed, folded or merged (the rows are read from the source
 * store): whatever computes the profiles, writing them into this store, with its indexes,
 * costs about this long at least.
 */
import { enterBulkMode } from '../main/core/ingest/bulk-indexes';
import { ACCOUNT_SESSIONS, ACCOUNT_USERS, ACTIONS, ERRORS, SESSIONS, USERS, VIEWS } from '../main/core/ingest/stage-tables';
import { openStore, type Db } from '../main/core/store/open';
import { smallSortRuns } from '../main/core/store/sort-runs';
import { removeDb } from './data';

export interface WriteFloorInput {
  /** A store an import wrote. */
  src: string;
  /** Where the empty store is made (replaced, and removed after). */
  dst: string;
}

export interface WriteFloorResult {
  seconds: number;
  /** Rows copied per table. */
  rows: Record<string, number>;
}

/** The tables an import writes the profiles to. */
export const PROFILE_TABLES = ['accounts', ...[USERS, SESSIONS, VIEWS, ACTIONS, ERRORS, ACCOUNT_USERS, ACCOUNT_SESSIONS].map((t) => t.table)];

/** Copies `src`'s profiles into an empty store at `dst` and times it; `keep` leaves `dst` in place. */
export function writeFloor(input: WriteFloorInput, keep = false): WriteFloorResult {
  removeDb(input.dst);
  const db = openStore(input.dst);
  try {
    db.prepare('ATTACH DATABASE ? AS src').run(input.src);
    const t0 = performance.now();
    const rows = copyProfiles(db);
    const seconds = (performance.now() - t0) / 1000;
    db.exec('DETACH DATABASE src');
    return { seconds, rows };
  } finally {
    db.close();
    if (!keep) removeDb(input.dst);
  }
}

/** One transaction, as an import's: the rows in key order, then the indexes. */
function copyProfiles(db: Db): Record<string, number> {
  const rows: Record<string, number> = {};
  db.transaction(() => {
    const rebuild = enterBulkMode(db);
    const restoreSortRuns = smallSortRuns(db);
    try {
      for (const table of PROFILE_TABLES) rows[table] = copyInKeyOrder(db, table);
      rebuild();
    } finally {
      restoreSortRuns();
    }
  })();
  return rows;
}

function copyInKeyOrder(db: Db, table: string): number {
  const info = db.prepare('SELECT name, pk FROM pragma_table_info(?)').all(table) as Array<{ name: string; pk: number }>;
  const columns = info.map((c) => c.name).join(', ');
  const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name).join(', ');
  return db.prepare(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM src.${table} ORDER BY ${key}`).run().changes;
}
