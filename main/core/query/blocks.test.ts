/**
 * Blocks served by seeking from anchors, by a forced sort index or from memory (a sort's order
 * of ids and a filter's match set) must be exactly the rows a plain ORDER BY … LIMIT … OFFSET
 * gives, at every offset, for every kind of filter, both directions, NULLs and ties included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Filter, SortKey } from '../../../common/filter';
import type { AttributeSpec } from '../../../common/keys';
import { queryToFilter } from '../../../common/query';
import { openStore } from '../store/open';
import { BlockReader } from './blocks';
import { compileFilter, compileSort, TABLES, type ProfileTable } from './compile';
import { InThreadIds, type IdLane, type IdQueryRunner } from './id-query';

const dir = mkdtempSync(join(tmpdir(), 'profile-desk-blocks-'));
const dbPath = join(dir, 'blocks.db');
const db = openStore(dbPath);
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
    insert.run(`u${n}`, email, 1000 + (n % 50), 5000 + (n % 97), ['US', 'FR', 'de', null][n % 4], n % 13);
  }
})();

// A custom attribute: a lookup per row with no index (as the catalog makes them), NULL for some.
db.exec('CREATE TABLE tiers (uid INTEGER PRIMARY KEY, tier TEXT)');
db.exec(`INSERT INTO tiers SELECT id, CASE id % 3 WHEN 0 THEN 'Gold' WHEN 1 THEN 'silver' END FROM users`);
const tierSpec: AttributeSpec = { key: 'tier', label: 'Tier', type: 'text', group: 'custom', source: 'crm' };
const users: ProfileTable = {
  ...TABLES.user,
  specs: [...TABLES.user.specs, tierSpec],
  custom: new Map([['tier', { spec: tierSpec, value: (outer: string) => `(SELECT tier FROM tiers WHERE uid = ${outer}.id)` }]]),
};

function reference(filter: Filter | null, sort: SortKey[], offset: number, limit: number): string[] {
  const where = compileFilter(users, filter);
  return db
    .prepare(`SELECT user_id FROM users WHERE ${where.sql} ORDER BY ${compileSort(users, sort)} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...where.params, limit, offset) as string[];
}

const both = (key: string): SortKey[][] => [[{ key, dir: 'asc' }], [{ key, dir: 'desc' }]];
const SORTS: SortKey[][] = [
  ...both('user_email'),
  ...both('last_seen'),
  ...both('session_count'),
  ...both('user_id'),
  ...both('last_country_code'),
  ...both('tier'),
  [{ key: 'last_country_code', dir: 'asc' }, { key: 'first_seen', dir: 'desc' }],
];
const query = queryToFilter('(last_country_code:(us OR de) OR -session_count:>3) user_email:*user1*', { attributes: users.specs, now: 0 });
const FILTERS: Array<[string, Filter | null]> = [
  ['none', null],
  ['equality', { op: 'eq', key: 'last_country_code', value: 'us' }],
  ['set', { op: 'in', key: 'last_country_code', values: ['FR', 'DE'] }],
  ['range', { op: 'range', key: 'session_count', gte: 3 }],
  ['wildcard', { op: 'like', key: 'user_email', pattern: '*user1*' }],
  ['free text', { op: 'text', text: 'u1' }],
  ['query', query],
  ['custom', { op: 'eq', key: 'tier', value: 'gold' }],
  // Fewer matches than sortMatchesLimit: read through the filter's index, then sorted whole.
  ['few', { op: 'and', items: [{ op: 'range', key: 'session_count', gte: 12 }, { op: 'eq', key: 'last_country_code', value: 'US' }] }],
];

describe('BlockReader', () => {
  // Low thresholds, so the small store exercises the forced index and the id lists.
  const blocks = new BlockReader(db, () => users, { sortMatchesLimit: 100, jumpRows: 300, walkRows: 3000 });

  for (const [name, filter] of FILTERS) {
    for (const sort of SORTS) {
      it(`matches ORDER BY/OFFSET for ${name} sorted by ${JSON.stringify(sort)}`, async () => {
        const total = blocks.count('user', filter);
        expect(total > 100).toBe(name !== 'few');
        const ids = async (offset: number) => (await blocks.page('user', { offset, limit: 100, sort, filter })).map((r) => r.user_id);
        // Jumps first (from memory, before any anchor), then scrolling down (anchors), then back and forth.
        for (const offset of [Math.floor(total / 2), total - 100, 999]) expect(await ids(offset)).toEqual(reference(filter, sort, offset, 100));
        for (let offset = 0; offset < total; offset += 100) expect(await ids(offset)).toEqual(reference(filter, sort, offset, 100));
        for (const offset of [2500, 50, 1777, 999, 0, 2950]) expect(await ids(offset)).toEqual(reference(filter, sort, offset, 100));
      });
    }
  }

  it('serves unfiltered far jumps from the orders read for filtered ones', async () => {
    for (const sort of SORTS.filter((s) => s.length === 1)) {
      for (const offset of [2500, 1500, 2950]) {
        const rows = await blocks.page('user', { offset, limit: 100, sort, filter: null });
        expect(rows.map((r) => r.user_id), `${JSON.stringify(sort)} @${offset}`).toEqual(reference(null, sort, offset, 100));
      }
    }
  });

  it('scrolls a filtered query in SQL (forced sort index, anchors) before anything is in memory', async () => {
    const fresh = new BlockReader(db, () => users, { sortMatchesLimit: 100, jumpRows: 300, walkRows: 3000 });
    for (const [name, filter] of FILTERS.filter(([n]) => n === 'equality' || n === 'query' || n === 'free text')) {
      for (const sort of SORTS.filter((s) => s.length === 1 && s[0]!.key !== 'tier')) {
        for (let offset = 0; offset < 800; offset += 100) {
          const rows = await fresh.page('user', { offset, limit: 100, sort, filter });
          expect(rows.map((r) => r.user_id), `${name} ${JSON.stringify(sort)} @${offset}`).toEqual(reference(filter, sort, offset, 100));
        }
      }
    }
  });

  it('seeks an unfiltered block from an anchor only when that skips fewer rows than a plain offset, by the seek\'s cost', async () => {
    // A row skipped after a seek is tested against the anchor (SEEK_SKIP_COST, 6× a plain skip).
    const fresh = new BlockReader(db, () => users, { sortMatchesLimit: 100, jumpRows: 300, walkRows: 3000 });
    const sort: SortKey[] = [{ key: 'last_seen', dir: 'asc' }];
    const at = (offset: number, filter: Filter | null = null) => fresh.blockQuery('user', { offset, limit: 100, sort, filter });
    for (const offset of [0, 1000]) await fresh.page('user', { offset, limit: 100, sort, filter: null });
    // Anchors at 100 and 1100 (where those blocks ended).
    expect(at(1100)).toMatchObject({ seeks: true, skip: 0 });
    expect(at(1150)).toMatchObject({ seeks: true, skip: 50 });
    expect(at(1050)).toMatchObject({ seeks: false, skip: 1050 });
    expect(at(2000)).toMatchObject({ seeks: false, skip: 2000 });
    const range: Filter = { op: 'range', key: 'session_count', gte: 1 };
    await fresh.page('user', { offset: 0, limit: 100, sort, filter: range });
    expect(at(1000, range)).toMatchObject({ seeks: true, skip: 900 });
    for (const offset of [1050, 2000, 1150]) {
      const rows = await fresh.page('user', { offset, limit: 100, sort, filter: null });
      expect(rows.map((r) => r.user_id), `@${offset}`).toEqual(reference(null, sort, offset, 100));
    }
  });

  it('bounds the walk of the sort index: a filter correlated with the sort is served from memory', async () => {
    // 400 rows per walk: 'de' sorted by country comes after 1,500 others ascending, NULLs last descending.
    const bounded = new BlockReader(db, () => users, { sortMatchesLimit: 100, jumpRows: 300, walkRows: 400 });
    for (const [name, filter] of FILTERS.filter(([n]) => ['equality', 'set', 'wildcard', 'query', 'custom'].includes(n))) {
      for (const sort of [...both('last_country_code'), ...both('user_email'), ...both('session_count')]) {
        const total = bounded.count('user', filter);
        for (const offset of [0, 100, 200, 0, total - 100, 300]) {
          const rows = await bounded.page('user', { offset, limit: 100, sort, filter });
          expect(rows.map((r) => r.user_id), `${name} ${JSON.stringify(sort)} @${offset}`).toEqual(reference(filter, sort, offset, 100));
        }
      }
    }
    const correlated = bounded.blockQuery('user', { offset: 0, limit: 100, sort: [{ key: 'last_country_code', dir: 'asc' }], filter: FILTERS[1]![1] });
    expect(correlated.bounded).toBe(true);
    expect(correlated.sql).toContain('LIMIT 400');
  });

  it('counts from match sets as SQL counts, for every kind of filter and its negation', async () => {
    // Reads on this thread, marked concurrent so counts go through match sets as with workers.
    const inThread = new InThreadIds(db);
    const runner: IdQueryRunner = { concurrent: true, ids: (q) => inThread.ids(q), close: () => inThread.close() };
    const counting = new BlockReader(db, () => users, { sortMatchesLimit: 100, jumpRows: 300, walkRows: 400 }, runner);
    const sql = new BlockReader(db, () => users);
    for (const [name, filter] of FILTERS) {
      for (const f of filter ? [filter, { op: 'not', item: filter } as Filter, { op: 'or', items: [filter, FILTERS[2]![1]!] } as Filter] : [null]) {
        expect(await counting.countMatches('user', f), `${name} ${JSON.stringify(f)}`).toBe(sql.count('user', f));
      }
    }
    // The first deep jump after the count is a slice of what the count read.
    const filter = FILTERS.find(([n]) => n === 'wildcard')![1]!;
    const sort: SortKey[] = [{ key: 'last_country_code', dir: 'desc' }];
    await counting.page('user', { offset: 0, limit: 100, sort, filter: null });
    const total = await counting.countMatches('user', filter);
    for (const offset of [0, Math.floor(total / 2), total - 100]) {
      const rows = await counting.page('user', { offset, limit: 100, sort, filter });
      expect(rows.map((r) => r.user_id)).toEqual(reference(filter, sort, offset, 100));
    }
  });

  it("splits a wildcard's scan over both id lanes at the middle of its index, and counts as SQL does", async () => {
    const inThread = new InThreadIds(db);
    const sql = new BlockReader(db, () => users);
    for (const orderLaneIdle of [true, false]) {
      const asked: Array<{ sql: string; lane: IdLane }> = [];
      const runner: IdQueryRunner = {
        concurrent: true,
        ids: (q, lane) => (asked.push({ sql: q.sql, lane }), inThread.ids(q)),
        idle: (lane) => lane === 'match' || orderLaneIdle,
        close: () => inThread.close(),
      };
      const counting = new BlockReader(db, () => users, { splitScanRows: 1000 }, runner);
      const wildcards: Filter[] = [
        { op: 'like', key: 'user_email', pattern: '*user1*' },
        { op: 'like', key: 'user_email', pattern: 'A*' },
        { op: 'not', item: { op: 'like', key: 'user_email', pattern: '*@x.com' } },
        { op: 'like', key: 'session_count', pattern: '1*' },
        { op: 'and', items: [{ op: 'like', key: 'user_id', pattern: 'u1*' }, { op: 'eq', key: 'last_country_code', value: 'us' }] },
      ];
      for (const f of wildcards) expect(await counting.countMatches('user', f), JSON.stringify(f)).toBe(sql.count('user', f));
      const halves = asked.filter((q) => / (<|>=) \? AND /.test(q.sql));
      // Each wildcard read as two halves, one per lane, while the order lane is free; else whole.
      expect(halves.length).toBe(orderLaneIdle ? 2 * wildcards.length : 0);
      expect(halves.filter((q) => q.lane === 'order').length).toBe(orderLaneIdle ? wildcards.length : 0);
      expect(halves.some((q) => q.sql.includes('user_email COLLATE NOCASE < ?'))).toBe(orderLaneIdle);
    }
    // A small table (below splitScanRows) is read whole.
    const asked: string[] = [];
    const small = new BlockReader(db, () => users, { splitScanRows: 5000 }, { concurrent: true, ids: (q) => (asked.push(q.sql), inThread.ids(q)), close: async () => {} });
    await small.countMatches('user', { op: 'like', key: 'user_email', pattern: '*user2*' });
    expect(asked).toHaveLength(1);
  });

  it('reads unfiltered blocks past the middle from the other end of the sort, NULLs and ties included', async () => {
    const fresh = new BlockReader(db, () => users, { sortMatchesLimit: 100, jumpRows: 300, walkRows: 400 });
    for (const sort of SORTS.filter((s) => s.length === 1 && s[0]!.key !== 'tier')) {
      for (const [offset, limit] of [[2900, 100], [1600, 100], [2950, 100], [2999, 5], [1499, 3], [2500, 100], [2600, 100], [3000, 10]] as const) {
        const rows = await fresh.page('user', { offset, limit, sort, filter: null });
        expect(rows.map((r) => r.user_id), `${JSON.stringify(sort)} @${offset}`).toEqual(reference(null, sort, offset, limit));
      }
    }
  });

  it('sorts few matches whole in SQL when no order is in memory', async () => {
    const fresh = new BlockReader(db, () => users, { sortMatchesLimit: 100, jumpRows: 300, walkRows: 3000 });
    const filter = FILTERS.find(([name]) => name === 'few')![1];
    for (const sort of SORTS.filter((s) => !s.some((k) => k.key === 'tier'))) {
      for (const offset of [0, 30, 57]) {
        const rows = await fresh.page('user', { offset, limit: 20, sort, filter });
        expect(rows.map((r) => r.user_id)).toEqual(reference(filter, sort, offset, 20));
      }
    }
  });

  it('forgets what it learnt when the store changes (clear)', async () => {
    const sort: SortKey[] = [{ key: 'last_seen', dir: 'desc' }];
    const filter: Filter = { op: 'eq', key: 'last_country_code', value: 'us' };
    expect(blocks.count('user', null)).toBe(3000);
    await blocks.page('user', { offset: 0, limit: 100, sort, filter: null });
    await blocks.page('user', { offset: 500, limit: 100, sort, filter });
    db.prepare('INSERT INTO users (user_id, first_seen, last_seen, last_country_code) VALUES (?, ?, ?, ?)').run('newest', 1, 99_999, 'US');
    blocks.clear();
    expect(blocks.count('user', null)).toBe(3001);
    expect((await blocks.page('user', { offset: 0, limit: 1, sort, filter: null }))[0]!.user_id).toBe('newest');
    expect((await blocks.page('user', { offset: 500, limit: 100, sort, filter })).map((r) => r.user_id)).toEqual(reference(filter, sort, 500, 100));
  });

  it("notices another connection's commit without being told", async () => {
    const sort: SortKey[] = [{ key: 'session_count', dir: 'asc' }];
    const filter: Filter = { op: 'range', key: 'session_count', gte: 3 };
    const deep = async () => (await blocks.page('user', { offset: 1000, limit: 100, sort, filter })).map((r) => r.user_id);
    expect(await deep()).toEqual(reference(filter, sort, 1000, 100));
    const other = new Database(dbPath);
    other.prepare('DELETE FROM users WHERE session_count = 3 AND id % 2 = 0').run();
    other.prepare('UPDATE users SET session_count = 12 WHERE session_count = 4').run();
    other.close();
    expect(await deep()).toEqual(reference(filter, sort, 1000, 100));
    expect(blocks.count('user', filter)).toBe(reference(filter, sort, 0, 10_000).length);
  });
});
