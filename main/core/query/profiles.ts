/**
 * Reads of the profile grids: blocks, counts and value facets, all done by SQLite.
 */
import type { Filter, SortKey } from '../../../common/filter';
import { ATTRIBUTES, type ProfileKind, type ProfileRow } from '../../../common/keys';
import type { Db } from '../store/open';
import { compileFilter, compileSort, specOf, TABLES, type Sql } from './compile';

/** A stored row → the API row: canonical keys only, ISO times, null where absent. */
export function toProfileRow(kind: ProfileKind, row: Record<string, unknown>): ProfileRow {
  const out: ProfileRow = {};
  for (const spec of ATTRIBUTES[kind]) {
    const v = row[spec.key];
    if (v === null || v === undefined) out[spec.key] = null;
    else if (spec.type === 'time') out[spec.key] = new Date(Number(v)).toISOString();
    else if (spec.type === 'number') out[spec.key] = Number(v);
    else out[spec.key] = String(v);
  }
  return out;
}

const columnList = (kind: ProfileKind, prefix = ''): string =>
  ATTRIBUTES[kind].map((a) => `${prefix}${a.key}`).join(', ');

export interface PageRequest {
  offset: number;
  limit: number;
  sort: SortKey[];
  filter: Filter | null;
}

export function pageSql(kind: ProfileKind, req: PageRequest): Sql {
  const t = TABLES[kind];
  const where = compileFilter(t, req.filter);
  // The inner query walks only the sort index (it needs no other column), so a deep offset
  // skips index entries, not table rows; the outer one reads the 100 rows of the block.
  return {
    sql:
      `SELECT ${columnList(kind, 'p.')} FROM (SELECT id FROM ${t.table} WHERE ${where.sql} ` +
      `ORDER BY ${compileSort(t, req.sort)} LIMIT ? OFFSET ?) AS block ` +
      `JOIN ${t.table} AS p ON p.id = block.id ORDER BY ${compileSort(t, req.sort, 'p.')}`,
    params: [...where.params, req.limit, req.offset],
  };
}

export function pageProfiles(db: Db, kind: ProfileKind, req: PageRequest): ProfileRow[] {
  const { sql, params } = pageSql(kind, req);
  const rows = db.prepare(sql).all(...params) as Array<Record<string, unknown>>;
  return rows.map((r) => toProfileRow(kind, r));
}

export function countProfiles(db: Db, kind: ProfileKind, filter: Filter | null): number {
  const t = TABLES[kind];
  const where = compileFilter(t, filter);
  return db.prepare(`SELECT count(*) FROM ${t.table} WHERE ${where.sql}`).pluck().get(...where.params) as number;
}

export interface ValueCount {
  value: string;
  count: number;
}

/** The most common values of an attribute among the matching profiles (set filters). */
export function profileValues(db: Db, kind: ProfileKind, key: string, filter: Filter | null, limit: number): ValueCount[] {
  const t = TABLES[kind];
  const spec = specOf(kind, key);
  const where = compileFilter(t, filter);
  const rows = db
    .prepare(
      `SELECT ${spec.key} AS value, count(*) AS count FROM ${t.table} ` +
        `WHERE ${where.sql} AND ${spec.key} IS NOT NULL GROUP BY ${spec.key} COLLATE NOCASE ` +
        `ORDER BY count DESC, value LIMIT ?`,
    )
    .all(...where.params, limit) as Array<{ value: unknown; count: number }>;
  return rows.map((r) => ({ value: String(r.value), count: r.count }));
}
