/**
 * Folds normalised events into a Batch: per-user, per-account and per-session aggregates plus
 * the distinct detail ids. A batch is what crosses from the parser thread to the writer and
 * what the writer merges into the store; its size is bounded by the batch's event count, not
 * by the file.
 *
 * "Latest event that has a non-empty X" keeps the value with its event time; ties at the same
 * time go to the greater value (earliest: the smaller), so the outcome depends only on the set
 * of events, never on their order.
 */
import { FIRST_LAST_SUFFIXES } from '../../../common/keys';
import { SESSION_ATTRIBUTES } from '../../../common/sessions';
import type { SkippedRecord } from '../../../common/types';
import type { NormalEvent } from './normalise';

/** A value with the time of the event it came from. */
export interface Stamped {
  v: string | null;
  at: number | null;
}

export interface UserAgg {
  userId: string;
  firstSeen: number;
  lastSeen: number;
  email: Stamped;
  name: Stamped;
  accountId: Stamped;
  first: Stamped[];
  last: Stamped[];
}

export interface AccountAgg {
  accountId: string;
  firstSeen: number;
  lastSeen: number;
  name: Stamped;
}

const SESSION_ATTRS = SESSION_ATTRIBUTES.map((key) => FIRST_LAST_SUFFIXES.indexOf(key));

export interface SessionAgg {
  userId: string;
  sessionId: string;
  start: number;
  end: number;
  /** Earliest non-empty value of each SESSION_ATTRIBUTES attribute (common/sessions.ts), in that order. */
  attrs: Stamped[];
}

export interface Batch {
  records: number;
  imported: number;
  excluded: number;
  skipped: SkippedRecord[];
  /** Compressed bytes of the file read so far. */
  bytes: number;
  users: UserAgg[];
  accounts: AccountAgg[];
  sessions: SessionAgg[];
  /** [userId, viewId, sessionId, path] */
  views: Array<[string, string, string | null, string | null]>;
  /** [userId, actionId, sessionId, name, type] */
  actions: Array<[string, string, string | null, string | null, string | null]>;
  /** [userId, errorId, sessionId] */
  errors: Array<[string, string, string | null]>;
  /** [accountId, userId] */
  accountUsers: Array<[string, string]>;
  /** [accountId, sessionId] */
  accountSessions: Array<[string, string]>;
}

const empty = (): Stamped => ({ v: null, at: null });

/** Keeps the later (or, for `earliest`, the earlier) of two stamped values. */
export function pick(current: Stamped, v: string | null, at: number, earliest: boolean): void {
  if (v === null) return;
  if (current.v === null || current.at === null) {
    current.v = v;
    current.at = at;
    return;
  }
  const wins = earliest
    ? at < current.at || (at === current.at && v < current.v)
    : at > current.at || (at === current.at && v > current.v);
  if (wins) {
    current.v = v;
    current.at = at;
  }
}

/** Folds `from` into `into`: the same user seen in a later batch of the same file. */
export function mergeUserAgg(into: UserAgg, from: UserAgg): void {
  if (from.firstSeen < into.firstSeen) into.firstSeen = from.firstSeen;
  if (from.lastSeen > into.lastSeen) into.lastSeen = from.lastSeen;
  const latest = (a: Stamped, b: Stamped): void => {
    if (b.at !== null) pick(a, b.v, b.at, false);
  };
  latest(into.email, from.email);
  latest(into.name, from.name);
  latest(into.accountId, from.accountId);
  from.first.forEach((b, i) => b.at !== null && pick(into.first[i]!, b.v, b.at, true));
  from.last.forEach((b, i) => latest(into.last[i]!, b));
}

export class BatchBuilder {
  private users = new Map<string, UserAgg>();
  private accounts = new Map<string, AccountAgg>();
  private sessions = new Map<string, SessionAgg>();
  private views = new Map<string, Batch['views'][number]>();
  private actions = new Map<string, Batch['actions'][number]>();
  private errors = new Map<string, Batch['errors'][number]>();
  private accountUsers = new Map<string, [string, string]>();
  private accountSessions = new Map<string, [string, string]>();
  records = 0;
  imported = 0;
  excluded = 0;
  skipped: SkippedRecord[] = [];

