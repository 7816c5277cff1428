/**
 * Merges a batch's accounts and their distinct users and sessions. Accounts are few next to
 * users, so they are written per batch.
 */
import type { Db } from '../store/open';
import type { Batch } from './batch';
import { insertIgnore, mergeUpdate, put, type Params } from './merge-sql';
import type { MergeEffect } from './writer';

export class AccountWriter {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(insertIgnore('accounts', ['account_id', 'first_seen', 'last_seen', 'account_name', 'account_name_at'])),
      merge: db.prepare(
        mergeUpdate({ table: 'accounts', where: 'account_id = @account_id', min: 'first_seen', max: 'last_seen', stamped: [['account_name', 'latest']] }),
      ),
      id: db.prepare('SELECT id FROM accounts WHERE account_id = ?').pluck(),
      insertUser: db.prepare('INSERT OR IGNORE INTO account_users (aid, user_id) VALUES (?, ?)'),
      insertSession: db.prepare('INSERT OR IGNORE INTO account_sessions (aid, session_id) VALUES (?, ?)'),
      addCounts: db.prepare('UPDATE accounts SET user_count = user_count + ?, session_count = session_count + ? WHERE id = ?'),
    };
  }

  apply(batch: Batch, effect: MergeEffect): void {
    const aids = new Map<string, number>();
    for (const a of batch.accounts) {
      const p: Params = { account_id: a.accountId, first_seen: a.firstSeen, last_seen: a.lastSeen };
      put(p, 'account_name', a.name);
      const inserted = this.s.insert.run(p);
      let id: number;
      if (inserted.changes === 1) {
        id = Number(inserted.lastInsertRowid);
        effect.newAccounts.add(id);
        effect.touchedAccounts.add(id);
      } else {
        const merged = this.s.merge.run(p).changes === 1;
        id = this.s.id.get(a.accountId) as number;
        if (merged) effect.touchedAccounts.add(id);
      }
      aids.set(a.accountId, id);
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
