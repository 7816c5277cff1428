/**
 * Segments on a real store: saving, renaming, duplicating and deleting; nesting, cycles and
 * entity checks when expanded; static lists read from CSV files as spreadsheets write them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Filter } from '../../../common/filter';
import { refusal } from '../api-error.test-support';
import { compileFilter, TABLES } from '../query/compile';
import { openStore } from '../store/open';
import { SegmentStore } from './segments';
import { SelectionResolver, type Selection } from './selection';
import { matchIdList } from './static-list';

const dir = mkdtempSync(join(tmpdir(), 'profile-desk-segments-'));
const db = openStore(join(dir, 'segments.db'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
let clock = 1_000;
const store = new SegmentStore(db, () => clock++);
const resolver = new SelectionResolver(store, () => Date.UTC(2025, 5, 1));

const insertUser = db.prepare('INSERT INTO users (user_id, user_email, first_seen, last_seen, last_country_code, session_count) VALUES (?, ?, 0, 0, ?, ?)');
db.transaction(() => {
  insertUser.run('u1', 'Ann@Acme.com', 'FR', 1);
  insertUser.run('u2', 'bob@acme.com', 'DE', 5);
  insertUser.run('u3', 'cy@other.org', 'FR', 9);
  insertUser.run('u4', 'ann@acme.com', null, 2);
  db.prepare('INSERT INTO accounts (account_id, first_seen, last_seen) VALUES (?, 0, 0)').run('acme');
})();

function ids(selection: Selection): string[] {
  const where = compileFilter(TABLES.user, resolver.resolve('user', selection));
  return db.prepare(`SELECT user_id FROM users WHERE ${where.sql} ORDER BY user_id`).pluck().all(...where.params) as string[];
}

beforeEach(() => {
  for (const s of store.list()) store.remove(s.name);
});

describe('segment store', () => {
  it('saves, lists, renames, duplicates and deletes, names unique regardless of case', () => {
    store.saveQuery('French', 'users', 'last_country_code:FR');
    expect(refusal(() => store.saveQuery('french', 'users', 'x')).message).toMatch(/"French" exists already/);
    store.saveQuery('french', 'users', 'last_country_code:fr session_count:>1', true);
    expect(store.get('FRENCH').query).toBe('last_country_code:fr session_count:>1');
    store.rename('French', 'Paris');
    store.duplicate('Paris', 'Paris copy');
    expect(store.list('users').map((s) => s.name)).toEqual(['Paris', 'Paris copy']);
    store.remove('Paris');
    expect(store.list().map((s) => s.name)).toEqual(['Paris copy']);
    expect(refusal(() => store.get('Paris')).code).toBe('not_found');
    expect(refusal(() => store.saveQuery('  ', 'users', 'x')).message).toMatch(/needs a name/);
  });

  it('keeps static members through duplicate and drops them with the segment', () => {
    store.saveList('Picked', 'users', ['u1', 'u3', 'u1']);
    store.duplicate('Picked', 'Picked 2');
    expect(store.get('Picked 2').members).toBe(2);
    store.remove('Picked');
    expect(db.prepare('SELECT count(*) FROM segment_members').pluck().get()).toBe(2);
  });
});

describe('selection', () => {
  it('combines a query, a segment and column filters with AND', () => {
    store.saveQuery('Acme', 'users', 'user_email:*@acme.com');
    expect(ids({ segment: 'acme' })).toEqual(['u1', 'u2', 'u4']);
    expect(ids({ segment: 'Acme', query: 'session_count:>=2' })).toEqual(['u2', 'u4']);
    const filter: Filter = { op: 'exists', key: 'last_country_code' };
    expect(ids({ segment: 'Acme', query: 'session_count:>=2', filter })).toEqual(['u2']);
    expect(ids({ query: '-segment:Acme' })).toEqual(['u3']);
  });

  it('nests segments and static lists inside queries', () => {
    store.saveQuery('Acme', 'users', 'user_email:*@acme.com');
    store.saveQuery('Acme FR', 'users', 'segment:Acme last_country_code:FR');
    store.saveList('Hand picked', 'users', ['u3', 'u4']);
    expect(ids({ query: 'segment:"Acme FR"' })).toEqual(['u1']);
    expect(ids({ query: 'segment:"Acme FR" OR segment:"Hand picked"' })).toEqual(['u1', 'u3', 'u4']);
    expect(ids({ query: '-segment:"Hand picked"' })).toEqual(['u1', 'u2']);
  });

  it('refuses cycles, unknown segments, another entity and bad queries as bad_query', () => {
    store.saveQuery('A', 'users', 'segment:B');
    store.saveQuery('B', 'users', 'segment:a');
    store.saveQuery('Accounts', 'accounts', 'account_id:acme');
    expect(refusal(() => ids({ segment: 'A' }))).toMatchObject({ code: 'bad_query', message: 'Segment "A" refers to itself (a → b → a)' });
    expect(refusal(() => ids({ query: 'segment:nope' }))).toMatchObject({ code: 'bad_query', message: 'No segment named "nope"' });
    expect(refusal(() => ids({ segment: 'Accounts' })).message).toMatch(/segment of accounts, not of users/);
    const bad = refusal(() => ids({ query: 'session_count:>' }));
    expect(bad).toMatchObject({ code: 'bad_query', details: { position: 15, expected: 'a value' } });
  });
});

describe('static lists from CSV', () => {
  const csv = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('matches emails without regard to case, with a BOM, CRLF and quoted fields', async () => {
    const path = csv('emails.csv', '\uFEFFname,User_Email\r\n"Ann, A.",ANN@acme.com\r\nnobody,ghost@x.com\r\n"Multi\nline",cy@other.org\r\n,\r\n');
    const match = await matchIdList(db, 'users', path, 'emails.csv');
    expect(match.column).toBe('user_email');
    expect(match.members.sort()).toEqual(['u1', 'u3', 'u4']); // two users share Ann's address
    expect(match).toMatchObject({ rows: 3, matched: 2, unmatchedCount: 1, unmatched: ['ghost@x.com'] });
  });

  it('prefers user_id, trims, and reads account lists', async () => {
    const match = await matchIdList(db, 'users', csv('ids.csv', 'user_email,user_id\nx, u2 \ny,u9\n'));
    expect(match).toMatchObject({ column: 'user_id', members: ['u2'], unmatched: ['u9'] });
    const accounts = await matchIdList(db, 'accounts', csv('acc.csv', 'account_id\nacme\nzeta\n'));
    expect(accounts).toMatchObject({ members: ['acme'], unmatched: ['zeta'] });
  });

  it('names what is wrong with a file', async () => {
    await expect(matchIdList(db, 'users', csv('none.csv', 'email\na@b.c\n'), 'none.csv')).rejects.toThrow(
      'none.csv has no user_id or user_email column (its header: "email")',
    );
    await expect(matchIdList(db, 'users', csv('empty.csv', ''), 'empty.csv')).rejects.toThrow(/empty.csv is empty/);
    await expect(matchIdList(db, 'users', csv('quote.csv', 'user_id\n"u1\n'), 'quote.csv')).rejects.toThrow(/quote.csv, line \d+/);
    await expect(matchIdList(db, 'users', join(dir, 'missing.csv'), 'missing.csv')).rejects.toThrow('missing.csv: no such file');
  });
});
