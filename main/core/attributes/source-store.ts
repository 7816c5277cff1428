/**
 * Saved sources, their attributes and their sync history (ARCHITECTURE.md §10). Values live in
 * per-source tables written by the sync (sync.ts); this file keeps the definitions.
 */
import type { AttributeDefinition, Schedule, SourceDefinition, SourceKind, SyncRun, ValueType } from '../../../common/attributes';
import { ATTRIBUTES, TEXT_SEARCH_KEYS } from '../../../common/keys';
import { SEGMENT_KEY } from '../../../common/query';
import { ApiError } from '../dispatcher';
import type { Db } from '../store/open';


export interface SourceRecord {
  id: number;
  name: string;
  kind: SourceKind;
  entity: 'users' | 'accounts';
  connectionId: number | null;
  path: string | null;
  table: string | null;
  join: { column: string; attribute: string };
  schedule: Schedule;
  valuesTable: string | null;
  createdAt: number;
  attributes: Array<{ name: string; column: string; type: ValueType; label: string }>;
}

interface SourceRow {
  id: number;
  name: string;
  kind: SourceKind;
  entity: 'users' | 'accounts';
  connection_id: number | null;
  path: string | null;
  table_name: string | null;
  join_column: string;
  join_attribute: string;
  schedule: string;
  values_table: string | null;
  created_at: number;
}

interface RunRow {
  id: number;
  trigger: SyncRun['trigger'];
  status: SyncRun['status'];
  started_at: number;
  finished_at: number | null;
  rows: number;
  matched: number;
  unmatched: number;
  duplicates: number;
  blank_keys: number;
  duration_ms: number | null;
  error: string | null;
  report: string | null;
}

