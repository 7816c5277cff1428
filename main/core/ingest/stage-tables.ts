/**
 * The tables a file's rows are staged in before they are merged into the store (stage.ts), with
 * their columns in the order of the rows' cells (rows.ts, batch.ts) and the keys that identify
 * them. The parsers stage into scratch files of their own, the writer into TEMP tables
 * (ARCHITECTURE.md §6); both take their columns from here.
 */
import { rowColumns, SESSION_LAYOUT, USER_LAYOUT } from './rows';

/** A stored table with the key that identifies its rows. */
export interface StagedTable {
  table: string;
  /** Key columns first, then the rest, in the order of the staged rows' cells. */
  columns: string[];
  keys: string[];
}

export const USERS: StagedTable = { table: 'users', columns: rowColumns(USER_LAYOUT), keys: ['user_id'] };
export const SESSIONS: StagedTable = { table: 'user_sessions', columns: rowColumns(SESSION_LAYOUT), keys: ['user_id', 'session_id'] };
export const VIEWS: StagedTable = { table: 'user_views', columns: ['user_id', 'view_id', 'session_id', 'path'], keys: ['user_id', 'view_id'] };
export const ACTIONS: StagedTable = {
  table: 'user_actions',
  columns: ['user_id', 'action_id', 'session_id', 'name', 'type'],
  keys: ['user_id', 'action_id'],
};
export const ERRORS: StagedTable = { table: 'user_errors', columns: ['user_id', 'error_id', 'session_id'], keys: ['user_id', 'error_id'] };

/** An account's links, by the account's row id in the store. */
export const ACCOUNT_USERS: StagedTable = { table: 'account_users', columns: ['aid', 'user_id'], keys: ['aid', 'user_id'] };
export const ACCOUNT_SESSIONS: StagedTable = { table: 'account_sessions', columns: ['aid', 'session_id'], keys: ['aid', 'session_id'] };

/**
 * The same links in a parser's scratch file, by the account's id: a parser doesn't know the
 * store's row ids. The writer looks them up when it takes the links over.
 */
export const SCRATCH_ACCOUNT_USERS = { table: 'account_users', columns: ['account_id', 'user_id'] };
export const SCRATCH_ACCOUNT_SESSIONS = { table: 'account_sessions', columns: ['account_id', 'session_id'] };
