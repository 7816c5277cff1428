/**
 * Reads of the profile grids: rows, counts and value facets, all done by SQLite (blocks in
 * blocks.ts).
 */
import type { Filter, SortKey } from '../../../common/filter';
import { ATTRIBUTES, type ProfileKind, type ProfileRow } from '../../../common/keys';
import type { ValueCount } from '../../../common/contract';
import type { Db } from '../store/open';
import { compileFilter, specOf, TABLES } from './compile';

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

export const columnList = (kind: ProfileKind, prefix = ''): string =>
  ATTRIBUTES[kind].map((a) => `${prefix}${a.key}`).join(', ');

export interface PageRequest {
  offset: number;
  limit: number;
  sort: SortKey[];
  filter: Filter | null;
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
