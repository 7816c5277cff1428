/** The profile detail: a user's pages, actions and sessions; an account's users. */
import { SESSION_ATTRIBUTES, type SessionAttribute } from '../../../common/sessions';
import type { AccountDetail, SessionSummary, UserDetail } from '../../../common/types';
import { ApiError } from '../dispatcher';
import type { Db } from '../store/open';
import type { ProfileTable } from './compile';
import { columnList, toProfileRow } from './profiles';

const TOP_PAGES = 20;
const TOP_ACTIONS = 20;
const RECENT_SESSIONS = 200;
const ACCOUNT_USERS = 1000;

const iso = (ms: number): string => new Date(ms).toISOString();

export function userDetail(db: Db, users: ProfileTable, userId: string): UserDetail {
  const row = db.prepare(`SELECT *, ${columnList(users)} FROM users WHERE user_id = ?`).get(userId) as Record<string, unknown> | undefined;
  if (!row) throw new ApiError('not_found', `No user with id "${userId}"`, { id: userId });

  const pages = db
    .prepare(
      `SELECT coalesce(path, '(unknown)') AS path, count(*) AS visits FROM user_views
       WHERE user_id = ? GROUP BY 1 ORDER BY visits DESC, path LIMIT ?`,
    )
    .all(userId, TOP_PAGES) as UserDetail['pages'];
  const actions = db
    .prepare(
      `SELECT name, type, count(*) AS count FROM user_actions
       WHERE user_id = ? AND name IS NOT NULL GROUP BY name, type ORDER BY count DESC, name LIMIT ?`,
    )
    .all(userId, TOP_ACTIONS) as UserDetail['actions'];
  const sessions = (
    db
      .prepare('SELECT * FROM user_sessions WHERE user_id = ? ORDER BY start DESC LIMIT ?')
      .all(userId, RECENT_SESSIONS) as Array<Record<string, number | string | null>>
  ).map(
    (s): SessionSummary => ({
      session_id: String(s.session_id),
      start: iso(Number(s.start)),
      end: iso(Number(s.end)),
      duration_ms: Number(s.end) - Number(s.start),
      views: Number(s.view_count),
      actions: Number(s.action_count),
      errors: Number(s.error_count),
      ...(Object.fromEntries(SESSION_ATTRIBUTES.map((key) => [key, s[key] ?? null])) as Record<SessionAttribute, string | null>),
    }),
  );

  const accountId = row.account_id as string | null;
  const accountName =
    accountId === null
      ? null
      : ((db.prepare('SELECT account_name FROM accounts WHERE account_id = ?').pluck().get(accountId) as string | null | undefined) ?? null);

  return {
    profile: toProfileRow(users, row),
    pages,
    actions,
    sessions,
    sessionTotal: Number(row.session_count),
    account: accountId === null ? null : { account_id: accountId, account_name: accountName },
  };
}

export function accountDetail(db: Db, tables: { user: ProfileTable; account: ProfileTable }, accountId: string): AccountDetail {
  const row = db.prepare(`SELECT id, ${columnList(tables.account)} FROM accounts WHERE account_id = ?`).get(accountId) as
    | Record<string, unknown>
    | undefined;
  if (!row) throw new ApiError('not_found', `No account with id "${accountId}"`, { id: accountId });
  const userColumns = columnList(tables.user, 'u');
  const users = db
    .prepare(
      `SELECT ${userColumns} FROM account_users AS au JOIN users AS u ON u.user_id = au.user_id
       WHERE au.aid = ? ORDER BY u.last_seen DESC LIMIT ?`,
    )
    .all(row.id, ACCOUNT_USERS) as Array<Record<string, unknown>>;
  return {
    profile: toProfileRow(tables.account, row),
    users: users.map((u) => toProfileRow(tables.user, u)),
    userTotal: Number(row.user_count),
  };
}
