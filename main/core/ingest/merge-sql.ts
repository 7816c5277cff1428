/**
 * SQL for merging a batch's rows into stored ones with the same rule as `pickCell` in rows.ts:
 * the later value wins (for `first_*`, the earlier), ties by value. The incoming value of `col`
 * is `${src}col`: a named parameter (`@col`, made positional by `positional` to bind rows as
 * arrays) or, in an upsert, `excluded.col`.
 */
import type { Db } from '../store/open';
import { rowColumns, type Cell, type Edge, type RowLayout } from './rows';

/** True when the incoming `@col` should replace the stored `col`. */
export function wins(col: string, edge: Edge, src = '@'): string {
  const cmp = edge === 'latest' ? '>' : '<';
  return (
    `(${src}${col} IS NOT NULL AND (${col} IS NULL OR ${src}${col}_at ${cmp} ${col}_at` +
    ` OR (${src}${col}_at = ${col}_at AND ${src}${col} ${cmp} ${col})))`
  );
}

/** `col = …, col_at = …` assignments taking the incoming value where it wins. */
export function assignStamped(col: string, edge: Edge, src = '@'): string {
  const cond = wins(col, edge, src);
  return (
    `${col} = CASE WHEN ${cond} THEN ${src}${col} ELSE ${col} END, ` +
    `${col}_at = CASE WHEN ${cond} THEN ${src}${col}_at ELSE ${col}_at END`
  );
}

export interface MergeSpec {
  table: string;
  /** WHERE clause locating the row, with named parameters. */
  where: string;
  /** Column kept as the minimum (`first_seen`, `start`). */
  min: string;
  /** Column kept as the maximum (`last_seen`, `end`). */
  max: string;
  stamped: Array<[column: string, edge: Edge]>;
}

/**
 * An UPDATE that merges incoming values and touches the row only if something changes, so
 * `changes` tells whether the profile was really updated (re-importing a file updates nothing).
 */
export function mergeUpdate(spec: MergeSpec): string {
  const { sets, changed } = mergeTerms(spec, '@');
  return `UPDATE ${spec.table} SET ${sets}\nWHERE ${spec.where} AND (${changed})`;
}

/** The upsert clause merging `excluded` into the stored row with the same rule as `mergeUpdate`. */
export function mergeOnConflict(spec: Omit<MergeSpec, 'where' | 'table'>, keys: string[]): string {
  const { sets, changed } = mergeTerms(spec, 'excluded.');
  return `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets}\nWHERE ${changed}`;
}

/** The assignments of a merge, and the condition under which it changes the row. */
function mergeTerms(spec: Omit<MergeSpec, 'where' | 'table'>, src: string): { sets: string; changed: string } {
  const sets = [
    `${spec.min} = min(${spec.min}, ${src}${spec.min})`,
    `${spec.max} = max(${spec.max}, ${src}${spec.max})`,
    ...spec.stamped.map(([col, edge]) => assignStamped(col, edge, src)),
  ];
  const changed = [
    `${src}${spec.min} < ${spec.min}`,
    `${src}${spec.max} > ${spec.max}`,
    ...spec.stamped.map(([col, edge]) => wins(col, edge, src)),
  ];
  return { sets: sets.join(',\n  '), changed: `(${changed.join('\n  OR ')})` };
}

/** INSERT OR IGNORE of every named column: `changes` tells whether the row is new. */
export function insertIgnore(table: string, columns: string[]): string {
  return `INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
}

/**
 * The statement with its named parameters (`@col`) made positional, and the name bound at each
 * position: rows are bound as arrays (rows.ts), a name used twice is bound twice.
 */
export function positional(sql: string): { sql: string; names: string[] } {
  const names: string[] = [];
  return { sql: sql.replace(/@(\w+)/g, (_, name: string) => (names.push(name), '?')), names };
}

/** Writes rows of one layout: inserted when new, else merged into the stored row. */
export class RowWriter {
  private readonly insert;
  private readonly merge;
  /** For each `?` of the merge, the cell it binds. */
  private readonly order: number[];
  /** The rowid of the row the last `write` inserted. */
  lastRowid = 0;

  /** `where` locates the stored row by the identity columns. */
  constructor(db: Db, table: string, layout: RowLayout, where: string) {
    const columns = rowColumns(layout);
    this.insert = db.prepare(positional(insertIgnore(table, columns)).sql);
    const merge = positional(mergeUpdate({ table, where, min: layout.min, max: layout.max, stamped: layout.stamped }));
    this.merge = db.prepare(merge.sql);
    this.order = merge.names.map((name) => columns.indexOf(name));
  }

  /** 'new' when inserted, 'updated' when the stored row changed, else 'same'. */
  write(cells: Cell[]): 'new' | 'updated' | 'same' {
    const inserted = this.insert.run(cells);
    if (inserted.changes === 1) {
      this.lastRowid = Number(inserted.lastInsertRowid);
      return 'new';
    }
    return this.merge.run(this.order.map((i) => cells[i])).changes === 1 ? 'updated' : 'same';
  }
}
