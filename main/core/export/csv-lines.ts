/**
 * An export's SELECT list and the CSV line of each of its rows (ARCHITECTURE.md §8).
 *
 * Building a JavaScript string for every cell was the export's largest cost: 1M users × 28
 * columns took 8.1 s to read through better-sqlite3, against 3.0 s with each run of adjacent
 * text columns read as one value that SQLite joins with commas (`concat_ws`). When that value
 * holds exactly the run's separators and nothing CSV must escape or guard, it is already the
 * run's CSV text; otherwise (a comma or quote in a value, a formula) the row is read again cell
 * by cell by its id, from the same snapshot, and written cell by cell.
 */
import { csvText, FORMULA_CHARS } from '../../../common/csv';
import type { AttributeSpec } from '../../../common/keys';
import { valueSql, type ProfileTable } from '../query/compile';
import type { Db } from '../store/open';
import { IsoTimes } from './iso-times';

type CellWriter = (v: unknown) => string;

/** A cell of the SELECT list: one attribute, or a run of adjacent text attributes joined by commas. */
type Part = { run: false; write: CellWriter } | { run: true; size: number; clean: RegExp };

export class CsvLines {
  /** The SELECT list: the row's id, then one cell per part. */
  readonly select: string;
  private readonly parts: Part[];
  private readonly cells: CellWriter[];
  private readonly readRow: (id: number) => unknown[];

  /** `db` must be the connection the rows are read from, so that a row read again is the same. */
  constructor(db: Db, t: ProfileTable, specs: AttributeSpec[], guard: boolean) {
    const times = new IsoTimes();
    this.cells = specs.map((s) => cellWriter(s, guard, times));
    const select: string[] = ['id'];
    this.parts = [];
    for (let i = 0; i < specs.length; ) {
      let end = i;
      while (end < specs.length && isPlainText(t, specs[end]!)) end++;
      if (end - i >= 2) {
        const values = specs.slice(i, end).map((s) => `ifnull(${valueSql(t, s)}, '')`);
        select.push(`concat_ws(',', ${values.join(', ')})`);
        this.parts.push({ run: true, size: end - i, clean: cleanRun(end - i, guard) });
        i = end;
      } else {
        select.push(valueSql(t, specs[i]!));
        this.parts.push({ run: false, write: this.cells[i]! });
        i++;
      }
    }
    this.select = select.join(', ');
    const row = db.prepare(`SELECT ${specs.map((s) => valueSql(t, s)).join(', ')} FROM ${t.table} WHERE id = ?`).raw();
    this.readRow = (id) => row.get(id) as unknown[];
  }

  /** The CSV line (without its line break) of a row read with `select`. */
  line(raw: unknown[]): string {
    let line = '';
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i]!;
      const v = raw[i + 1];
      if (!part.run) line += i === 0 ? part.write(v) : `,${part.write(v)}`;
      else if (part.clean.test(v as string)) line += i === 0 ? (v as string) : `,${v as string}`;
      else return this.cellByCell(raw[0] as number);
    }
    return line;
  }

  private cellByCell(id: number): string {
    const cells = this.readRow(id);
    return cells.map((v, i) => this.cells[i]!(v)).join(',');
  }
}

/** Text read as it is stored: a built-in attribute that is neither a time, a number nor a boolean. */
function isPlainText(t: ProfileTable, spec: AttributeSpec): boolean {
  return !t.custom.has(spec.key) && spec.type !== 'time' && spec.type !== 'number' && spec.type !== 'boolean';
}

/**
 * Matches a run of `size` values joined by commas that is its own CSV text: exactly `size - 1`
 * commas, no quote or line break, and (with the guard) no value starting like a formula.
 */
function cleanRun(size: number, guard: boolean): RegExp {
  const value = `${guard ? `(?!${FORMULA_CHARS})` : ''}[^,"\\r\\n]*`;
  return new RegExp(`^(?:${value},){${size - 1}}${value}$`);
}

/** One column's cells as CSV text: empty for none, ISO times, plain numbers, quoted text when needed. */
function cellWriter(spec: AttributeSpec, guard: boolean, times: IsoTimes): CellWriter {
  if (spec.type === 'time') return (v) => (v === null ? '' : times.format(Number(v)));
  if (spec.type === 'number') return (v) => (v === null ? '' : String(v));
  if (spec.type === 'boolean') return (v) => (v === null ? '' : String(Number(v) !== 0));
  return (v) => (v === null ? '' : csvText(String(v), guard));
}
