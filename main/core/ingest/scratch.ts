/**
 * A file's rows staged in a scratch SQLite file, away from the store (ARCHITECTURE.md §6).
 *
 * At a million users the writer was the import's critical path from its first batch: taking
 * each batch apart (its JSON, a bind per row, their garbage) cost it about 60 s of a 170 s
 * import while both parsers waited for it half the time. A parser of a split file now binds
 * its own rows into a scratch file of its own, on its own core, and hands the writer only what
 * it counted; the writer merges the rows from there at the end (`StoreWriter.addScratch`). A
 * file read by one parser is staged by the writer thread the same way, so parsing and binding
 * still overlap.
 *
 * The store never sees these files: they are written without a journal file or sync, and the
 * writer deletes them after the file, imported or not.
 */
import Database from 'better-sqlite3';
import { PAGE_SIZE } from '../store/open';
import type { Batch } from './batch';
import { PendingRows } from './pending-rows';
import { USER_LAYOUT } from './rows';
import { ACTIONS, ERRORS, SCRATCH_ACCOUNT_SESSIONS, SCRATCH_ACCOUNT_USERS, SESSIONS, USERS, VIEWS } from './stage-tables';

const TABLES = { USERS, SESSIONS, VIEWS, ACTIONS, ERRORS, SCRATCH_ACCOUNT_USERS, SCRATCH_ACCOUNT_SESSIONS };

export class ScratchStage {
  private readonly db: Database.Database;
  private readonly insert: Record<keyof typeof TABLES, GroupedInsert>;
  private readonly users: PendingRows;

  constructor(path: string, options: { nativeBinding?: string; pendingUsers?: number } = {}) {
    this.db = new Database(path, { nativeBinding: options.nativeBinding });
    // Written once, in order, and read whole by the writer: the store's large pages suit it too.
    this.db.pragma(`page_size = ${PAGE_SIZE}`);
    // Not OFF: better-sqlite3's defensive mode refuses it. MEMORY writes no journal file either.
    this.db.pragma('journal_mode = MEMORY');
    this.db.pragma('synchronous = OFF');
    this.insert = Object.fromEntries(
      Object.entries(TABLES).map(([name, t]) => {
        this.db.exec(`CREATE TABLE ${t.table} (${t.columns.join(', ')})`);
        return [name, new GroupedInsert(this.db, t.table, t.columns.length)];
      }),
    ) as ScratchStage['insert'];
    this.users = new PendingRows(USER_LAYOUT, options.pendingUsers);
    this.db.exec('BEGIN');
  }

  /** Stages a batch's rows (its users once enough are folded); its counts and accounts are the caller's. */
  add(batch: Batch): void {
    this.users.add(batch.users);
    if (this.users.full) this.users.drain(this.insert.USERS.add);
    const { insert } = this;
    for (const row of batch.sessions) insert.SESSIONS.add(row);
    for (const row of batch.views) insert.VIEWS.add(row);
    for (const row of batch.actions) insert.ACTIONS.add(row);
    for (const row of batch.errors) insert.ERRORS.add(row);
    for (const row of batch.accountUsers) insert.SCRATCH_ACCOUNT_USERS.add(row);
    for (const row of batch.accountSessions) insert.SCRATCH_ACCOUNT_SESSIONS.add(row);
  }

  /** Stages the users still folded and closes the file, ready to be attached. */
  finish(): void {
    this.users.drain(this.insert.USERS.add);
    for (const insert of Object.values(this.insert)) insert.flush();
    this.db.exec('COMMIT');
    this.db.close();
  }

  /** Closes the file unfinished (a failed or cancelled parse); the writer deletes it. */
  abandon(): void {
    if (this.db.open) this.db.close();
  }
}

/** Rows per INSERT statement of a scratch table. */
const ROWS_PER_INSERT = 16;

/**
 * Inserts a table's rows ROWS_PER_INSERT at a time, in the order they come (their rowid is
 * their staging order): one call binds them all. Measured on 1M rows of 5 cells, CPU: one row
 * per call 2.4 s, 16 per call 1.44 s (64: 1.55 s). The binds were a fifth of a parser's time.
 */
class GroupedInsert {
  private readonly group: Database.Statement;
  private readonly one: Database.Statement;
  private readonly cells: unknown[];
  private rows = 0;

  constructor(
    db: Database.Database,
    table: string,
    private readonly width: number,
  ) {
    const values = `(${Array(width).fill('?').join(', ')})`;
    this.group = db.prepare(`INSERT INTO ${table} VALUES ${Array(ROWS_PER_INSERT).fill(values).join(', ')}`);
    this.one = db.prepare(`INSERT INTO ${table} VALUES ${values}`);
    this.cells = new Array(width * ROWS_PER_INSERT);
  }

  readonly add = (row: unknown[]): void => {
    const { cells, width } = this;
    const at = this.rows * width;
    for (let i = 0; i < width; i++) cells[at + i] = row[i];
    if (++this.rows < ROWS_PER_INSERT) return;
    this.group.run(cells);
    this.rows = 0;
  };

  /** Inserts the rows of an unfinished group. */
  flush(): void {
    for (let r = 0; r < this.rows; r++) this.one.run(this.cells.slice(r * this.width, (r + 1) * this.width));
    this.rows = 0;
  }
}
