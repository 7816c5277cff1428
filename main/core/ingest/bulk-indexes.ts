/**
 * Bulk mode for big imports. Inserting a user row updates two dozen sort indexes and the
 * search index at random places; once those outgrow the page cache every insert costs disk
 * reads. For a file that brings more events than the store has users, it is far cheaper to
 * drop the secondary indexes and search triggers inside the file's transaction and rebuild
 * them (a sort each) before commit. Readers keep their snapshot with the indexes (WAL), and a
 * rollback restores everything as it was.
 */
import type { Db } from '../store/open';

/** The sort indexes and the search triggers of both profile tables. */
const BULK_OBJECTS = `SELECT type, name, sql FROM sqlite_master WHERE
  (type = 'index' AND (name LIKE 'users!_by!_%' ESCAPE '!' OR name LIKE 'accounts!_by!_%' ESCAPE '!'))
  OR (type = 'trigger' AND (name LIKE 'users!_fts!_%' ESCAPE '!' OR name LIKE 'accounts!_fts!_%' ESCAPE '!'))`;

/**
 * The page cache (KiB) while a bulk file's end sorts. SQLite sizes a sorter's in-memory runs by
 * the page cache (32 MB on this connection, open.ts); runs of 2 MB sort within the CPU's caches
 * and each sorter thread holds 2 MB instead of 32. Measured on 2.5M events of 1M users (the
 * writer alone, 2 cores): the index rebuild took 17 s instead of 27–34 s and the staged merges
 * 24–27 s instead of 31–36 s. In bulk mode the merged tables carry no sort indexes, so every
 * write goes in key order and the small cache costs nothing.
 */
const SORT_RUN_KIB = 2048;

/** Bulk mode pays off when the file brings more events than the store has users. */
export function worthBulkMode(db: Db, fileBytes: number): boolean {
  const APPROX_EVENT_BYTES = 1000;
  const users = db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  return fileBytes / APPROX_EVENT_BYTES > Math.max(users, 50_000);
}

/** Runs a bulk file's end (staged merges, index rebuilds) with sort runs of SORT_RUN_KIB. */
export function withSmallSortRuns(db: Db, end: () => void): void {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${SORT_RUN_KIB}`);
  try {
    end();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

/**
 * Drops the secondary indexes and search triggers; returns the function that rebuilds them.
 * Must run inside the file's transaction.
 */
export function enterBulkMode(db: Db): () => void {
  const objects = db.prepare(BULK_OBJECTS).all() as Array<{ type: string; name: string; sql: string }>;
  for (const { type, name } of objects) db.exec(`DROP ${type.toUpperCase()} "${name}"`);
  return () => {
    // Indexes first: the triggers need nothing from them, and the order of the saved SQL is kept.
    for (const { sql } of objects.filter((o) => o.type === 'index')) db.exec(sql);
    for (const { sql } of objects.filter((o) => o.type === 'trigger')) db.exec(sql);
    // The external-content search indexes are rebuilt from their tables in one pass.
    db.exec("INSERT INTO users_fts(users_fts) VALUES ('rebuild')");
    db.exec("INSERT INTO accounts_fts(accounts_fts) VALUES ('rebuild')");
  };
}
