/**
 * Merges a file's accounts and their distinct users and sessions. An account is written when
 * the file first shows it (which gives its id); what later batches add is folded in memory
 * and written once before commit: every batch carries most accounts again, and per-batch
 * writes cost more than the rest of the accounts. Its users and sessions are staged and
 * merged once (stage.ts), and the new ones counted as they are stored (tally.ts).
 */
import type { Db } from '../store/open';
import type { Batch } from './batch';
import { RowWriter } from './merge-sql';
import { ACCOUNT_LAYOUT, mergeRows, type Row } from './rows';
import { Stage } from './stage';
import { ACCOUNT_SESSIONS, ACCOUNT_USERS, SCRATCH_ACCOUNT_SESSIONS, SCRATCH_ACCOUNT_USERS } from './stage-tables';
import { Tally } from './tally';
import type { MergeEffect } from './writer';

export class AccountWriter {
  private readonly s;
  private readonly users: Stage;
  private readonly sessions: Stage;
  /** The users and sessions the file links to accounts that they were not linked to. */
  private readonly added: Tally;
  private readonly rows: RowWriter;
  /** Account id → row id, for every account this writer has written. */
  private readonly aids = new Map<string, number>();
  /** What later batches added to accounts already written, not written yet. */
  private readonly later = new Map<string, Row>();

  constructor(db: Db) {
    this.rows = new RowWriter(db, 'accounts', ACCOUNT_LAYOUT, 'account_id = @account_id');
    this.users = new Stage(db, ACCOUNT_USERS);
    this.sessions = new Stage(db, ACCOUNT_SESSIONS);
    this.added = new Tally(db, 'accounts', ['id'], ['user_count', 'session_count']);
    this.s = {
      id: db.prepare('SELECT id FROM accounts WHERE account_id = ?').pluck(),
      added: db.prepare(`SELECT id FROM ${this.added.sums}`).pluck(),
    };
  }

  apply(batch: Batch, effect: MergeEffect): void {
    this.write(batch.accounts, effect);
    for (const [accountId, userId] of batch.accountUsers) this.users.stage([this.aids.get(accountId)!, userId]);
    for (const [accountId, sessionId] of batch.accountSessions) {
      this.sessions.stage([this.aids.get(accountId)!, sessionId]);
    }
  }

  /** Writes accounts the file shows for the first time; folds what it adds to those written before. */
  write(rows: Row[], effect: MergeEffect): void {
    for (const row of rows) {
      const accountId = row[0] as string;
      if (this.aids.has(accountId)) {
        const folded = this.later.get(accountId);
        if (folded) mergeRows(ACCOUNT_LAYOUT, folded, row);
        else this.later.set(accountId, row);
        continue;
      }
      const outcome = this.rows.write(row);
      const id = outcome === 'new' ? this.rows.lastRowid : (this.s.id.get(accountId) as number);
      if (outcome === 'new') effect.newAccounts.add(id);
      if (outcome !== 'same') effect.touchedAccounts.add(id);
      this.aids.set(accountId, id);
    }
  }

  /** Merges the account links of a scratch file attached as `schema` too; their accounts are written. */
  addScratch(schema: string): void {
    for (const [stage, t] of [[this.users, SCRATCH_ACCOUNT_USERS], [this.sessions, SCRATCH_ACCOUNT_SESSIONS]] as const) {
      const [accountId, other] = t.columns;
      const byRowId = `SELECT l.rowid AS ord, a.id AS aid, l.${other} FROM ${schema}.${t.table} l JOIN main.accounts a ON a.account_id = l.${accountId}`;
      stage.addScratch(schema, byRowId);
    }
  }

  /** Writes what later batches added, the new users and sessions and their counts. Called before commit. */
  flush(effect: MergeEffect): void {
    for (const [accountId, row] of this.later) {
      if (this.rows.write(row) !== 'same') effect.touchedAccounts.add(this.aids.get(accountId)!);
    }
    this.later.clear();
    this.users.merge([this.added.bump('user_count', ['new.aid'])]);
    this.sessions.merge([this.added.bump('session_count', ['new.aid'])]);
    this.added.addTo(['account_id', ACCOUNT_LAYOUT.min, ACCOUNT_LAYOUT.max]);
    for (const id of this.s.added.all() as number[]) effect.touchedAccounts.add(id);
    this.users.clear();
    this.sessions.clear();
    this.added.clear();
  }
}
