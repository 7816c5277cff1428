/**
 * SQL for merging a batch's stamped values into stored ones with the same rule as
 * `pick` in batch.ts: the later value wins (for `first_*`, the earlier), ties by value.
 * Parameters are named after the column (`@col`, `@col_at`).
 */

export type Edge = 'latest' | 'earliest';

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

export type Params = Record<string, string | number | null>;

/** Sets a stamped attribute's two parameters. */
export function put(params: Params, col: string, s: { v: string | null; at: number | null }): void {
  params[col] = s.v;
  params[`${col}_at`] = s.at;
}

/** The column names of a stamped attribute. */
export const stampedColumns = (col: string): string[] => [col, `${col}_at`];
