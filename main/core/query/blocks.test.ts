/**
 * Blocks served by seeking from anchors, by a forced sort index or from a sorted id list must
 * be exactly the rows a plain ORDER BY … LIMIT … OFFSET gives, at every offset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Filter, SortKey } from '../../../common/filter';
import { openStore } from '../store/open';
import { BlockReader } from './blocks';
import { compileFilter, compileSort, TABLES } from './compile';

const dir = mkdtempSync(join(tmpdir(), 'profile-desk-blocks-'));
const db = openStore(join(dir, 'blocks.db'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

// 3,000 users with ties, NULLs and mixed case, inserted in a scrambled order.
const insert = db.prepare(
  'INSERT INTO users (user_id, user_email, first_seen, last_seen, last_country_code, session_count) VALUES (?, ?, ?, ?, ?, ?)',
);
db.transaction(() => {
  for (let i = 0; i < 3000; i++) {
    const n = (i * 7919) % 3000;
    const email = n % 5 === 0 ? null : `${n % 3 ? 'A' : 'a'}user${n % 400}@x.com`;
    insert.run(`u${n}`, email, 1000 + (n % 50), 5000 + (n % 97), ['US', 'FR', null][n % 3], n % 13);
  }
})();

function reference(filter: Filter | null, sort: SortKey[], offset: number, limit: number): string[] {
  const t = TABLES.user;
  const where = compileFilter(t, filter);
  return db
    .prepare(`SELECT user_id FROM users WHERE ${where.sql} ORDER BY ${compileSort(t, sort)} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...where.params, limit, offset) as string[];
}

const SORTS: SortKey[][] = [
  [{ key: 'user_email', dir: 'asc' }],
  [{ key: 'user_email', dir: 'desc' }],
  [{ key: 'last_seen', dir: 'desc' }],
  [{ key: 'session_count', dir: 'asc' }],
  [{ key: 'user_id', dir: 'desc' }],
  [{ key: 'last_country_code', dir: 'asc' }, { key: 'first_seen', dir: 'desc' }],
];
const FILTERS: Array<Filter | null> = [null, { op: 'eq', key: 'last_country_code', value: 'us' }, { op: 'text', text: 'user1' }];

describe('BlockReader', () => {
  // Low thresholds, so the small store exercises the forced index and the id lists.
  const blocks = new BlockReader(db, undefined, { sortMatchesLimit: 100, jumpRows: 300 });

  for (const filter of FILTERS) {
    for (const sort of SORTS) {
      it(`matches ORDER BY/OFFSET for ${JSON.stringify(filter)} sorted by ${JSON.stringify(sort)}`, () => {
        const ids = (offset: number) => blocks.page('user', { offset, limit: 100, sort, filter }).map((r) => r.user_id);
        // Scrolling down (anchors), then jumps back and forth (id lists, anchors, offsets).
        for (let offset = 0; offset < 3000; offset += 100) expect(ids(offset)).toEqual(reference(filter, sort, offset, 100));
        for (const offset of [2500, 50, 1777, 999, 0, 2950]) expect(ids(offset)).toEqual(reference(filter, sort, offset, 100));
      });
    }
  }

  it('forgets what it learnt when the store changes', () => {
    const sort: SortKey[] = [{ key: 'last_seen', dir: 'desc' }];
    expect(blocks.count('user', null)).toBe(3000);
    blocks.page('user', { offset: 0, limit: 100, sort, filter: null });
    db.prepare('INSERT INTO users (user_id, first_seen, last_seen) VALUES (?, ?, ?)').run('newest', 1, 99_999);
    blocks.clear();
    expect(blocks.count('user', null)).toBe(3001);
    expect(blocks.page('user', { offset: 0, limit: 1, sort, filter: null })[0]!.user_id).toBe('newest');
  });
});
