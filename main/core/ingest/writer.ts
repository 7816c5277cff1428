/**
 * Merges batches into the store. Runs inside the caller's transaction (one per file).
 *
 * Distinct counts (sessions, views, actions, errors, an account's users and sessions) are kept
 * exact without recounting: detail rows are keyed by their ids, so an `INSERT OR IGNORE` that
 * changes a row is a new distinct id, and only then does a counter move.
 */
import { FIRST_LAST_SUFFIXES } from '../../../common/keys';
import type { Db } from '../store/open';
import { mergeUserAgg, SESSION_ATTRIBUTES, type Batch, type Stamped, type UserAgg } from './batch';
import { insertIgnore, mergeUpdate, stampedColumns, type Edge } from './merge-sql';

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
const NO_COUNTS = [0, 0, 0, 0];
/** Users folded in memory before they are written: bounds memory on files with many users. */
const PENDING_USERS = 100_000;

const SESSION_STAMPED = SESSION_ATTRIBUTES.map((a): [string, Edge] => [a, 'earliest']);

const columnsOf = (stamped: Array<[string, Edge]>): string[] =>
  stamped.flatMap(([col]) => stampedColumns(col));

type Params = Record<string, string | number | null>;

const put = (params: Params, col: string, s: Stamped): void => {
  params[col] = s.v;
  params[`${col}_at`] = s.at;
};

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
  readonly newUsers = new Set<number>();
  readonly touchedUsers = new Set<number>();
  readonly newAccounts = new Set<number>();
  readonly touchedAccounts = new Set<number>();

  get updatedUsers(): number {
    return [...this.touchedUsers].filter((id) => !this.newUsers.has(id)).length;
  }

  get updatedAccounts(): number {
    return [...this.touchedAccounts].filter((id) => !this.newAccounts.has(id)).length;
  }
}

export class StoreWriter {
  private readonly s;
  /** Users of the file so far whose changes are not written yet, with their count deltas. */
  private readonly pending = new Map<number, { agg: UserAgg; counts: number[] }>();
  private readonly uidOf = new Map<string, number>();

  constructor(private readonly db: Db) {
    const userCols = ['user_id', 'first_seen', 'last_seen', ...columnsOf(USER_STAMPED), ...USER_COUNTERS];
    const sessionCols = ['uid', 'session_id', 'start', 'end', ...columnsOf(SESSION_STAMPED)];
    this.s = {
      insertUser: db.prepare(insertIgnore('users', userCols)),
      mergeUser: db.prepare(
        mergeUpdate({ table: 'users', where: 'user_id = @user_id', min: 'first_seen', max: 'last_seen', stamped: USER_STAMPED, counters: USER_COUNTERS }),
      ),
      userId: db.prepare('SELECT id FROM users WHERE user_id = ?').pluck(),
      insertAccount: db.prepare(
        insertIgnore('accounts', ['account_id', 'first_seen', 'last_seen', 'account_name', 'account_name_at']),
      ),
      mergeAccount: db.prepare(
        mergeUpdate({ table: 'accounts', where: 'account_id = @account_id', min: 'first_seen', max: 'last_seen', stamped: [['account_name', 'latest']] }),
      ),
      accountId: db.prepare('SELECT id FROM accounts WHERE account_id = ?').pluck(),
      insertSession: db.prepare(insertIgnore('user_sessions', sessionCols)),
      mergeSession: db.prepare(
        mergeUpdate({ table: 'user_sessions', where: 'uid = @uid AND session_id = @session_id', min: 'start', max: 'end', stamped: SESSION_STAMPED }),
      ),
      insertView: db.prepare('INSERT OR IGNORE INTO user_views (uid, view_id, session_id, path) VALUES (?, ?, ?, ?)'),
      insertAction: db.prepare('INSERT OR IGNORE INTO user_actions (uid, action_id, session_id, name, type) VALUES (?, ?, ?, ?, ?)'),
      insertError: db.prepare('INSERT OR IGNORE INTO user_errors (uid, error_id, session_id) VALUES (?, ?, ?)'),
      insertAccountUser: db.prepare('INSERT OR IGNORE INTO account_users (aid, user_id) VALUES (?, ?)'),
      insertAccountSession: db.prepare('INSERT OR IGNORE INTO account_sessions (aid, session_id) VALUES (?, ?)'),
      addSessionCounts: db.prepare(
        'UPDATE user_sessions SET view_count = view_count + ?, action_count = action_count + ?, error_count = error_count + ? WHERE uid = ? AND session_id = ?',
      ),
      addAccountCounts: db.prepare(
        'UPDATE accounts SET user_count = user_count + ?, session_count = session_count + ? WHERE id = ?',
      ),
    };
  }

  apply(batch: Batch, effect: MergeEffect): void {
    const uids = this.resolveUsers(batch, effect);
    const aids = this.mergeAccounts(batch, effect);
    this.mergeDetails(batch, uids);
    this.mergeAccountLinks(batch, aids, effect);
    if (this.pending.size >= PENDING_USERS) this.flush(effect);
  }

