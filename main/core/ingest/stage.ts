/**
 * A file's rows (users, sessions, views, actions, errors, account links), staged and merged
 * into the store once, in key order, before commit (ARCHITECTURE.md §6).
 *
 * Those rows are keyed by random ids. Written one by one, each lands on a random page of a
 * B-tree that outgrows the page cache at a million users: measured, 180 s of a 240 s writer.
 * Appended to TEMP tables instead (file-backed, no index), or to an import's scratch files
 * (scratch.ts), and merged with one sorted statement per table, each stored page is visited
 * once, in order. The rows that turn out new are kept in `fresh_<table>`, from which the
 * distinct counts are added up in SQL.
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
/** The rows (or, for merged tables, the keys) the file adds to the table. */
export const fresh = (t: StagedTable): string => `temp.fresh_${t.table}`;

/**
 * A table's staged rows. Without `merge`, rows are stored only when new (views, actions,
 * errors, account links) and the first staged row of a key wins, as an INSERT OR IGNORE in
 * arrival order would; `fresh(t)` gets the new rows. With it, they are merged into the stored
 * row of the same key (users, sessions): upserted in key order by the layout's merge rule
 * (`mergeOnConflict`, merge-sql.ts), and `fresh(t)` gets the keys that were not stored.
 *
 * A merged table may have counters (`merge.counters`; a new row starts at the column's 0):
 * `addCounts` adds them to the merged rows, key by key in order. Counts used to be staged as
 * rows of their own for the upsert to add, but every one of those conflicted: measured on 1M
 * users, 2 cores, the upsert took 6.8–7.1 s with them and 3.8 s without, the UPDATE 1.9–2.0 s.
 */
export class Stage {
  private readonly db: Db;
  private readonly t: StagedTable;
  private readonly rule: { layout: RowLayout; counters: string[] } | null;
  private readonly add: Statement;
  /** Rows staged elsewhere (scratch files), read where they are by the merge: SELECTs of `ord` and the columns. */
  private readonly sources: string[] = [];

  constructor(db: Db, t: StagedTable, merge?: { layout: RowLayout; counters?: string[] }) {
    this.db = db;
    this.t = t;
    const cols = t.columns.join(', ');
    const keys = t.keys.join(', ');
    const counters = merge?.counters ?? [];
    this.rule = merge ? { layout: merge.layout, counters } : null;
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS stage_${t.table} (${cols});
      CREATE TEMP TABLE IF NOT EXISTS fresh_${t.table} (${this.freshColumns().join(', ')})`);
    if (counters.length > 0) {
      db.exec(`CREATE TEMP TABLE IF NOT EXISTS counts_${t.table} (${[...t.keys, ...counters].join(', ')}, PRIMARY KEY (${keys})) WITHOUT ROWID`);
    }
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
   * After `merge`: adds to the stored rows the counts `select` returns, the keys then one
   * column per counter, named after it, one row per key. The UPDATE looks the stored rows up
   * from the counts, in key order, however big the store is.
   */
  addCounts(select: string): void {
    const counters = this.rule?.counters ?? [];
    if (counters.length === 0) throw new Error('this stage has no counters');
    const { t } = this;
    const keys = t.keys.join(', ');
    const counts = `temp.counts_${t.table}`;
    const added = counters.map((c) => `s.${c} + c.${c}`).join(', ');
    const sameKey = t.keys.map((k) => `c.${k} = s.${k}`).join(' AND ');
    this.db.prepare(`INSERT INTO ${counts} (${keys}, ${counters.join(', ')}) SELECT ${keys}, ${counters.join(', ')} FROM (${select}) ORDER BY ${keys}`).run();
    this.db
      .prepare(
        `UPDATE main.${t.table} AS s SET (${counters.join(', ')}) = (SELECT ${added} FROM ${counts} AS c WHERE ${sameKey})\n` +
          `WHERE (${keys}) IN (SELECT ${keys} FROM ${counts})`,
      )
      .run();
  }

  /** Writes the staged rows to the store; what was new stays in `fresh(t)` until `clear`. */
  merge(): void {
    const { t } = this;
    const cols = t.columns.join(', ');
    const keys = t.keys.join(', ');
    const rows = this.stagedRows();
    // `WHERE true` tells SQLite's parser that the ON CONFLICT belongs to the INSERT.
    const sql = this.rule
      ? `INSERT INTO main.${t.table} (${cols}) SELECT ${cols} FROM ${rows} WHERE true ORDER BY ${keys} ${mergeOnConflict(this.rule.layout, t.keys)}`
      : // In staging order within a key: the first staged row is the one stored.
        `INSERT INTO main.${t.table} (${cols}) SELECT ${cols} FROM ${rows} WHERE true ORDER BY ${keys}, ord ON CONFLICT (${keys}) DO NOTHING`;
    this.whileNotingFresh(() => this.db.prepare(sql).run());
  }

  /**
   * Runs `write` with a trigger that copies each row it inserts into `fresh(t)`: the rows that
   * were new, found by the write itself, in key order. Finding them first cost a sort and a
   * lookup per key of their own. The trigger lives only as long as the write: nothing else the
   * connection inserts is taken for the file's.
   */
  private whileNotingFresh(write: () => void): void {
    const { t } = this;
    const noted = this.freshColumns();
    const trigger = `note_fresh_${t.table}`;
    this.db.exec(`CREATE TEMP TRIGGER ${trigger} AFTER INSERT ON main.${t.table} BEGIN
      INSERT INTO ${fresh(t)} (${noted.join(', ')}) VALUES (${noted.map((c) => `new.${c}`).join(', ')}); END`);
    try {
      write();
    } finally {
      this.db.exec(`DROP TRIGGER temp.${trigger}`);
    }
  }

  /** What `fresh(t)` keeps of a new row: its key for a merged table, else the whole row. */
  private freshColumns(): string[] {
    return this.rule ? this.t.keys : this.t.columns;
  }

  /** Empties the staging tables (kept for the connection's next file) and forgets the scratch files. */
  clear(): void {
    const counts = (this.rule?.counters.length ?? 0) > 0 ? `; DELETE FROM temp.counts_${this.t.table}` : '';
    this.db.exec(`DELETE FROM ${staged(this.t)}; DELETE FROM ${fresh(this.t)}${counts}`);
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

/** Above any rowid a staging table reaches: each source's `ord` starts at a multiple of it. */
const SOURCE_SPAN = 2 ** 40;
