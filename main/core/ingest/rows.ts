/**
 * The rows an import writes, as positional cells in the column order of their INSERT.
 *
 * Aggregates are folded straight into these rows and cross from the parser thread to the
 * writer as plain arrays: no per-attribute objects to allocate, serialise or collect, and the
 * writer binds them as they are (ARCHITECTURE.md §6).
 *
 * A stamped attribute is two adjacent cells: its value, then the time of the event it came
 * from. "Latest event that has a non-empty X" keeps the later value (for `first_*`, the
 * earlier); ties at the same time go to the greater value (earliest: the smaller), so the
 * outcome depends only on the set of events, never on their order.
 */
import { FIRST_LAST_SUFFIXES } from '../../../common/keys';
import { SESSION_ATTRIBUTES } from '../../../common/sessions';

export type Cell = string | number | null;
export type Row = Cell[];
export type Edge = 'latest' | 'earliest';

/** Where a kind of row keeps what: identity cells first, then min, max and the stamped pairs. */
export interface RowLayout {
  /** The identity columns, one cell each, first in the row. */
  ids: string[];
  /** The column kept as the minimum (`first_seen`, `start`) and the one kept as the maximum. */
  min: string;
  max: string;
  /** Stamped attributes, each a (value, time) pair of cells, in this order. */
  stamped: Array<[column: string, edge: Edge]>;
}

const firstLast = (suffixes: readonly string[]): Array<[string, Edge]> =>
  suffixes.flatMap((s): Array<[string, Edge]> => [
    [`first_${s}`, 'earliest'],
    [`last_${s}`, 'latest'],
  ]);

export const USER_LAYOUT: RowLayout = {
  ids: ['user_id'],
  min: 'first_seen',
  max: 'last_seen',
  stamped: [['user_email', 'latest'], ['user_name', 'latest'], ['account_id', 'latest'], ...firstLast(FIRST_LAST_SUFFIXES)],
};

export const SESSION_LAYOUT: RowLayout = {
  ids: ['user_id', 'session_id'],
  min: 'start',
  max: 'end',
  stamped: SESSION_ATTRIBUTES.map((a): [string, Edge] => [a, 'earliest']),
};

export const ACCOUNT_LAYOUT: RowLayout = {
  ids: ['account_id'],
  min: 'first_seen',
  max: 'last_seen',
  stamped: [['account_name', 'latest']],
};

/** The row's columns in cell order. */
export const rowColumns = (l: RowLayout): string[] => [
  ...l.ids,
  l.min,
  l.max,
  ...l.stamped.flatMap(([col]) => [col, `${col}_at`]),
];

/** Cell index of the first stamped value. */
export const stampedStart = (l: RowLayout): number => l.ids.length + 2;

/** The cell of a stamped column's value in the layout's rows; its time is the next cell. */
export function cellOf(l: RowLayout, column: string): number {
  const i = l.stamped.findIndex(([col]) => col === column);
  if (i === -1) throw new Error(`${column} is not a stamped column of this layout`);
  return stampedStart(l) + 2 * i;
}

/** A row for identity `ids` seen first at `time`, its stamped pairs empty. */
export function newRow(l: RowLayout, ids: string[], time: number): Row {
  const row: Row = [...ids, time, time];
  for (let i = 0; i < l.stamped.length; i++) row.push(null, null);
  return row;
}

/** Keeps the later (or, for `earliest`, the earlier) of the pair at `i` and (v, at). */
export function pickCell(row: Row, i: number, v: string | null, at: number, earliest: boolean): void {
  if (v === null) return;
  const cur = row[i] as string | null;
  const curAt = row[i + 1] as number;
  if (
    cur === null ||
    (earliest ? at < curAt || (at === curAt && v < cur) : at > curAt || (at === curAt && v > cur))
  ) {
    row[i] = v;
    row[i + 1] = at;
  }
}

/** Widens the row's [min, max] to include `time`. */
export function seen(l: RowLayout, row: Row, time: number): void {
  const n = l.ids.length;
  if (time < (row[n] as number)) row[n] = time;
  if (time > (row[n + 1] as number)) row[n + 1] = time;
}

/** Folds `from` into `into`: the same profile or session seen again (a later batch, a later page). */
export function mergeRows(l: RowLayout, into: Row, from: Row): void {
  const n = l.ids.length;
  seen(l, into, from[n] as number);
  seen(l, into, from[n + 1] as number);
  let i = stampedStart(l);
  for (const [, edge] of l.stamped) {
    if (from[i] !== null) pickCell(into, i, from[i] as string, from[i + 1] as number, edge === 'earliest');
    i += 2;
  }
}
