/**
 * The query language through the core's API on a real store: each example of the issue returns
 * exactly the profiles an independent predicate, written here in plain JavaScript over every
 * profile row, picks out (not the same SQL). Relative times use the core's injected clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileRow } from '../../common/keys';
import { createCore, type Core } from '../../main/core/core';
import { writeEventsFile } from '../../main/core/sample/generator';
import { importFiles, ok } from './helpers';

const DAY = 86_400_000;
const START = Date.UTC(2024, 6, 1);
const NOW = START + 301 * DAY; // a day after the data ends
const dir = mkdtempSync(join(tmpdir(), 'profile-desk-query-'));
let core: Core;
let users: ProfileRow[] = [];

beforeAll(async () => {
  const file = join(dir, 'events.ndjson');
  await writeEventsFile(file, { users: 1500, events: 40_000, seed: 7, days: 300, startMs: START });
  core = createCore({ dbPath: join(dir, 'profiles.db'), now: () => NOW });
  await importFiles(core, [file]);
  users = await pageAll();
}, 120_000);

afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pageAll(query?: string): Promise<ProfileRow[]> {
  const rows: ProfileRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await ok<{ rows: ProfileRow[] }>(
      core.dispatch('users.page', { offset, limit: 1000, sort: [{ key: 'user_id', dir: 'asc' }], ...(query === undefined ? {} : { query }) }),
    );
    rows.push(...page.rows);
    if (page.rows.length < 1000) return rows;
  }
}

const text = (row: ProfileRow, key: string): string | null => (row[key] === null ? null : String(row[key]).toLowerCase());
const time = (row: ProfileRow, key: string): number => Date.parse(String(row[key]));
const num = (row: ProfileRow, key: string): number => Number(row[key]);
const words = (row: ProfileRow): string[] =>
  ['user_id', 'user_email', 'user_name'].flatMap((k) => (text(row, k) ?? '').split(/[^\p{L}\p{N}]+/u).filter(Boolean));
const ids = (rows: ProfileRow[]): string[] => rows.map((r) => String(r.user_id));

async function expectQuery(query: string, predicate: (row: ProfileRow) => boolean): Promise<number> {
  const expected = ids(users.filter(predicate));
  expect(ids(await pageAll(query)), query).toEqual(expected);
  const { count } = await ok<{ count: number }>(core.dispatch('users.count', { query }));
  expect(count, query).toBe(expected.length);
  return expected.length;
}

describe('the issue examples, against an independent predicate', () => {
  it('has data that makes the examples meaningful', () => {
    expect(users.length).toBeGreaterThan(1000);
  });

  it('first_country_code:FR last_seen:>now-7d', async () => {
    const n = await expectQuery('first_country_code:FR last_seen:>now-7d', (r) => text(r, 'first_country_code') === 'fr' && time(r, 'last_seen') > NOW - 7 * DAY);
    expect(n).toBeGreaterThan(0);
  });

  it('user_email:*@DOMAIN -last_browser_name:Safari (negation keeps profiles without a browser)', async () => {
    const domain = String(users.find((u) => u.account_id !== null && u.user_email !== null)!.user_email).split('@')[1]!;
    const n = await expectQuery(
      `user_email:*@${domain} -last_browser_name:Safari`,
      (r) => (text(r, 'user_email') ?? '').endsWith(`@${domain.toLowerCase()}`) && text(r, 'last_browser_name') !== 'safari',
    );
    expect(n).toBeGreaterThan(0);
    // The complement of a match, NULLs included.
    const notSafari = await expectQuery('-last_browser_name:Safari', (r) => text(r, 'last_browser_name') !== 'safari');
    expect(notSafari).toBe(users.length - users.filter((u) => text(u, 'last_browser_name') === 'safari').length);
  });

  it('(last_device_type:mobile OR last_device_type:tablet) session_count:>=5', async () => {
    const n = await expectQuery(
      '(last_device_type:mobile OR last_device_type:tablet) session_count:>=5',
      (r) => ['mobile', 'tablet'].includes(text(r, 'last_device_type') ?? '') && num(r, 'session_count') >= 5,
    );
    expect(n).toBeGreaterThan(0);
  });

  it('-account_id:* and account_id:*', async () => {
    const without = await expectQuery('-account_id:*', (r) => r.account_id === null);
    const withAccount = await expectQuery('account_id:*', (r) => r.account_id !== null);
    expect(without).toBeGreaterThan(0);
    expect(without + withAccount).toBe(users.length);
  });

  it('"first last" as a phrase of a real name', async () => {
    const name = String(users.find((u) => typeof u.user_name === 'string' && String(u.user_name).includes(' '))!.user_name);
    const [first, last] = name.toLowerCase().split(/\s+/);
    const n = await expectQuery(`"${first} ${last}"`, (r) => {
      const w = words(r);
      return w.some((word, i) => word === first && (w[i + 1] ?? '').startsWith(last!));
    });
    expect(n).toBeGreaterThan(0);
  });

  it('first_seen:<now-6M last_seen:>now-30d (still active after six months)', async () => {
    // NOW is 2025-04-28, so six months ago is 2024-10-28.
    expect(new Date(NOW).toISOString().slice(0, 10)).toBe('2025-04-28');
    const n = await expectQuery('first_seen:<now-6M last_seen:>now-30d', (r) => time(r, 'first_seen') < Date.UTC(2024, 9, 28) && time(r, 'last_seen') > NOW - 30 * DAY);
    expect(n).toBeGreaterThan(0);
  });

  it('view_count:[10 TO 20] includes both ends', async () => {
    const n = await expectQuery('view_count:[10 TO 20]', (r) => num(r, 'view_count') >= 10 && num(r, 'view_count') <= 20);
    expect(n).toBeGreaterThan(0);
    expect(users.some((u) => num(u, 'view_count') === 10 || num(u, 'view_count') === 20)).toBe(true);
  });

  it('last_seen:[2025-03-01 TO 2025-04-01] with dates as UTC midnight', async () => {
    const n = await expectQuery('last_seen:[2025-03-01 TO 2025-04-01]', (r) => time(r, 'last_seen') >= Date.UTC(2025, 2, 1) && time(r, 'last_seen') <= Date.UTC(2025, 3, 1));
    expect(n).toBeGreaterThan(0);
  });

  it('last_country_code:(FR OR DE) @last_device_type:mobile', async () => {
    const n = await expectQuery('last_country_code:(FR OR DE) @last_device_type:mobile', (r) => ['fr', 'de'].includes(text(r, 'last_country_code') ?? '') && text(r, 'last_device_type') === 'mobile');
    expect(n).toBeGreaterThan(0);
  });

  it('combines a query with column filters and a segment', async () => {
    await ok(core.dispatch('segments.save', { name: 'Mobile', entity: 'users', query: 'last_device_type:mobile' }));
    const rows = await ok<{ rows: ProfileRow[] }>(
      core.dispatch('users.page', { offset: 0, limit: 1000, segment: 'mobile', query: 'session_count:>=3', filter: { op: 'exists', key: 'account_id' }, sort: [{ key: 'user_id', dir: 'asc' }] }),
    );
    expect(ids(rows.rows)).toEqual(ids(users.filter((r) => text(r, 'last_device_type') === 'mobile' && num(r, 'session_count') >= 3 && r.account_id !== null)).slice(0, 1000));
  });
});

describe('errors', () => {
  it('a malformed query is bad_query with its position, never everything', async () => {
    const r = await core.dispatch('users.page', { offset: 0, limit: 10, query: 'session_count:>=5 (last_device_type:mobile' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_query', details: { position: 42, expected: '")"' } } });
  });

  it('an unknown key suggests the nearest', async () => {
    const r = await core.dispatch('users.count', { query: 'last_browser:Chrome' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_query', message: expect.stringContaining('did you mean "last_browser_name"?') } });
  });

  it('account keys are checked against accounts', async () => {
    expect(await core.dispatch('accounts.count', { query: 'user_count:>=2' })).toMatchObject({ ok: true });
    expect(await core.dispatch('accounts.count', { query: 'session_count:>1 user_email:x' })).toMatchObject({ ok: false, error: { code: 'bad_query' } });
  });
});
