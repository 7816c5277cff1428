/**
 * Rows folded in memory across batches before they are written. A batch carries each of its
 * users (or accounts) once; the next batches carry many of them again. Folding up to `limit`
 * of them (which bounds memory) writes and merges fewer rows.
 */
import { mergeRows, type Row, type RowLayout } from './rows';

/** Users folded before they are staged. */
export const PENDING_USERS = 25_000;

export class PendingRows {
  private readonly rows = new Map<Row[0], Row>();

  constructor(
    private readonly layout: RowLayout,
    private readonly limit = PENDING_USERS,
  ) {}

  /** Rows keyed by their first cell (a layout with one identity column). */
  add(rows: Row[]): void {
    for (const row of rows) {
      const pending = this.rows.get(row[0]!);
      if (pending) mergeRows(this.layout, pending, row);
      else this.rows.set(row[0]!, row);
    }
  }

  get full(): boolean {
    return this.rows.size >= this.limit;
  }

  /** Hands every folded row to `write` and forgets them. */
  drain(write: (row: Row) => void): void {
    for (const row of this.rows.values()) write(row);
    this.rows.clear();
  }
}