  get size(): number {
    return this.records;
  }

  add(e: NormalEvent): void {
    this.imported++;
    if (e.accountId !== null) this.addAccount(e, e.accountId);
    if (e.userId !== null) this.addUser(e, e.userId);
  }

  private addUser(e: NormalEvent, userId: string): void {
    let u = this.users.get(userId);
    if (!u) {
      u = {
        userId,
        firstSeen: e.time,
        lastSeen: e.time,
        email: empty(),
        name: empty(),
        accountId: empty(),
        first: e.attrs.map(empty),
        last: e.attrs.map(empty),
      };
      this.users.set(userId, u);
    }
    if (e.time < u.firstSeen) u.firstSeen = e.time;
    if (e.time > u.lastSeen) u.lastSeen = e.time;
    pick(u.email, e.email, e.time, false);
    pick(u.name, e.name, e.time, false);
    pick(u.accountId, e.accountId, e.time, false);
    for (let i = 0; i < e.attrs.length; i++) {
      pick(u.first[i]!, e.attrs[i]!, e.time, true);
      pick(u.last[i]!, e.attrs[i]!, e.time, false);
    }
    const sid = e.sessionId;
    if (sid !== null) this.addSession(e, userId, sid);
    if (e.viewId !== null) {
      const key = `${userId}\u0000${e.viewId}`;
      const seen = this.views.get(key);
      if (!seen) this.views.set(key, [userId, e.viewId, sid, e.viewPath]);
      else if (seen[3] === null) seen[3] = e.viewPath;
    }
    if (e.actionId !== null) {
      const key = `${userId}\u0000${e.actionId}`;
      if (!this.actions.has(key)) {
        this.actions.set(key, [userId, e.actionId, sid, e.actionName, e.actionType]);
      }
    }
    if (e.errorId !== null) {
      const key = `${userId}\u0000${e.errorId}`;
      if (!this.errors.has(key)) this.errors.set(key, [userId, e.errorId, sid]);
    }
  }

  private addSession(e: NormalEvent, userId: string, sessionId: string): void {
    const key = `${userId}\u0000${sessionId}`;
    let s = this.sessions.get(key);
    if (!s) {
      s = { userId, sessionId, start: e.time, end: e.time, attrs: SESSION_ATTRS.map(empty) };
      this.sessions.set(key, s);
    }
    if (e.time < s.start) s.start = e.time;
    if (e.time > s.end) s.end = e.time;
    for (let i = 0; i < SESSION_ATTRS.length; i++) {
      pick(s.attrs[i]!, e.attrs[SESSION_ATTRS[i]!]!, e.time, true);
    }
  }

  private addAccount(e: NormalEvent, accountId: string): void {
    let a = this.accounts.get(accountId);
    if (!a) {
      a = { accountId, firstSeen: e.time, lastSeen: e.time, name: empty() };
      this.accounts.set(accountId, a);
    }
    if (e.time < a.firstSeen) a.firstSeen = e.time;
    if (e.time > a.lastSeen) a.lastSeen = e.time;
    pick(a.name, e.accountName, e.time, false);
    if (e.userId !== null) this.accountUsers.set(`${accountId}\u0000${e.userId}`, [accountId, e.userId]);
    if (e.sessionId !== null) {
      this.accountSessions.set(`${accountId}\u0000${e.sessionId}`, [accountId, e.sessionId]);
    }
  }

  build(bytes: number): Batch {
    return {
      records: this.records,
      imported: this.imported,
      excluded: this.excluded,
      skipped: this.skipped,
      bytes,
      users: [...this.users.values()],
      accounts: [...this.accounts.values()],
      sessions: [...this.sessions.values()],
      views: [...this.views.values()],
      actions: [...this.actions.values()],
      errors: [...this.errors.values()],
      accountUsers: [...this.accountUsers.values()],
      accountSessions: [...this.accountSessions.values()],
    };
  }
}
