/**
 * A file's rows (users, sessions, views, actions, errors, account links), staged and merged
 * into the store once, in key order, before commit (ARCHITECTURE.md §6).
 *
 * Those rows are keyed by random ids. Written one by one, each lands on a random page of a
 * B-tree that outgrows the page cache at a million users: measured, 180 s of a 240 s writer.
 * Appended to TEMP tables instead (file-backed, no index) and merged with one sorted
 * statement per table, each stored page is visited once, in order. The rows that turn out new
 * are kept in `fresh_<table>`, from which the distinct counts are added up in SQL.
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
  private readonly add: Statement;
  private readonly merges: Statement[];
  private readonly counts: ((select: string) => Statement) | null = null;

  constructor(db: Db, t: StagedTable, merge?: { layout: RowLayout; counters?: string[] }) {
    this.db = db;
    this.t = t;
    const cols = t.columns.join(', ');
    const keys = t.keys.join(', ');
    const counters = merge?.counters ?? [];
    const stagedCols = [...t.columns, ...counters.map((c) => `${c} DEFAULT 0`)].join(', ');
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS stage_${t.table} (${stagedCols});
      CREATE TEMP TABLE IF NOT EXISTS fresh_${t.table} (${merge ? keys : `first, ${cols}`})`);
    this.add = db.prepare(`INSERT INTO ${staged(t)} (${cols}) VALUES (${t.columns.map(() => '?').join(', ')})`);
    const notStored = notStoredYet(db, t);
    if (merge && counters.length > 0) {
      const { min, max } = merge.layout;
      const countCols = [...t.keys, min, max, ...counters].join(', ');
      this.counts = (select) =>
        db.prepare(`INSERT INTO ${staged(t)} (${countCols}) SELECT ${keys}, ${FAR_END}, ${-FAR_END - 1}, ${counters.join(', ')} FROM (${select})`);
    }
    const upserted = [...t.columns, ...counters].join(', ');
    this.merges = merge
      ? [
          db.prepare(`INSERT INTO ${fresh(t)} (${keys}) SELECT ${keys} FROM ${staged(t)} GROUP BY ${keys} ORDER BY ${keys}`),
          notStored,
          // `WHERE true` tells SQLite's parser that the ON CONFLICT belongs to the INSERT.
          db.prepare(
            `INSERT INTO main.${t.table} (${upserted}) SELECT ${upserted} FROM ${staged(t)} WHERE true ORDER BY ${keys} ` +
              mergeOnConflict({ ...merge.layout, counters }, t.keys),
          ),
        ]
      : [
          // One row per key, the first staged: min(rowid) takes the other columns from its row.
          db.prepare(`INSERT INTO ${fresh(t)} (first, ${cols}) SELECT min(rowid), ${cols} FROM ${staged(t)} GROUP BY ${keys} ORDER BY ${keys}`),
          notStored,
          db.prepare(`INSERT INTO main.${t.table} (${cols}) SELECT ${cols} FROM ${fresh(t)} ORDER BY rowid`),
        ];
  }

  stage(cells: Cell[]): void {
    this.add.run(cells);
  }

  /**
   * Stages the rows `select` returns, one column per column of the table, in order: by
   * default the same table of another schema (a scratch file of the import, scratch.ts).
   */
  stageFrom(schema: string, select = `SELECT ${this.t.columns.join(', ')} FROM ${schema}.${this.t.table}`): void {
    this.db.prepare(`INSERT INTO ${staged(this.t)} (${this.t.columns.join(', ')}) ${select}`).run();
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
    for (const s of this.merges) s.run();
  }

  /** Empties the staging tables (kept for the connection's next file). */
  clear(): void {
    this.db.exec(`DELETE FROM ${staged(this.t)}; DELETE FROM ${fresh(this.t)}`);
  }
}

/** Beyond any time in ms: a count row's min never wins, nor does its max (-FAR_END - 1). */
const FAR_END = Number.MAX_SAFE_INTEGER;

/** Drops from `fresh(t)` the keys already stored; `fresh(t)` is in key order, so are the lookups. */
function notStoredYet(db: Db, t: StagedTable): Statement {
  const same = t.keys.map((k) => `s.${k} = f.${k}`).join(' AND ');
  return db.prepare(
    `DELETE FROM ${fresh(t)} WHERE rowid IN (SELECT f.rowid FROM ${fresh(t)} f WHERE EXISTS (SELECT 1 FROM main.${t.table} s WHERE ${same}))`,
  );
}
