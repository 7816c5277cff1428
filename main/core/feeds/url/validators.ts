/**
 * What a url feed remembers of the content it last imported (columns of `feeds`): the server's
 * validators, sent back as `If-None-Match` / `If-Modified-Since`, and the content's sha256 for
 * servers that send neither (or change them without changing the bytes). Editing the feed's URL
 * clears them (feed-store.ts).
 */
import type { Db } from '../../store/open';
import { writeWhenFree } from '../../store/write-lock';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
  contentHash: string | null;
}

export function readValidators(db: Db, feedId: number): Validators {
  const row = db.prepare('SELECT etag, last_modified, content_hash FROM feeds WHERE id = ?').get(feedId) as
    | { etag: string | null; last_modified: string | null; content_hash: string | null }
    | undefined;
  return { etag: row?.etag ?? null, lastModified: row?.last_modified ?? null, contentHash: row?.content_hash ?? null };
}

/** Saved on the host's connection, waiting (without blocking) while an import holds the lock. */
export async function saveValidators(db: Db, feedId: number, validators: Validators): Promise<void> {
  await writeWhenFree(db, () =>
    db
      .prepare('UPDATE feeds SET etag = ?, last_modified = ?, content_hash = ? WHERE id = ?')
      .run(validators.etag, validators.lastModified, validators.contentHash, feedId),
  );
}

/** The conditional request's headers for what was imported last. */
export function conditionalHeaders(validators: Validators): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  return headers;
}
