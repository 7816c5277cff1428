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
 * A merged table may have counters (`merge.counters`, 0 in staged rows): `stageCounts` adds a
 * row per key that carries only counts, its min and max at the far ends so that they never
 * win, and the upsert adds them to the stored row's, with no UPDATE of its own.
 */
export class Stage {
  private readonly db: Db;
  private readonly t: StagedTable;
  private readonly rule: { layout: RowLayout; counters: string[] } | null;
  private readonly add: Statement;
  private readonly counts: ((select: string) => Statement) | null = null;
  /** Rows staged elsewhere (scratch files), read where they are by the merge: SELECTs of `ord` and the columns. */
  private readonly sources: string[] = [];

  constructor(db: Db, t: StagedTable, merge?: { layout: RowLayout; counters?: string[] }) {
    this.db = db;
    this.t = t;
    const cols = t.columns.join(', ');
    const keys = t.keys.join(', ');
    const counters = merge?.counters ?? [];
    this.rule = merge ? { layout: merge.layout, counters } : null;
    const stagedCols = [...t.columns, ...counters.map((c) => `${c} DEFAULT 0`)].join(', ');
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS stage_${t.table} (${stagedCols});
      CREATE TEMP TABLE IF NOT EXISTS fresh_${t.table} (${merge ? keys : `first, ${cols}`})`);
    this.add = db.prepare(`INSERT INTO ${staged(t)} (${cols}) VALUES (${t.columns.map(() => '?').join(', ')})`);
    if (merge && counters.length > 0) {
      const { min, max } = merge.layout;
      const countCols = [...t.keys, min, max, ...counters].join(', ');
      this.counts = (select) =>
        db.prepare(`INSERT INTO ${staged(t)} (${countCols}) SELECT ${keys}, ${FAR_END}, ${-FAR_END - 1}, ${counters.join(', ')} FROM (${select})`);
    }
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
   * Stages the counts `select` returns: the keys, then one column per counter, named after it.
   * Every key must also have a staged row of its own (it gives the stored row's min and max).
   */
  stageCounts(select: string): void {
    if (!this.counts) throw new Error('this stage has no counters');
    this.counts(select).run();
  }

  /** Writes the staged rows to the store; what was new stays in `fresh(t)` until `clear`. */
  merge(): void {
    const { t } = this;
    const cols = t.columns.join(', ');
    const keys = t.keys.join(', ');
    const rows = this.stagedRows();
    const statements = this.rule
      ? [
          `INSERT INTO ${fresh(t)} (${keys}) SELECT ${keys} FROM ${rows} GROUP BY ${keys} ORDER BY ${keys}`,
          notStoredYet(t),
          // `WHERE true` tells SQLite's parser that the ON CONFLICT belongs to the INSERT.
          `INSERT INTO main.${t.table} (${this.upserted()}) SELECT ${this.upserted()} FROM ${rows} WHERE true ORDER BY ${keys} ` +
            mergeOnConflict({ ...this.rule.layout, counters: this.rule.counters }, t.keys),
        ]
      : [
          // One row per key, the first staged: min(ord) takes the other columns from its row.
          `INSERT INTO ${fresh(t)} (first, ${cols}) SELECT min(ord), ${cols} FROM ${rows} GROUP BY ${keys} ORDER BY ${keys}`,
          notStoredYet(t),
          `INSERT INTO main.${t.table} (${cols}) SELECT ${cols} FROM ${fresh(t)} ORDER BY rowid`,
        ];
    for (const sql of statements) this.db.prepare(sql).run();
  }

  /** Empties the staging tables (kept for the connection's next file) and forgets the scratch files. */
  clear(): void {
    this.db.exec(`DELETE FROM ${staged(this.t)}; DELETE FROM ${fresh(this.t)}`);
    this.sources.length = 0;
  }

  private upserted(): string {
    return [...this.t.columns, ...(this.rule?.counters ?? [])].join(', ');
  }

  /**
   * Every staged row, with `ord` in staging order: the TEMP table's first, then each scratch
   * file's (counters are 0 there). Without scratch files SQLite reads it as the table itself.
   */
  private stagedRows(): string {
    const zeros = (this.rule?.counters ?? []).map((c) => `0 AS ${c}`);
    const fromScratch = [...this.t.columns, ...zeros].join(', ');
    return (
      `(SELECT rowid AS ord, ${this.upserted()} FROM ${staged(this.t)}` +
      this.sources.map((select, i) => ` UNION ALL SELECT ${i + 1} * ${SOURCE_SPAN} + ord, ${fromScratch} FROM (${select})`).join('') +
      ')'
    );
  }
}

/** Above any rowid a staging table reaches: each source's `ord` starts at a multiple of it. */
const SOURCE_SPAN = 2 ** 40;

/** Beyond any time in ms: a count row's min never wins, nor does its max (-FAR_END - 1). */
const FAR_END = Number.MAX_SAFE_INTEGER;

/** Drops from `fresh(t)` the keys already stored; `fresh(t)` is in key order, so are the lookups. */
function notStoredYet(t: StagedTable): string {
  const same = t.keys.map((k) => `s.${k} = f.${k}`).join(' AND ');
  return `DELETE FROM ${fresh(t)} WHERE rowid IN (SELECT f.rowid FROM ${fresh(t)} f WHERE EXISTS (SELECT 1 FROM main.${t.table} s WHERE ${same}))`;
}
