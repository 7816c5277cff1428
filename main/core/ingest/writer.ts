/**
 * Merges batches into the store. Runs inside the caller's transaction (one per file).
 *
 * Distinct counts (sessions, views, actions, errors, an account's users and sessions) are kept
 * exact without recounting: detail rows are keyed by their ids, so an `INSERT OR IGNORE` that
 * changes a row is a new distinct id, and only then does a counter move.
 *
 * User rows are the expensive writes (each updates two dozen sort indexes and the search
 * index), so a user's changes are folded in memory across batches and written once per file
 * (or once per PENDING_USERS users, which bounds memory).
 */
import type { Db } from '../store/open';
import { AccountWriter } from './account-writer';
import type { Batch } from './batch';
import { RowWriter } from './merge-sql';
import { mergeRows, SESSION_LAYOUT, USER_LAYOUT, type Row } from './rows';

/** Counters in the order of the per-user deltas: [sessions, views, actions, errors]. */
const USER_COUNTERS = ['session_count', 'view_count', 'action_count', 'error_count'];
const PENDING_USERS = 25_000;

/** What a file's batches did to the profiles, for the import summary. */
export class MergeEffect {
  newUsers = 0;
  updatedUsers = 0;
  readonly newAccounts = new Set<number>();
  readonly touchedAccounts = new Set<number>();

  get updatedAccounts(): number {
    return [...this.touchedAccounts].filter((id) => !this.newAccounts.has(id)).length;
  }
}

export class StoreWriter {
  private readonly s;
  private readonly users: RowWriter;
  private readonly sessions: RowWriter;
  private readonly accounts: AccountWriter;
  /** Users of the file whose changes are not written yet, with their count deltas. */
  private readonly pending = new Map<string, { row: Row; counts: number[] }>();

  constructor(db: Db) {
    this.users = new RowWriter(db, 'users', USER_LAYOUT, 'user_id = @user_id', USER_COUNTERS);
    this.sessions = new RowWriter(db, 'user_sessions', SESSION_LAYOUT, 'user_id = @user_id AND session_id = @session_id');
    this.accounts = new AccountWriter(db);
    this.s = {
      insertView: db.prepare('INSERT OR IGNORE INTO user_views (user_id, view_id, session_id, path) VALUES (?, ?, ?, ?)'),
      insertAction: db.prepare('INSERT OR IGNORE INTO user_actions (user_id, action_id, session_id, name, type) VALUES (?, ?, ?, ?, ?)'),
      insertError: db.prepare('INSERT OR IGNORE INTO user_errors (user_id, error_id, session_id) VALUES (?, ?, ?)'),
      addSessionCounts: db.prepare(
        'UPDATE user_sessions SET view_count = view_count + ?, action_count = action_count + ?, error_count = error_count + ? WHERE user_id = ? AND session_id = ?',
      ),
    };
  }

  apply(batch: Batch, effect: MergeEffect): void {
    for (const row of batch.users) {
      const pending = this.pending.get(row[0] as string);
      if (pending) mergeRows(USER_LAYOUT, pending.row, row);
      else this.pending.set(row[0] as string, { row, counts: [0, 0, 0, 0] });
    }
    this.mergeDetails(batch);
    this.accounts.apply(batch, effect);
    if (this.pending.size >= PENDING_USERS) this.flush(effect);
  }

  /** Writes the folded user rows. Called when many are pending and before commit. */
  flush(effect: MergeEffect): void {
    for (const { row, counts } of this.pending.values()) {
      const outcome = this.users.write([...row, ...counts]);
      if (outcome === 'new') effect.newUsers++;
      else if (outcome === 'updated') effect.updatedUsers++;
    }
    this.pending.clear();
    this.accounts.flush(effect);
  }

  private mergeDetails(batch: Batch): void {
    // Per session: [views, actions, errors]; per user, [sessions, views, actions, errors] in `pending`.
    const sessionDelta = new Map<string, { userId: string; sid: string; d: number[] }>();
    const bump = (userId: string, sid: string | null, at: number): void => {
      this.pending.get(userId)!.counts[at]!++;
      if (sid === null || at === 0) return;
      const key = `${userId}\u0000${sid}`;
      let s = sessionDelta.get(key);
      if (!s) sessionDelta.set(key, (s = { userId, sid, d: [0, 0, 0] }));
      s.d[at - 1]!++;
    };

    for (const row of batch.sessions) {
      if (this.sessions.write(row) === 'new') bump(row[0] as string, null, 0);
    }
    for (const [userId, viewId, sid, path] of batch.views) {
      if (this.s.insertView.run(userId, viewId, sid, path).changes === 1) bump(userId, sid, 1);
    }
    for (const [userId, actionId, sid, name, type] of batch.actions) {
      if (this.s.insertAction.run(userId, actionId, sid, name, type).changes === 1) bump(userId, sid, 2);
    }
    for (const [userId, errorId, sid] of batch.errors) {
      if (this.s.insertError.run(userId, errorId, sid).changes === 1) bump(userId, sid, 3);
    }
    for (const { userId, sid, d } of sessionDelta.values()) {
      this.s.addSessionCounts.run(d[0], d[1], d[2], userId, sid);
    }
  }
}