/** "Signed_Up__c" → "Signed up": a label for an attribute named after its column. */
export const labelOf = (column: string): string => {
  const words = column.replace(/__c$/i, '').replace(/[_\s]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export class SourceStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  list(entity?: 'users' | 'accounts'): SourceRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM sources ${entity ? 'WHERE entity = ?' : ''} ORDER BY name COLLATE NOCASE`)
      .all(...(entity ? [entity] : [])) as SourceRow[];
    return rows.map((r) => this.record(r));
  }

  find(name: string): SourceRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sources WHERE name = ? COLLATE NOCASE').get(name) as SourceRow | undefined;
    return row && this.record(row);
  }

  get(name: string): SourceRecord {
    const source = this.find(name);
    if (!source) throw new ApiError('not_found', `No source named "${name}"`, { name });
    return source;
  }

  /**
   * Refuses what can't be saved: a taken name, an attribute name that is built in, reserved, or
   * imported by another source, a join on an attribute the profiles don't have.
   */
  check(def: SourceDefinition, attributes: Array<AttributeDefinition & { type: ValueType }>, replace: boolean): SourceRecord | undefined {
    const existing = this.find(def.name);
    if (existing && !replace) throw new ApiError('invalid_input', `A source named "${existing.name}" exists already`, { name: def.name });
    const kind = def.entity === 'users' ? 'user' : 'account';
    const builtIn = new Set(ATTRIBUTES[kind].map((a) => a.key));
    if (!builtIn.has(def.join.attribute)) {
      const keys = [...TEXT_SEARCH_KEYS[kind], ...(kind === 'user' ? ['account_id'] : [])];
      throw new ApiError('invalid_input', `join.attribute: ${def.entity} have no attribute "${def.join.attribute}" (try ${keys.join(', ')})`, {
        field: 'join.attribute',
      });
    }
    const seen = new Set<string>();
    attributes.forEach((a, i) => {
      const field = `attributes[${i}].name`;
      if (builtIn.has(a.name) || a.name === SEGMENT_KEY) {
        throw new ApiError('invalid_input', `${field}: "${a.name}" is a built-in key of ${def.entity}; choose another name`, { field });
      }
      if (seen.has(a.name)) throw new ApiError('invalid_input', `${field}: "${a.name}" is named twice`, { field });
      seen.add(a.name);
      const owner = this.db
        .prepare('SELECT s.name FROM source_attributes a JOIN sources s ON s.id = a.source_id WHERE a.entity = ? AND a.name = ? AND s.id IS NOT ?')
        .pluck()
        .get(def.entity, a.name, existing?.id ?? null) as string | undefined;
      if (owner !== undefined) {
        throw new ApiError('invalid_input', `${field}: "${a.name}" is already imported by the source "${owner}"; choose another name`, { field });
      }
    });
    return existing;
  }

  /** Inserts or replaces (keeping id, values and history) a checked source. Call inside the write lock. */
  save(
    def: SourceDefinition,
    attributes: Array<AttributeDefinition & { type: ValueType }>,
    connectionId: number | null,
    path: string | null,
    existing: SourceRecord | undefined,
  ): SourceRecord {
    const at = this.now();
    const values = [def.name, def.kind, def.entity, connectionId, path, def.table ?? null, def.join.column, def.join.attribute, JSON.stringify(def.schedule)];
    let id: number;
    if (existing) {
      id = existing.id;
      this.db
        .prepare(
          `UPDATE sources SET name = ?, kind = ?, entity = ?, connection_id = ?, path = ?, table_name = ?, join_column = ?,
           join_attribute = ?, schedule = ?, updated_at = ? WHERE id = ?`,
        )
        .run(...values, at, id);
      this.db.prepare('DELETE FROM source_attributes WHERE source_id = ?').run(id);
    } else {
      id = Number(
        this.db
          .prepare(
            `INSERT INTO sources (name, kind, entity, connection_id, path, table_name, join_column, join_attribute, schedule, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(...values, at, at).lastInsertRowid,
      );
    }
    const insert = this.db.prepare(
      'INSERT INTO source_attributes (source_id, entity, name, column_name, type, label, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    attributes.forEach((a, i) => insert.run(id, def.entity, a.name, a.column, a.type, a.label ?? labelOf(a.column), i));
    return this.get(def.name);
  }

  /** Removes a source, its attributes, history and values. Call inside the write lock. */
  remove(source: SourceRecord): void {
    this.db.prepare('DELETE FROM source_attributes WHERE source_id = ?').run(source.id);
    this.db.prepare('DELETE FROM sync_runs WHERE source_id = ?').run(source.id);
    this.db.prepare('DELETE FROM sources WHERE id = ?').run(source.id);
    for (const table of this.valueTablesOf(source.id)) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
  }

  /** Every values table of a source, current or left behind by an interrupted sync. */
  valueTablesOf(sourceId: number): string[] {
    return this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\'`)
      .pluck()
      .all(`source\\_values\\_${sourceId}\\_%`) as string[];
  }

  runs(sourceId: number, limit: number): SyncRun[] {
    const rows = this.db.prepare('SELECT * FROM sync_runs WHERE source_id = ? ORDER BY started_at DESC, id DESC LIMIT ?').all(sourceId, limit) as RunRow[];
    return rows.map(toRun);
  }

  lastRun(sourceId: number): SyncRun | null {
    return this.runs(sourceId, 1)[0] ?? null;
  }

  private record(row: SourceRow): SourceRecord {
    const attributes = this.db
      .prepare('SELECT name, column_name AS "column", type, label FROM source_attributes WHERE source_id = ? ORDER BY position')
      .all(row.id) as SourceRecord['attributes'];
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      entity: row.entity,
      connectionId: row.connection_id,
      path: row.path,
      table: row.table_name,
      join: { column: row.join_column, attribute: row.join_attribute },
      schedule: JSON.parse(row.schedule) as Schedule,
      valuesTable: row.values_table,
      createdAt: row.created_at,
      attributes,
    };
  }
}

export function toRun(r: RunRow): SyncRun {
  return {
    id: r.id,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
    status: r.status,
    trigger: r.trigger,
    rows: r.rows,
    matched: r.matched,
    unmatched: r.unmatched,
    duplicates: r.duplicates,
    blankKeys: r.blank_keys,
    durationMs: r.duration_ms,
    error: r.error,
  };
}
