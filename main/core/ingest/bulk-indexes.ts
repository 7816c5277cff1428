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

/** Bulk mode pays off when the file brings more events than the store has users. */
export function worthBulkMode(db: Db, fileBytes: number): boolean {
  const APPROX_EVENT_BYTES = 1000;
  const users = db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  return fileBytes / APPROX_EVENT_BYTES > Math.max(users, 50_000);
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
