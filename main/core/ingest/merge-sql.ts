/**
 * SQL for merging a batch's rows into stored ones with the same rule as `pickCell` in rows.ts:
 * the later value wins (for `first_*`, the earlier), ties by value. Parameters are named after
 * the column (`@col`, `@col_at`), then made positional (`positional`) to bind rows as arrays.
 */
import type { Db } from '../store/open';
import { rowColumns, type Cell, type Edge, type RowLayout } from './rows';

/** True when the incoming `@col` should replace the stored `col`. */
export function wins(col: string, edge: Edge): string {
  const cmp = edge === 'latest' ? '>' : '<';
  return (
    `(@${col} IS NOT NULL AND (${col} IS NULL OR @${col}_at ${cmp} ${col}_at` +
    ` OR (@${col}_at = ${col}_at AND @${col} ${cmp} ${col})))`
  );
}

/** `col = …, col_at = …` assignments taking the incoming value where it wins. */
export function assignStamped(col: string, edge: Edge): string {
  const cond = wins(col, edge);
  return (
    `${col} = CASE WHEN ${cond} THEN @${col} ELSE ${col} END, ` +
    `${col}_at = CASE WHEN ${cond} THEN @${col}_at ELSE ${col}_at END`
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
  /** Counter columns incremented by the parameter of the same name. */
  counters?: string[];
}

/**
 * An UPDATE that merges incoming values and touches the row only if something changes, so
 * `changes` tells whether the profile was really updated (re-importing a file updates nothing).
 */
export function mergeUpdate(spec: MergeSpec): string {
  const sets = [
    `${spec.min} = min(${spec.min}, @${spec.min})`,
    `${spec.max} = max(${spec.max}, @${spec.max})`,
    ...spec.stamped.map(([col, edge]) => assignStamped(col, edge)),
    ...(spec.counters ?? []).map((c) => `${c} = ${c} + @${c}`),
  ];
  const changed = [
    `@${spec.min} < ${spec.min}`,
    `@${spec.max} > ${spec.max}`,
    ...spec.stamped.map(([col, edge]) => wins(col, edge)),
    ...(spec.counters ?? []).map((c) => `@${c} > 0`),
  ];
  return `UPDATE ${spec.table} SET ${sets.join(',\n  ')}\nWHERE ${spec.where} AND (${changed.join('\n  OR ')})`;
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
  /** The rowid of the last row `write` inserted. */
  lastRowid = 0;

  /** `where` locates the stored row by the identity columns; `counters` follow the row's cells. */
  constructor(db: Db, table: string, layout: RowLayout, where: string, counters: string[] = []) {
    const columns = [...rowColumns(layout), ...counters];
    this.insert = db.prepare(positional(insertIgnore(table, columns)).sql);
    const merge = positional(mergeUpdate({ table, where, min: layout.min, max: layout.max, stamped: layout.stamped, counters }));
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
