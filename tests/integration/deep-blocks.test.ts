/**
 * Deep grid blocks through core.dispatch, served from the id worker threads (a sort's order and
 * a filter's match set): every filter kind of the query language, both directions, equal to a
 * plain ORDER BY … LIMIT … OFFSET on a connection of the test's own, also after an import.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SortKey } from '../../common/filter';
import type { ProfileRow } from '../../common/keys';
import { queryToFilter } from '../../common/query';
import { createCore, type Core } from '../../main/core/core';
import { compileFilter, compileSort, TABLES } from '../../main/core/query/compile';
import { writeEventsFile } from '../../main/core/sample/generator';
import { importFiles, ok } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'profile-desk-deep-blocks-'));
const dbPath = join(dir, 'profiles.db');
let core: Core;

beforeAll(async () => {
  const file = join(dir, 'events.ndjson');
  await writeEventsFile(file, { users: 6000, events: 30_000, seed: 11 });
  core = createCore({ dbPath });
  await importFiles(core, [file]);
}, 120_000);

afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The block as plain SQL computes it, on another connection. */
function reference(query: string, sort: SortKey, offset: number): string[] {
  const t = TABLES.user;
  const where = compileFilter(t, query ? queryToFilter(query, { attributes: t.specs, now: Date.now() }) : null);
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare(`SELECT user_id FROM users WHERE ${where.sql} ORDER BY ${compileSort(t, [sort])} LIMIT 100 OFFSET ?`)
      .pluck()
      .all(...where.params, offset) as string[];
  } finally {
    db.close();
  }
}

async function block(query: string, sort: SortKey, offset: number): Promise<string[]> {
  const { rows } = await ok<{ rows: ProfileRow[] }>(core.dispatch('users.page', { offset, limit: 100, sort: [sort], query }));
  return rows.map((r) => String(r.user_id));
}

// Filters that keep more than the 2,000 rows a block must be past its anchors to be "deep".
const QUERIES = ['', '-last_country_code:zz', 'session_count:>=1', 'user_email:*e*', '-user_name:zzz* (view_count:>0 OR action_count:>=0)'];
const SORTS: SortKey[] = ['user_email', 'last_seen', 'first_country_code', 'session_count'].flatMap((key) => [
  { key, dir: 'asc' as const },
  { key, dir: 'desc' as const },
]);

describe('deep blocks through the core', () => {
  it('equal plain ORDER BY/OFFSET for every filter kind and direction', async () => {
    for (const query of QUERIES) {
      const { count } = await ok<{ count: number }>(core.dispatch('users.count', { query }));
      expect(count, query).toBeGreaterThan(2500);
      for (const sort of SORTS) {
        for (const offset of [count - 100, Math.floor(count / 2), 2300]) {
          expect(await block(query, sort, offset), `${query} ${JSON.stringify(sort)} @${offset}`).toEqual(reference(query, sort, offset));
        }
      }
    }
  }, 120_000);

  it('serves the store as it is after another import', async () => {
    const sort: SortKey = { key: 'last_seen', dir: 'desc' };
    const query = 'session_count:>=1';
    expect(await block(query, sort, 2500)).toEqual(reference(query, sort, 2500));
    const more = join(dir, 'more.ndjson');
    await writeEventsFile(more, { users: 3000, events: 10_000, seed: 12 });
    await importFiles(core, [more]);
    expect(await block(query, sort, 2500)).toEqual(reference(query, sort, 2500));
    expect(await block(query, { key: 'user_email', dir: 'asc' }, 4000)).toEqual(reference(query, { key: 'user_email', dir: 'asc' }, 4000));
  }, 120_000);
});
