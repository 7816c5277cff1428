/**
 * Cross-check: Profile Desk's user profiles against the DuckDB peer's table built from the
 * same file, attribute by attribute. A fast import that computes the wrong thing is no win.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { USER_KEYS, type ProfileRow } from '../common/keys';
import { serveChild } from './child';
import { call } from './core-call';

export interface AgreeInput {
  dbPath: string;
  duckPath: string;
  /** Compare at most this many users (in user_id order). */
  limit: number;
}

export interface AgreeResult {
  compared: number;
  /** Compared users with at least one differing attribute (or missing from DuckDB). */
  differingUsers: number;
  pdUsers: number;
  duckUsers: number;
  /** Key → number of users whose value differs (missing: in Profile Desk only). */
  mismatches: Record<string, number>;
  examples: Record<string, [string, unknown, unknown]>;
}

/** Profile Desk sends times as ISO strings, DuckDB as numbers (ms); compare as numbers. */
function normalise(key: string, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (key.endsWith('_seen') && typeof v === 'string') return Date.parse(v);
  return v;
}

export async function compareWithDuck(input: AgreeInput): Promise<AgreeResult> {
  const { createCore } = await import('../main/core/core');
  const core = createCore({ dbPath: input.dbPath });
  const instance = await DuckDBInstance.create(input.duckPath, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    // DuckDB's rows are fetched per page of compared ids: at a million users, loading the
    // whole table into JS objects would cost more memory and time than the comparison.
    const duckRowsOf = async (ids: string[]): Promise<Map<string, Record<string, unknown>>> => {
      const list = ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(',');
      const rows = ids.length === 0 ? [] : (await conn.runAndReadAll(`SELECT * FROM users WHERE user_id IN (${list})`)).getRowObjectsJS();
      return new Map(rows.map((r) => [String(r.user_id), r as Record<string, unknown>]));
    };
    const duckUsers = Number((await conn.runAndReadAll('SELECT count(*) FROM users')).getRowsJS()[0]![0]);
    const pdUsers = (await call<{ count: number }>(core, 'users.count', { filter: null })).count;
    const result: AgreeResult = { compared: 0, differingUsers: 0, pdUsers, duckUsers, mismatches: {}, examples: {} };
    const miss = (key: string, id: string, a: unknown, b: unknown): void => {
      result.mismatches[key] = (result.mismatches[key] ?? 0) + 1;
      result.examples[key] ??= [id, a, b];
    };
    for (let offset = 0; offset < Math.min(input.limit, pdUsers); offset += 1000) {
      const { rows } = await call<{ rows: ProfileRow[] }>(core, 'users.page', {
        offset,
        limit: 1000,
        sort: [{ key: 'user_id', dir: 'asc' }],
        filter: null,
      });
      const duck = await duckRowsOf(rows.map((row) => String(row.user_id)));
      for (const row of rows) {
        const id = String(row.user_id);
        const other = duck.get(id);
        result.compared++;
        if (!other) {
          miss('missing', id, 'in Profile Desk', 'not in DuckDB');
          result.differingUsers++;
          continue;
        }
        let differs = false;
        for (const key of USER_KEYS) {
          const a = normalise(key, row[key]);
          const b = normalise(key, other[key]);
          if (a !== b) {
            miss(key, id, a, b);
            differs = true;
          }
        }
        if (differs) result.differingUsers++;
      }
    }
    return result;
  } finally {
    conn.closeSync();
    instance.closeSync();
    await core.close();
  }
}

serveChild(compareWithDuck);
