/**
 * A value near the middle of a column's order, where a wildcard's scan is split into two
 * halves, one per id worker (sorted-ids.ts). Any value makes a correct split; the middle one
 * makes halves of equal work.
 *
 * Skipping half the column's index with OFFSET found the exact middle, but it cost 170–360 ms at
 * a million users: the first wildcard on each key after every store change waited for it. The
 * median of a sample of rows spread evenly over the row ids costs a few point lookups instead
 * (measured at a million users: 5.5 ms on a fresh connection, 0.3 ms after).
 */
import type { Db } from '../store/open';

/** Rows sampled: the median of 63 lies within about ±12% of the middle in 95% of draws (one side's work: 38–62%). */
export const PIVOT_SAMPLES = 63;

/**
 * The median of `value` (ordered by `column`) over `samples` rows spread over `table`'s ids,
 * skipping rows without a value; null when no sampled row has one.
 */
export function samplePivot(db: Db, table: string, value: string, column: string, samples = PIVOT_SAMPLES): string | number | null {
  // Two subqueries: SQLite seeks one end of the primary key for each, but scans for both in one.
  const { lo, hi } = db.prepare(`SELECT (SELECT min(id) FROM ${table}) AS lo, (SELECT max(id) FROM ${table}) AS hi`).get() as { lo: number | null; hi: number | null };
  if (lo === null || hi === null) return null;
  const targets = Array.from({ length: samples }, (_, i) => lo + Math.floor(((hi - lo) * (2 * i + 1)) / (2 * samples)));
  // Each target finds the first row from it on: ids may have gaps where rows were deleted.
  const values = db
    .prepare(
      // CROSS JOIN keeps the samples outside: else SQLite may walk the column's whole index for its order.
      `SELECT ${value} FROM json_each(?) j CROSS JOIN ${table} ON ${table}.id = (SELECT id FROM ${table} WHERE id >= j.value ORDER BY id LIMIT 1)` +
        ` WHERE ${column} IS NOT NULL ORDER BY ${column}`,
    )
    .pluck()
    .all(JSON.stringify(targets)) as Array<string | number>;
  return values.length === 0 ? null : values[Math.floor(values.length / 2)]!;
}
