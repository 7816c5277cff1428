/**
 * Saved segments (ARCHITECTURE.md §8): a named query, or a static list of profile ids, per
 * entity. Names are unique regardless of case; a query segment keeps its text and is re-read at
 * every use, so it always means what the language says today.
 */
import type { ProfileKind } from '../../../common/keys';
import { ApiError } from '../dispatcher';
import type { Db } from '../store/open';

export type SegmentEntity = 'users' | 'accounts';

export interface SegmentRecord {
  id: number;
  name: string;
  entity: SegmentEntity;
  /** The query, or null for a static list. */
  query: string | null;
  /** Members of a static list (0 for a query segment). */
  members: number;
  createdAt: number;
  updatedAt: number;
}

export const MAX_NAME_LENGTH = 200;

export const entityKind = (entity: SegmentEntity): ProfileKind => (entity === 'users' ? 'user' : 'account');

/** Names are shown everywhere and typed in queries: no control characters, no outer spaces. */
export function checkName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw new ApiError('invalid_input', 'A segment needs a name');
  if (name.length > MAX_NAME_LENGTH) throw new ApiError('invalid_input', `A segment name has at most ${MAX_NAME_LENGTH} characters`);
  if (/\p{Cc}/u.test(name)) throw new ApiError('invalid_input', 'A segment name cannot hold control characters');
  return name;
}

export class SegmentStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  list(entity?: SegmentEntity): SegmentRecord[] {
    const rows = this.db
      .prepare(
        `SELECT s.*, (SELECT count(*) FROM segment_members m WHERE m.segment_id = s.id) AS members FROM segments s
         ${entity ? 'WHERE s.entity = ?' : ''} ORDER BY s.name COLLATE NOCASE`,
      )
      .all(...(entity ? [entity] : [])) as RawSegment[];
    return rows.map(toRecord);
  }

  find(name: string): SegmentRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT s.*, (SELECT count(*) FROM segment_members m WHERE m.segment_id = s.id) AS members
         FROM segments s WHERE s.name = ? COLLATE NOCASE`,
      )
      .get(name.trim()) as RawSegment | undefined;
    return row && toRecord(row);
  }

  get(name: string): SegmentRecord {
    const found = this.find(name);
    if (!found) throw new ApiError('not_found', `No segment named "${name}"`, { name });
    return found;
  }

  /** Creates a query segment, or replaces the query of one of the same name when `replace`. */
  saveQuery(rawName: string, entity: SegmentEntity, query: string, replace = false): SegmentRecord {
    const name = checkName(rawName);
    return this.db.transaction(() => {
      const existing = this.find(name);
      if (existing && !replace) throw new ApiError('invalid_input', `A segment named "${existing.name}" exists already`, { name });
      if (existing) {
        if (existing.entity !== entity) throw new ApiError('invalid_input', `"${existing.name}" is a segment of ${existing.entity}`);
        this.db.prepare('DELETE FROM segment_members WHERE segment_id = ?').run(existing.id);
        this.db.prepare('UPDATE segments SET name = ?, query = ?, updated_at = ? WHERE id = ?').run(name, query, this.now(), existing.id);
      } else {
        this.db.prepare('INSERT INTO segments (name, entity, query, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(name, entity, query, this.now(), this.now());
      }
      return this.get(name);
    })();
  }

  /** Creates a static-list segment (or replaces one) with the given profile ids. */
  saveList(rawName: string, entity: SegmentEntity, members: Iterable<string>, replace = false): SegmentRecord {
    const name = checkName(rawName);
    return this.db.transaction(() => {
      const existing = this.find(name);
      if (existing && !replace) throw new ApiError('invalid_input', `A segment named "${existing.name}" exists already`, { name });
      if (existing) this.remove(existing.name);
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO segments (name, entity, query, created_at, updated_at) VALUES (?, ?, NULL, ?, ?)')
        .run(name, entity, this.now(), this.now());
      const add = this.db.prepare('INSERT OR IGNORE INTO segment_members (segment_id, member) VALUES (?, ?)');
      for (const member of members) add.run(lastInsertRowid, member);
      return this.get(name);
    })();
  }

  rename(name: string, rawNewName: string): SegmentRecord {
    const newName = checkName(rawNewName);
    return this.db.transaction(() => {
      const segment = this.get(name);
      const clash = this.find(newName);
      if (clash && clash.id !== segment.id) throw new ApiError('invalid_input', `A segment named "${clash.name}" exists already`);
      this.db.prepare('UPDATE segments SET name = ?, updated_at = ? WHERE id = ?').run(newName, this.now(), segment.id);
      return this.get(newName);
    })();
  }

  duplicate(name: string, rawNewName: string): SegmentRecord {
    const newName = checkName(rawNewName);
    return this.db.transaction(() => {
      const segment = this.get(name);
      if (this.find(newName)) throw new ApiError('invalid_input', `A segment named "${newName}" exists already`);
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO segments (name, entity, query, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(newName, segment.entity, segment.query, this.now(), this.now());
      this.db
        .prepare('INSERT INTO segment_members (segment_id, member) SELECT ?, member FROM segment_members WHERE segment_id = ?')
        .run(lastInsertRowid, segment.id);
      return this.get(newName);
    })();
  }

  remove(name: string): void {
    this.db.transaction(() => {
      const segment = this.get(name);
      this.db.prepare('DELETE FROM segment_members WHERE segment_id = ?').run(segment.id);
      this.db.prepare('DELETE FROM segments WHERE id = ?').run(segment.id);
    })();
  }
}

interface RawSegment {
  id: number;
  name: string;
  entity: SegmentEntity;
  query: string | null;
  members: number;
  created_at: number;
  updated_at: number;
}

const toRecord = (r: RawSegment): SegmentRecord => ({
  id: r.id,
  name: r.name,
  entity: r.entity,
  query: r.query,
  members: r.members,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
