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
import type { Batch } from './batch';
import { PendingRows } from './pending-rows';
import { USER_LAYOUT } from './rows';
import { ACTIONS, ERRORS, SCRATCH_ACCOUNT_SESSIONS, SCRATCH_ACCOUNT_USERS, SESSIONS, USERS, VIEWS } from './stage-tables';

const TABLES = { USERS, SESSIONS, VIEWS, ACTIONS, ERRORS, SCRATCH_ACCOUNT_USERS, SCRATCH_ACCOUNT_SESSIONS };
type Insert = (row: unknown[]) => void;

export class ScratchStage {
  private readonly db: Database.Database;
  private readonly insert: Record<keyof typeof TABLES, Insert>;
  private readonly users: PendingRows;

  constructor(path: string, options: { nativeBinding?: string; pendingUsers?: number } = {}) {
    this.db = new Database(path, { nativeBinding: options.nativeBinding });
    // Not OFF: better-sqlite3's defensive mode refuses it. MEMORY writes no journal file either.
    this.db.pragma('journal_mode = MEMORY');
    this.db.pragma('synchronous = OFF');
    const insert = (t: { table: string; columns: string[] }): Insert => {
      this.db.exec(`CREATE TABLE ${t.table} (${t.columns.join(', ')})`);
      const s = this.db.prepare(`INSERT INTO ${t.table} VALUES (${t.columns.map(() => '?').join(', ')})`);
      return (row) => s.run(row);
    };
    this.insert = Object.fromEntries(Object.entries(TABLES).map(([name, t]) => [name, insert(t)])) as ScratchStage['insert'];
    this.users = new PendingRows(USER_LAYOUT, options.pendingUsers);
    this.db.exec('BEGIN');
  }

  /** Stages a batch's rows (its users once enough are folded); its counts and accounts are the caller's. */
  add(batch: Batch): void {
    this.users.add(batch.users);
    if (this.users.full) this.users.drain(this.insert.USERS);
    const { insert } = this;
    for (const row of batch.sessions) insert.SESSIONS(row);
    for (const row of batch.views) insert.VIEWS(row);
    for (const row of batch.actions) insert.ACTIONS(row);
    for (const row of batch.errors) insert.ERRORS(row);
    for (const row of batch.accountUsers) insert.SCRATCH_ACCOUNT_USERS(row);
    for (const row of batch.accountSessions) insert.SCRATCH_ACCOUNT_SESSIONS(row);
  }

  /** Stages the users still folded and closes the file, ready to be attached. */
  finish(): void {
    this.users.drain(this.insert.USERS);
    this.db.exec('COMMIT');
    this.db.close();
  }

  /** Closes the file unfinished (a failed or cancelled parse); the writer deletes it. */
  abandon(): void {
    if (this.db.open) this.db.close();
  }
}
