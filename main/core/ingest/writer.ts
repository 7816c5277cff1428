/**
 * Merges batches into the store. Runs inside the caller's transaction (one per file).
 *
 * Distinct counts (sessions, views, actions, errors, an account's users and sessions) are kept
 * exact without recounting: detail rows are keyed by their ids, and only a row the store did
 * not have moves a counter. Detail rows are staged and merged once per file in key order
 * (stage.ts); the counts they add are summed as they are stored (tally.ts) and added to
 * sessions and users once those are merged, in key order.
 *
 * A user's changes are folded in memory across batches (up to PENDING_USERS users, which
 * bounds memory), then staged like the details: at a million users, writing them in place
 * visited random pages of a table ten times the page cache, two and a half times per user.
 */
import { availableParallelism } from 'node:os';
import type { Db } from '../store/open';
import { AccountWriter } from './account-writer';
import type { Batch } from './batch';
import { PENDING_USERS, PendingRows } from './pending-rows';
import { SESSION_LAYOUT, USER_LAYOUT, type Row } from './rows';
import { Stage } from './stage';
import { ACTIONS, ERRORS, SESSIONS, USERS, VIEWS } from './stage-tables';
import { Tally } from './tally';

/** What a file's batches did to the profiles, for the import summary. */
export class MergeEffect {
  newUsers = 0;
  /** Users stored before the file that it changed. */
  updatedUsers = 0;
  readonly newAccounts = new Set<number>();
  readonly touchedAccounts = new Set<number>();

  get updatedAccounts(): number {
    return [...this.touchedAccounts].filter((id) => !this.newAccounts.has(id)).length;
  }
}

export class StoreWriter {
  private readonly db: Db;
  private readonly accounts: AccountWriter;
  private readonly stages: Record<'users' | 'sessions' | 'views' | 'actions' | 'errors', Stage>;
  /** What the file's new details and sessions add to the sessions' and users' counts. */
  private readonly tallies: { sessions: Tally; users: Tally };
  private readonly s;
  /** Users of the file whose changes are not written yet. */
  private readonly pending: PendingRows;
  /** Whether the file's first write noted what the store held before it (`begin`). */
  private begun = false;

  /** `pendingUsers`: how many users are folded in memory before they are written (tests lower it). */
  constructor(
    db: Db,
    pendingUsers = PENDING_USERS,
  ) {
    this.db = db;
    this.pending = new PendingRows(USER_LAYOUT, pendingUsers);
    this.accounts = new AccountWriter(db);
    this.stages = {
      users: new Stage(db, USERS, { layout: USER_LAYOUT }),
      sessions: new Stage(db, SESSIONS, { layout: SESSION_LAYOUT }),
      views: new Stage(db, VIEWS),
      actions: new Stage(db, ACTIONS),
      errors: new Stage(db, ERRORS),
    };
    this.tallies = {
      sessions: new Tally(db, SESSIONS.table, SESSIONS.keys, ['view_count', 'action_count', 'error_count']),
      users: new Tally(db, USERS.table, USERS.keys, ['session_count', 'view_count', 'action_count', 'error_count']),
    };
    // Which stored users the file changed, whichever statement changed them: the merge of their
    // rows or their counts. The trigger lives with the connection; the table is emptied per file.
    // Not INSERT OR IGNORE: inside an upsert, the outer statement's conflict policy wins.
    // Users the file added (id above `last_id`) are new, not changed: the trigger skips them.
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS changed_users (id INTEGER PRIMARY KEY);
      CREATE TEMP TABLE IF NOT EXISTS users_before (last_id INTEGER);
      CREATE TEMP TRIGGER IF NOT EXISTS users_changed AFTER UPDATE ON main.users
        WHEN old.id <= (SELECT last_id FROM temp.users_before) BEGIN
        INSERT INTO temp.changed_users (id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM temp.changed_users WHERE id = old.id);
      END`);
    // The file's end sorts (staged rows, index rebuilds) while the parsers are done: SQLite's
    // sorter may use the other cores. The TEMP tables are read and written in order: a small
    // cache does.
    db.pragma(`threads = ${availableParallelism()}`);
    db.pragma('temp.cache_size = -8192');
    this.s = {
      noteLastId: db.prepare('INSERT INTO temp.users_before (last_id) SELECT coalesce(max(id), 0) FROM main.users'),
      // Users the file added got row ids above the greatest one before it.
      newUsers: db.prepare('SELECT count(*) FROM main.users WHERE id > (SELECT last_id FROM temp.users_before)').pluck(),
      changedUsers: db.prepare('SELECT count(*) FROM temp.changed_users').pluck(),
    };
  }

  apply(batch: Batch, effect: MergeEffect): void {
    this.begin();
    this.pending.add(batch.users);
    for (const row of batch.sessions) this.stages.sessions.stage(row);
    for (const row of batch.views) this.stages.views.stage(row);
    for (const row of batch.actions) this.stages.actions.stage(row);
    for (const row of batch.errors) this.stages.errors.stage(row);
    this.accounts.apply(batch, effect);
    if (this.pending.full) this.stageUsers();
  }

  /**
   * Merges, with what is staged here, the rows an import's thread staged in a scratch file,
   * attached as `schema` until `flush` (scratch.ts). The accounts the file brought must be
   * written first (`writeAccount`): the account links name them by id.
   */
  addScratch(schema: string): void {
    this.begin();
    for (const stage of Object.values(this.stages)) stage.addScratch(schema);
    this.accounts.addScratch(schema);
  }

  /** Writes an account of a file whose rows were staged in scratch files, folded over its batches. */
  writeAccount(row: Row, effect: MergeEffect): void {
    this.begin();
    this.accounts.write([row], effect);
  }

  /** Writes everything the batches brought. Called once, before commit. */
  flush(effect: MergeEffect): void {
    this.begin();
    this.stageUsers();
    const { users, sessions, views, actions, errors } = this.stages;
    const tally = this.tallies;
    // Details first: what is new among them is what sessions and then users count.
    for (const [stage, counter] of [[views, 'view_count'], [actions, 'action_count'], [errors, 'error_count']] as const) {
      stage.merge([
        tally.sessions.bump(counter, ['new.user_id', 'new.session_id'], 'new.session_id IS NOT NULL'),
        tally.users.bump(counter, ['new.user_id']),
      ]);
    }
    sessions.merge([tally.users.bump('session_count', ['new.user_id'])]);
    tally.sessions.addTo([SESSION_LAYOUT.min, SESSION_LAYOUT.max]);
    users.merge();
    tally.users.addTo([USER_LAYOUT.min, USER_LAYOUT.max]);
    effect.newUsers += this.s.newUsers.get() as number;
    effect.updatedUsers += this.s.changedUsers.get() as number;
    this.accounts.flush(effect);
    for (const stage of Object.values(this.stages)) stage.clear();
    for (const t of Object.values(this.tallies)) t.clear();
    this.db.exec('DELETE FROM temp.changed_users; DELETE FROM temp.users_before');
  }

  /**
   * Inside the file's transaction: notes the greatest user row id before the file. The TEMP
   * tables are empty here: `flush` empties them before commit, a rollback with everything else.
   */
  private begin(): void {
    if (this.begun) return;
    this.begun = true;
    this.s.noteLastId.run();
  }

  private stageUsers(): void {
    this.pending.drain((row) => this.stages.users.stage(row));
  }
}
