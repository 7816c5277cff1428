/**
 * Merges a file's accounts and their distinct users and sessions. An account is written when
 * the file first shows it (which gives its id); what later batches add is folded in memory
 * and written once, with its count deltas, when the user rows are flushed: every batch
 * carries most accounts again, and per-batch writes cost more than the rest of the accounts.
 */
import type { Db } from '../store/open';
import type { Batch } from './batch';
import { RowWriter } from './merge-sql';
import { ACCOUNT_LAYOUT, mergeRows, type Row } from './rows';
import type { MergeEffect } from './writer';

export class AccountWriter {
  private readonly s;
  private readonly rows: RowWriter;
  /** Account id → row id, for every account this writer has written. */
  private readonly aids = new Map<string, number>();
  /** What later batches added to accounts already written, not written yet. */
  private readonly later = new Map<string, Row>();
  /** Per account row id: [users added, sessions added], not written yet. */
  private readonly delta = new Map<number, [number, number]>();

  constructor(db: Db) {
    this.rows = new RowWriter(db, 'accounts', ACCOUNT_LAYOUT, 'account_id = @account_id');
    this.s = {
      id: db.prepare('SELECT id FROM accounts WHERE account_id = ?').pluck(),
      insertUser: db.prepare('INSERT OR IGNORE INTO account_users (aid, user_id) VALUES (?, ?)'),
      insertSession: db.prepare('INSERT OR IGNORE INTO account_sessions (aid, session_id) VALUES (?, ?)'),
      addCounts: db.prepare('UPDATE accounts SET user_count = user_count + ?, session_count = session_count + ? WHERE id = ?'),
    };
  }

  apply(batch: Batch, effect: MergeEffect): void {
    for (const row of batch.accounts) {
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

    const bump = (aid: number, at: 0 | 1): void => {
      let d = this.delta.get(aid);
      if (!d) this.delta.set(aid, (d = [0, 0]));
      d[at]++;
    };
    for (const [accountId, userId] of batch.accountUsers) {
      const aid = this.aids.get(accountId)!;
      if (this.s.insertUser.run(aid, userId).changes === 1) bump(aid, 0);
    }
    for (const [accountId, sessionId] of batch.accountSessions) {
      const aid = this.aids.get(accountId)!;
      if (this.s.insertSession.run(aid, sessionId).changes === 1) bump(aid, 1);
    }
  }

  /** Writes what later batches added and the count deltas. Called before commit. */
  flush(effect: MergeEffect): void {
    for (const [accountId, row] of this.later) {
      if (this.rows.write(row) !== 'same') effect.touchedAccounts.add(this.aids.get(accountId)!);
    }
    this.later.clear();
    for (const [aid, [users, sessions]] of this.delta) {
      this.s.addCounts.run(users, sessions, aid);
      effect.touchedAccounts.add(aid);
    }
    this.delta.clear();
  }
}
