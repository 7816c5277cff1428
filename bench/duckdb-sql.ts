/**
 * The DuckDB peer: the user table of ARCHITECTURE.md §7 computed by one SQL statement over
 * the NDJSON file.
 */
import { FIRST_LAST_SUFFIXES } from '../common/keys';

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Explicit columns: DuckDB then reads only these fields, and numeric usr.id become VARCHAR. */
const COLUMNS = `{
  date: 'BIGINT', type: 'VARCHAR',
  application: 'STRUCT(id VARCHAR)',
  session: 'STRUCT(id VARCHAR, type VARCHAR)',
  view: 'STRUCT(id VARCHAR)', action: 'STRUCT(id VARCHAR)', error: 'STRUCT(id VARCHAR)',
  usr: 'STRUCT(id VARCHAR, email VARCHAR, name VARCHAR)',
  account: 'STRUCT(id VARCHAR, name VARCHAR)',
  geo: 'STRUCT(city VARCHAR, country_iso_code VARCHAR, country_subdivision VARCHAR)',
  device: 'STRUCT(type VARCHAR)',
  os: 'STRUCT(name VARCHAR, version VARCHAR)',
  browser: 'STRUCT(name VARCHAR, version VARCHAR)'
}`;

const blank = (expr: string): string => `nullif(trim(${expr}), '')`;

/** Source expressions of the first_X / last_X attributes, normalised as the importer does. */
const FIRST_LAST_SOURCES: Record<string, string> = {
  application_id: blank('application.id'),
  city: blank('geo.city'),
  country_code: `upper(${blank('geo.country_iso_code')})`,
  region: blank('geo.country_subdivision'),
  device_type: `lower(${blank('device.type')})`,
  os_name: blank('os.name'),
  os_version: blank('os.version'),
  browser_name: blank('browser.name'),
  browser_version: blank('browser.version'),
};

/** CREATE TABLE users AS … over the file: same columns as Profile Desk's user profiles. */
export function usersTableSql(file: string, table = 'users'): string {
  const sources = FIRST_LAST_SUFFIXES.map((x) => `${FIRST_LAST_SOURCES[x]} AS ${x}`).join(',\n    ');
  // arg_min/arg_max skip NULL values, which is "of the earliest/latest event that has one".
  const firstLast = FIRST_LAST_SUFFIXES.map((x) => `arg_min(${x}, t) AS first_${x}, arg_max(${x}, t) AS last_${x}`).join(',\n  ');
  return `CREATE OR REPLACE TABLE ${table} AS
WITH e AS (
  SELECT date AS t, type, session.id AS sid, view.id AS vid, action.id AS aid, error.id AS eid,
    ${blank('usr.id')} AS uid, ${blank('usr.email')} AS email, ${blank('usr.name')} AS name,
    ${blank('account.id')} AS account_id,
    ${sources}
  FROM read_ndjson(${quote(file)}, columns = ${COLUMNS})
  WHERE coalesce(session.type, 'user') NOT IN ('synthetics', 'ci_test')
)
SELECT uid AS user_id,
  arg_max(email, t) AS user_email, arg_max(name, t) AS user_name, arg_max(account_id, t) AS account_id,
  min(t) AS first_seen, max(t) AS last_seen,
  ${firstLast},
  count(DISTINCT sid) AS session_count,
  count(DISTINCT vid) AS view_count,
  count(DISTINCT aid) FILTER (WHERE type = 'action') AS action_count,
  count(DISTINCT eid) FILTER (WHERE type = 'error') AS error_count
FROM e WHERE uid IS NOT NULL
GROUP BY uid`;
}
