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
import { FIRST_LAST_SUFFIXES } from '../../../common/keys';
import type { Db } from '../store/open';
import { AccountWriter } from './account-writer';
import { SESSION_ATTRIBUTES } from '../../../common/sessions';
import { mergeUserAgg, type Batch, type UserAgg } from './batch';
import { insertIgnore, mergeUpdate, put, stampedColumns, type Edge, type Params } from './merge-sql';

const USER_STAMPED: Array<[string, Edge]> = [
  ['user_email', 'latest'],
  ['user_name', 'latest'],
  ['account_id', 'latest'],
  ...FIRST_LAST_SUFFIXES.flatMap((s): Array<[string, Edge]> => [
    [`first_${s}`, 'earliest'],
    [`last_${s}`, 'latest'],
  ]),
];
/** Counters in the order of the per-user deltas: [sessions, views, actions, errors]. */
const USER_COUNTERS = ['session_count', 'view_count', 'action_count', 'error_count'];
const SESSION_STAMPED = SESSION_ATTRIBUTES.map((a): [string, Edge] => [a, 'earliest']);
const PENDING_USERS = 25_000;

const columnsOf = (stamped: Array<[string, Edge]>): string[] => stamped.flatMap(([col]) => stampedColumns(col));

function userParams(u: UserAgg, counts: number[]): Params {
  const p: Params = { user_id: u.userId, first_seen: u.firstSeen, last_seen: u.lastSeen };
  put(p, 'user_email', u.email);
  put(p, 'user_name', u.name);
  put(p, 'account_id', u.accountId);
  FIRST_LAST_SUFFIXES.forEach((suffix, i) => {
    put(p, `first_${suffix}`, u.first[i]!);
    put(p, `last_${suffix}`, u.last[i]!);
  });
  USER_COUNTERS.forEach((c, i) => (p[c] = counts[i]!));
  return p;
}

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
  private readonly accounts: AccountWriter;
  /** Users of the file whose changes are not written yet, with their count deltas. */
  private readonly pending = new Map<string, { agg: UserAgg; counts: number[] }>();

  constructor(db: Db) {
    const sessionCols = ['user_id', 'session_id', 'start', 'end', ...columnsOf(SESSION_STAMPED)];
    this.accounts = new AccountWriter(db);
    this.s = {
      insertUser: db.prepare(insertIgnore('users', ['user_id', 'first_seen', 'last_seen', ...columnsOf(USER_STAMPED), ...USER_COUNTERS])),
      mergeUser: db.prepare(
        mergeUpdate({ table: 'users', where: 'user_id = @user_id', min: 'first_seen', max: 'last_seen', stamped: USER_STAMPED, counters: USER_COUNTERS }),
      ),
      insertSession: db.prepare(insertIgnore('user_sessions', sessionCols)),
      mergeSession: db.prepare(
        mergeUpdate({ table: 'user_sessions', where: 'user_id = @user_id AND session_id = @session_id', min: 'start', max: 'end', stamped: SESSION_STAMPED }),
      ),
      insertView: db.prepare('INSERT OR IGNORE INTO user_views (user_id, view_id, session_id, path) VALUES (?, ?, ?, ?)'),
      insertAction: db.prepare('INSERT OR IGNORE INTO user_actions (user_id, action_id, session_id, name, type) VALUES (?, ?, ?, ?, ?)'),
      insertError: db.prepare('INSERT OR IGNORE INTO user_errors (user_id, error_id, session_id) VALUES (?, ?, ?)'),
      addSessionCounts: db.prepare(
        'UPDATE user_sessions SET view_count = view_count + ?, action_count = action_count + ?, error_count = error_count + ? WHERE user_id = ? AND session_id = ?',
      ),
    };
  }

  apply(batch: Batch, effect: MergeEffect): void {
    for (const u of batch.users) {
      const pending = this.pending.get(u.userId);
      if (pending) mergeUserAgg(pending.agg, u);
      else this.pending.set(u.userId, { agg: u, counts: [0, 0, 0, 0] });
    }
    this.mergeDetails(batch);
    this.accounts.apply(batch, effect);
    if (this.pending.size >= PENDING_USERS) this.flush(effect);
  }

  /** Writes the folded user rows. Called when many are pending and before commit. */
  flush(effect: MergeEffect): void {
    for (const { agg, counts } of this.pending.values()) {
      const p = userParams(agg, counts);
      if (this.s.insertUser.run(p).changes === 1) effect.newUsers++;
      else if (this.s.mergeUser.run(p).changes === 1) effect.updatedUsers++;
    }
    this.pending.clear();
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

    for (const s of batch.sessions) {
      const p: Params = { user_id: s.userId, session_id: s.sessionId, start: s.start, end: s.end };
      SESSION_ATTRIBUTES.forEach((a, i) => put(p, a, s.attrs[i]!));
      if (this.s.insertSession.run(p).changes === 1) bump(s.userId, null, 0);
      else this.s.mergeSession.run(p);
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
