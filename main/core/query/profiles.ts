/**
 * Reads of the profile grids: rows, counts and value facets, all done by SQLite (blocks in
 * blocks.ts).
 */
import type { Filter, SortKey } from '../../../common/filter';
import type { ProfileRow } from '../../../common/keys';
import type { ValueCount } from '../../../common/contract';
import type { Db } from '../store/open';
import { compileFilter, specOf, valueSql, type ProfileTable } from './compile';

/** A stored row → the API row: every attribute's key, ISO times, booleans, null where absent. */
export function toProfileRow(t: ProfileTable, row: Record<string, unknown>): ProfileRow {
  const out: ProfileRow = {};
  for (const spec of t.specs) {
    const v = row[spec.key];
    if (v === null || v === undefined) out[spec.key] = null;
    else if (spec.type === 'time') out[spec.key] = new Date(Number(v)).toISOString();
    else if (spec.type === 'number') out[spec.key] = Number(v);
    else if (spec.type === 'boolean') out[spec.key] = Number(v) !== 0;
    else out[spec.key] = String(v);
  }
  return out;
}

/** Every attribute of a row of `outer` (the table or its alias), named by its key. */
export const columnList = (t: ProfileTable, outer = t.table): string =>
  t.specs.map((a) => (t.custom.has(a.key) ? `${valueSql(t, a, outer)} AS "${a.key}"` : valueSql(t, a, outer))).join(', ');

export interface PageRequest {
  offset: number;
  limit: number;
  sort: SortKey[];
  filter: Filter | null;
}

/** The most common values of an attribute among the matching profiles (set filters). */
export function profileValues(db: Db, t: ProfileTable, key: string, filter: Filter | null, limit: number): ValueCount[] {
  const spec = specOf(t, key);
  const value = valueSql(t, spec);
  const where = compileFilter(t, filter);
  const rows = db
    .prepare(
      `SELECT ${value} AS value, count(*) AS count FROM ${t.table} ` +
        `WHERE ${where.sql} AND value IS NOT NULL GROUP BY value COLLATE NOCASE ` +
        `ORDER BY count DESC, value LIMIT ?`,
    )
    .all(...where.params, limit) as Array<{ value: unknown; count: number }>;
  const shown = (v: unknown): string => (spec.type === 'boolean' ? String(Number(v) !== 0) : String(v));
  return rows.map((r) => ({ value: shown(r.value), count: r.count }));
}
