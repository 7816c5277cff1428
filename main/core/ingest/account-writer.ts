/**
 * Merges a batch's accounts and their distinct users and sessions. Accounts are few next to
 * users, so they are written per batch.
 */
import type { Db } from '../store/open';
import type { Batch } from './batch';
import { RowWriter } from './merge-sql';
import { ACCOUNT_LAYOUT } from './rows';
import type { MergeEffect } from './writer';

export class AccountWriter {
  private readonly s;
  private readonly rows: RowWriter;

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
    const aids = new Map<string, number>();
    for (const row of batch.accounts) {
      const accountId = row[0] as string;
      const outcome = this.rows.write(row);
      let id: number;
      if (outcome === 'new') {
        id = this.rows.lastRowid;
        effect.newAccounts.add(id);
        effect.touchedAccounts.add(id);
      } else {
        id = this.s.id.get(accountId) as number;
        if (outcome === 'updated') effect.touchedAccounts.add(id);
      }
      aids.set(accountId, id);
    }

    // Per account: [users added, sessions added].
    const delta = new Map<number, [number, number]>();
    const bump = (aid: number, at: 0 | 1): void => {
      let d = delta.get(aid);
      if (!d) delta.set(aid, (d = [0, 0]));
      d[at]++;
    };
    for (const [accountId, userId] of batch.accountUsers) {
      const aid = aids.get(accountId)!;
      if (this.s.insertUser.run(aid, userId).changes === 1) bump(aid, 0);
    }
    for (const [accountId, sessionId] of batch.accountSessions) {
      const aid = aids.get(accountId)!;
      if (this.s.insertSession.run(aid, sessionId).changes === 1) bump(aid, 1);
    }
    for (const [aid, [users, sessions]] of delta) {
      this.s.addCounts.run(users, sessions, aid);
      effect.touchedAccounts.add(aid);
    }
  }
}
