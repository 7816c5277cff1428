/**
 * Folds normalised events into a Batch: per-user, per-account and per-session rows (rows.ts)
 * plus the distinct detail ids. A batch is what crosses from the parser thread to the writer
 * and what the writer merges into the store; its size is bounded by the batch's event count,
 * not by the file.
 */
import { FIRST_LAST_SUFFIXES } from '../../../common/keys';
import { SESSION_ATTRIBUTES } from '../../../common/sessions';
import type { SkippedRecord } from '../../../common/types';
import type { NormalEvent } from './normalise';
import { ACCOUNT_LAYOUT, cellOf, newRow, pickCell, seen, SESSION_LAYOUT, USER_LAYOUT, type Row } from './rows';

/** Where each session attribute sits among the event's first/last attributes. */
const SESSION_ATTRS = SESSION_ATTRIBUTES.map((key) => FIRST_LAST_SUFFIXES.indexOf(key));

/** The cells each event value folds into, by the rows' layouts (rows.ts). */
const USER_CELL = {
  email: cellOf(USER_LAYOUT, 'user_email'),
  name: cellOf(USER_LAYOUT, 'user_name'),
  account: cellOf(USER_LAYOUT, 'account_id'),
  /** Per first/last attribute, in FIRST_LAST_SUFFIXES order. */
  first: FIRST_LAST_SUFFIXES.map((s) => cellOf(USER_LAYOUT, `first_${s}`)),
  last: FIRST_LAST_SUFFIXES.map((s) => cellOf(USER_LAYOUT, `last_${s}`)),
};
const SESSION_CELL = SESSION_ATTRIBUTES.map((a) => cellOf(SESSION_LAYOUT, a));
const ACCOUNT_NAME_CELL = cellOf(ACCOUNT_LAYOUT, 'account_name');

export interface Batch {
  records: number;
  imported: number;
  excluded: number;
  skipped: SkippedRecord[];
  /** Compressed bytes of the file read so far. */
  bytes: number;
  /** USER_LAYOUT rows. */
  users: Row[];
  /** ACCOUNT_LAYOUT rows. */
  accounts: Row[];
  /** SESSION_LAYOUT rows. */
  sessions: Row[];
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

/**
 * A batch without the rows a scratch file took (scratch.ts): what the writer still needs of it
 * while the file is read. Accounts are few and are written before the links that name them.
 */
export type BatchReport = Pick<Batch, 'records' | 'imported' | 'excluded' | 'skipped' | 'bytes' | 'accounts'>;

export class BatchBuilder {
  private users = new Map<string, Row>();
  private accounts = new Map<string, Row>();
  private sessions = new Map<string, Row>();
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
    const t = e.time;
    let u = this.users.get(userId);
    if (!u) this.users.set(userId, (u = newRow(USER_LAYOUT, [userId], t)));
    else seen(USER_LAYOUT, u, t);
    pickCell(u, USER_CELL.email, e.email, t, false);
    pickCell(u, USER_CELL.name, e.name, t, false);
    pickCell(u, USER_CELL.account, e.accountId, t, false);
    for (let i = 0; i < e.attrs.length; i++) {
      pickCell(u, USER_CELL.first[i]!, e.attrs[i]!, t, true);
      pickCell(u, USER_CELL.last[i]!, e.attrs[i]!, t, false);
    }
    const sid = e.sessionId;
    if (sid !== null) this.addSession(e, userId, sid);
    if (e.viewId !== null) {
      const key = `${userId}\u0000${e.viewId}`;
      const known = this.views.get(key);
      if (!known) this.views.set(key, [userId, e.viewId, sid, e.viewPath]);
      else if (known[3] === null) known[3] = e.viewPath;
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
    if (!s) this.sessions.set(key, (s = newRow(SESSION_LAYOUT, [userId, sessionId], e.time)));
    else seen(SESSION_LAYOUT, s, e.time);
    for (let i = 0; i < SESSION_ATTRS.length; i++) {
      pickCell(s, SESSION_CELL[i]!, e.attrs[SESSION_ATTRS[i]!]!, e.time, true);
    }
  }

  private addAccount(e: NormalEvent, accountId: string): void {
    let a = this.accounts.get(accountId);
    if (!a) this.accounts.set(accountId, (a = newRow(ACCOUNT_LAYOUT, [accountId], e.time)));
    else seen(ACCOUNT_LAYOUT, a, e.time);
    pickCell(a, ACCOUNT_NAME_CELL, e.accountName, e.time, false);
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
