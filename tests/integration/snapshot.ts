/**
 * Everything the store holds, with surrogate ids replaced by the profile ids they stand for,
 * so two stores built in different orders can be compared for equality.
 */
import Database from 'better-sqlite3';

const QUERIES: Record<string, string> = {
  users: 'SELECT * FROM users ORDER BY user_id',
  accounts: 'SELECT * FROM accounts ORDER BY account_id',
  sessions: 'SELECT * FROM user_sessions ORDER BY user_id, session_id',
  views: 'SELECT * FROM user_views ORDER BY user_id, view_id',
  actions: 'SELECT * FROM user_actions ORDER BY user_id, action_id',
  errors: 'SELECT * FROM user_errors ORDER BY user_id, error_id',
  accountUsers: 'SELECT a.account_id AS account, x.user_id FROM account_users x JOIN accounts a ON a.id = x.aid ORDER BY 1, 2',
  accountSessions: 'SELECT a.account_id AS account, x.session_id FROM account_sessions x JOIN accounts a ON a.id = x.aid ORDER BY 1, 2',
};

const SURROGATES = new Set(['id', 'aid']);

export function storeSnapshot(dbPath: string): Record<string, unknown[]> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(QUERIES)) {
      out[name] = (db.prepare(sql).all() as Array<Record<string, unknown>>).map((row) =>
        Object.fromEntries(Object.entries(row).filter(([k]) => !SURROGATES.has(k))),
      );
    }
    return out;
  } finally {
    db.close();
  }
}