  /**
   * New users are inserted at once (their details need the row id); changes to known users
   * are folded in memory and written once per file (or per PENDING_USERS), because every
   * write of a user row updates its two dozen sort indexes.
   */
  private resolveUsers(batch: Batch, effect: MergeEffect): Map<string, number> {
    for (const u of batch.users) {
      let uid = this.uidOf.get(u.userId);
      if (uid === undefined) {
        uid = this.s.userId.get(u.userId) as number | undefined;
        if (uid === undefined) {
          uid = Number(this.s.insertUser.run(userParams(u, NO_COUNTS)).lastInsertRowid);
          effect.newUsers.add(uid);
          effect.touchedUsers.add(uid);
        }
        this.uidOf.set(u.userId, uid);
      }
      const pending = this.pending.get(uid);
      if (pending) mergeUserAgg(pending.agg, u);
      else this.pending.set(uid, { agg: u, counts: [0, 0, 0, 0] });
    }
    return this.uidOf;
  }

  /** Writes the folded user changes. Called when many are pending and before commit. */
  flush(effect: MergeEffect): void {
    for (const [uid, { agg, counts }] of this.pending) {
      if (this.s.mergeUser.run(userParams(agg, counts)).changes === 1) effect.touchedUsers.add(uid);
    }
    this.pending.clear();
    this.uidOf.clear();
  }

  private mergeAccounts(batch: Batch, effect: MergeEffect): Map<string, number> {
    const aids = new Map<string, number>();
    for (const a of batch.accounts) {
      const p: Params = { account_id: a.accountId, first_seen: a.firstSeen, last_seen: a.lastSeen };
      put(p, 'account_name', a.name);
      const inserted = this.s.insertAccount.run(p);
      let id: number;
      if (inserted.changes === 1) {
        id = Number(inserted.lastInsertRowid);
        effect.newAccounts.add(id);
        effect.touchedAccounts.add(id);
      } else {
        const merged = this.s.mergeAccount.run(p).changes === 1;
        id = this.s.accountId.get(a.accountId) as number;
        if (merged) effect.touchedAccounts.add(id);
      }
      aids.set(a.accountId, id);
    }
    return aids;
  }

  private mergeDetails(batch: Batch, uids: Map<string, number>): void {
    // Per session: [views, actions, errors]; per user [sessions, views, actions, errors] in pending.
    const sessionDelta = new Map<string, { uid: number; sid: string; d: number[] }>();
    const bump = (uid: number, sid: string | null, at: number): void => {
      this.pending.get(uid)!.counts[at]!++;
      if (sid === null || at === 0) return;
      const key = `${uid}\u0000${sid}`;
      let s = sessionDelta.get(key);
      if (!s) sessionDelta.set(key, (s = { uid, sid, d: [0, 0, 0] }));
      s.d[at - 1]!++;
    };

    for (const s of batch.sessions) {
      const uid = uids.get(s.userId)!;
      const p: Params = { uid, session_id: s.sessionId, start: s.start, end: s.end };
      SESSION_ATTRIBUTES.forEach((a, i) => put(p, a, s.attrs[i]!));
      if (this.s.insertSession.run(p).changes === 1) bump(uid, null, 0);
      else this.s.mergeSession.run(p);
    }
    for (const [userId, viewId, sid, path] of batch.views) {
      const uid = uids.get(userId)!;
      if (this.s.insertView.run(uid, viewId, sid, path).changes === 1) bump(uid, sid, 1);
    }
    for (const [userId, actionId, sid, name, type] of batch.actions) {
      const uid = uids.get(userId)!;
      if (this.s.insertAction.run(uid, actionId, sid, name, type).changes === 1) bump(uid, sid, 2);
    }
    for (const [userId, errorId, sid] of batch.errors) {
      const uid = uids.get(userId)!;
      if (this.s.insertError.run(uid, errorId, sid).changes === 1) bump(uid, sid, 3);
    }
    for (const { uid, sid, d } of sessionDelta.values()) {
      this.s.addSessionCounts.run(d[0], d[1], d[2], uid, sid);
    }
  }

  private mergeAccountLinks(batch: Batch, aids: Map<string, number>, effect: MergeEffect): void {
    const delta = new Map<number, [number, number]>();
    const bump = (aid: number, at: 0 | 1): void => {
      let d = delta.get(aid);
      if (!d) delta.set(aid, (d = [0, 0]));
      d[at]++;
    };
    for (const [accountId, userId] of batch.accountUsers) {
      const aid = aids.get(accountId)!;
      if (this.s.insertAccountUser.run(aid, userId).changes === 1) bump(aid, 0);
    }
    for (const [accountId, sessionId] of batch.accountSessions) {
      const aid = aids.get(accountId)!;
      if (this.s.insertAccountSession.run(aid, sessionId).changes === 1) bump(aid, 1);
    }
    for (const [aid, [usersAdded, sessionsAdded]] of delta) {
      this.s.addAccountCounts.run(usersAdded, sessionsAdded, aid);
      effect.touchedAccounts.add(aid);
    }
  }
}
