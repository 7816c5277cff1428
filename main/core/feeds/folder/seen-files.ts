/**
 * The files a folder feed has seen (`feed_files`), once per version: a file is seen when a row
 * has its name, size and mtime, so a file that changes is imported again (the profile rules are
 * idempotent), and a file that failed is listed but not retried until it changes.
 */
import type { FeedFile } from '../../../../common/feeds';
import type { Db } from '../../store/open';
import { writeWhenFree } from '../../store/write-lock';
import type { FolderEntry } from './scan';

interface FileRow {
  name: string;
  bytes: number;
  status: FeedFile['status'];
  events: number;
  error: string | null;
  at: number;
}

/** The files a feed has seen, newest first. */
export function listSeenFiles(db: Db, feedId: number, limit: number): FeedFile[] {
  const rows = db
    .prepare('SELECT name, bytes, status, events, error, at FROM feed_files WHERE feed_id = ? ORDER BY at DESC, id DESC LIMIT ?')
    .all(feedId, limit) as FileRow[];
  return rows.map((r) => ({ name: r.name, bytes: r.bytes, status: r.status, events: r.events, error: r.error, at: new Date(r.at).toISOString() }));
}

/** The entries no row has seen in this version. */
export function unseenFiles(db: Db, feedId: number, entries: FolderEntry[]): FolderEntry[] {
  if (entries.length === 0) return [];
  const seen = db.prepare('SELECT 1 FROM feed_files WHERE feed_id = ? AND name = ? AND bytes = ? AND mtime_ms = ?').pluck();
  return entries.filter((e) => seen.get(feedId, e.name, e.bytes, e.mtimeMs) === undefined);
}

export type SeenOutcome = { status: 'imported'; events: number } | { status: 'failed'; events: number; error: string };

/** Records what became of one version of a file (on the host's connection, waiting for an import's lock). */
export async function recordSeenFile(db: Db, feedId: number, entry: FolderEntry, outcome: SeenOutcome, at: number): Promise<void> {
  const error = outcome.status === 'failed' ? outcome.error : null;
  await writeWhenFree(db, () =>
    db
      .prepare(
        `INSERT INTO feed_files (feed_id, name, bytes, mtime_ms, status, events, error, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (feed_id, name, bytes, mtime_ms) DO UPDATE SET status = excluded.status, events = excluded.events, error = excluded.error, at = excluded.at`,
      )
      .run(feedId, entry.name, entry.bytes, entry.mtimeMs, outcome.status, outcome.events, error, at),
  );
}
