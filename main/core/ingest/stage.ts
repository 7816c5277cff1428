/**
 * A file's rows (users, sessions, views, actions, errors, account links), staged and merged
 * into the store once, in key order, before commit (ARCHITECTURE.md §6).
 *
 * Those rows are keyed by random ids. Written one by one, each lands on a random page of a
 * B-tree that outgrows the page cache at a million users: measured, 180 s of a 240 s writer.
 * Appended to TEMP tables instead (file-backed, no index), or to an import's scratch files
 * (scratch.ts), and merged with one sorted statement per table, each stored page is visited
 * once, in order. What the rows that turn out new count for is summed meanwhile (tally.ts).
 *
 * The TEMP tables belong to the connection and take part in the file's transaction: a
 * rollback empties them with everything else.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../store/open';
import { mergeOnConflict } from './merge-sql';
import type { Cell, RowLayout } from './rows';
import type { StagedTable } from './stage-tables';

type Statement = Database.Statement;

const staged = (t: StagedTable): string => `temp.stage_${t.table}`;

/**
 * A table's staged rows. Without `merge`, rows are stored only when new (views, actions,
 * errors, account links) and the first staged row of a key wins, as an INSERT OR IGNORE in
 * arrival order would. With it, they are merged into the stored row of the same key (users,
 * sessions): upserted in key order by the layout's merge rule (`mergeOnConflict`, merge-sql.ts).
 * Either way, what the rows that turn out new count for is summed as they are stored (tally.ts).
 */
export class Stage {
  private readonly db: Db;
  private readonly t: StagedTable;
  private readonly layout: RowLayout | null;
  private readonly add: Statement;
  /** Rows staged elsewhere (scratch files), read where they are by the merge: SELECTs of `ord` and the columns. */
  private readonly sources: string[] = [];

  constructor(db: Db, t: StagedTable, merge?: { layout: RowLayout }) {
    this.db = db;
    this.t = t;
    const cols = t.columns.join(', ');
    this.layout = merge?.layout ?? null;
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS stage_${t.table} (${cols})`);
    this.add = db.prepare(`INSERT INTO ${staged(t)} (${cols}) VALUES (${t.columns.map(() => '?').join(', ')})`);
  }

  stage(cells: Cell[]): void {
    this.add.run(cells);
  }

  /**
   * Merges the rows a scratch file of the import (scratch.ts), attached as `schema`, staged for
   * this table too, read where they are: copying them into the TEMP table first cost a pass
   * over every row. `select` returns a staging order (`ord`), then the table's columns; by
   * default it reads the same table of `schema`.
   */
  addScratch(schema: string, select = `SELECT rowid AS ord, ${this.t.columns.join(', ')} FROM ${schema}.${this.t.table}`): void {
    this.sources.push(select);
  }

  /**
   * Writes the staged rows to the store, with `onNew` (trigger statements over the `new` row,
   * such as `Tally.bump`'s) run for each row that was not stored yet.
   */
  merge(onNew: string[] = []): void {
    const { t } = this;
    const cols = t.columns.join(', ');
    const keys = t.keys.join(', ');
    const rows = this.stagedRows();
    // `WHERE true` tells SQLite's parser that the ON CONFLICT belongs to the INSERT.
    const sql = this.layout
      ? `INSERT INTO main.${t.table} (${cols}) SELECT ${cols} FROM ${rows} WHERE true ORDER BY ${keys} ${mergeOnConflict(this.layout, t.keys)}`
      : // In staging order within a key: the first staged row is the one stored.
        `INSERT INTO main.${t.table} (${cols}) SELECT ${cols} FROM ${rows} WHERE true ORDER BY ${keys}, ord ON CONFLICT (${keys}) DO NOTHING`;
    const write = () => this.db.prepare(sql).run();
    if (onNew.length === 0) write();
    else whileTriggered(this.db, `on_new_${t.table}`, t.table, onNew.join(' '), write);
  }

  /** Empties the staging table (kept for the connection's next file) and forgets the scratch files. */
  clear(): void {
    this.db.exec(`DELETE FROM ${staged(this.t)}`);
    this.sources.length = 0;
  }

  /**
   * Every staged row, with `ord` in staging order: the TEMP table's first, then each scratch
   * file's. Without scratch files SQLite reads it as the table itself.
   */
  private stagedRows(): string {
    const cols = this.t.columns.join(', ');
    return (
      `(SELECT rowid AS ord, ${cols} FROM ${staged(this.t)}` +
      this.sources.map((select, i) => ` UNION ALL SELECT ${i + 1} * ${SOURCE_SPAN} + ord, ${cols} FROM (${select})`).join('') +
      ')'
    );
  }
}

/**
 * Runs `write` with a TEMP trigger (`body`, run after each row inserted into `table`) that
 * lives only as long as the write: nothing else the connection inserts sets it off.
 */
export function whileTriggered(db: Db, name: string, table: string, body: string, write: () => void): void {
  db.exec(`CREATE TEMP TRIGGER ${name} AFTER INSERT ON main.${table} BEGIN ${body} END`);
  try {
    write();
  } finally {
    db.exec(`DROP TRIGGER temp.${name}`);
  }
}

/** Above any rowid a staging table reaches: each source's `ord` starts at a multiple of it. */
const SOURCE_SPAN = 2 ** 40;
