/**
 * The built CLI's issue-7 commands over a small store made for them: `users --query/--segment`,
 * bad queries (exit 2, the position under a caret), `segments list/save/delete` (and a static
 * list with unmatched ids), `export` (to stdout, checked row by row against `users --json`, and
 * to a file), and `sessions --json` with empty buckets and a breakdown.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTES, USER_KEYS, type ProfileRow } from '../../common/keys';
import type { SegmentInfo } from '../../common/types';
import { ensureCliBuilt, isolatedEnv, runCli } from './built-cli';
import { event, writeEvents } from './helpers';

const DAY = 1440; // minutes
let dir: string;
let env: NodeJS.ProcessEnv;
let db: string;

const visit = (minute: number, user: Record<string, unknown>, session: string, more: Record<string, unknown> = {}) =>
  event(minute, { type: 'view', usr: user, session: { id: session, type: 'user' }, ...more });

// Days from 2025-03-01 (a Saturday). Names exercise the CSV quoting and the formula guard.
const EVENTS = [
  visit(0, { id: 'u1', email: 'ann@acme.com', name: '=HYPERLINK("http://x")' }, 's1', { geo: { country_iso_code: 'FR' }, browser: { name: 'Chrome' } }),
  visit(2 * DAY, { id: 'u1', email: 'ann@acme.com', name: '=HYPERLINK("http://x")' }, 's2', { geo: { country_iso_code: 'FR' }, browser: { name: 'Chrome' } }),
  visit(10, { id: 'u2', email: 'bob@acme.com', name: 'Zoë, "the" one' }, 's3', { geo: { country_iso_code: 'DE' }, browser: { name: 'Safari' } }),
  visit(5 * DAY, { id: 'u3', name: '+plus\nnewline' }, 's4', { geo: { country_iso_code: 'FR' } }),
  visit(2 * DAY + 30, { id: 'u4', email: 'cy@other.com', name: '-minus' }, 's5', { geo: { country_iso_code: 'US' }, browser: { name: 'Firefox' } }),
];

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-cli7-'));
  env = isolatedEnv(dir);
  db = join(dir, 'profiles.db');
  const imported = await runCli(['--db', db, 'import', writeEvents(dir, 'events.ndjson', EVENTS)], env);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(['--db', db, ...args], env);

async function usersJson(...args: string[]): Promise<ProfileRow[]> {
  const r = await cli('users', '--all', '--json', '--sort', 'user_id', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ProfileRow[];
}

const ids = (rows: ProfileRow[]): unknown[] => rows.map((r) => r.user_id);

describe('users --query and --segment', () => {
  it('returns exactly the profiles the query describes (checked in JS over every profile)', async () => {
    const all = await usersJson();
    expect(ids(all)).toEqual(['u1', 'u2', 'u3', 'u4']);
    const lower = (v: unknown): string | null => (typeof v === 'string' ? v.toLowerCase() : null);
    // Negation keeps profiles without a browser (u3): the complement of the match.
    expect(ids(await usersJson('--query=-last_browser_name:safari'))).toEqual(ids(all.filter((u) => lower(u.last_browser_name) !== 'safari')));
    expect(ids(await usersJson('--query', 'user_email:*@acme.com -last_browser_name:Safari')))
      .toEqual(ids(all.filter((u) => lower(u.user_email)?.endsWith('@acme.com') && lower(u.last_browser_name) !== 'safari')));
    expect(ids(await usersJson('--query=-user_email:*'))).toEqual(ids(all.filter((u) => !u.user_email)));
    expect(ids(await usersJson('--query', 'last_country_code:(FR OR DE)'))).toEqual(ids(all.filter((u) => ['FR', 'DE'].includes(String(u.last_country_code)))));
  });

  it('a query starting with "-" is written --query=-…; given apart, the message says so', async () => {
    const r = await cli('users', '--query', '-user_name:john');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/write --query=VALUE/);
  });

  it('says which selection is empty in the table view', async () => {
    const r = await cli('accounts', '--query', 'account_name:nobody');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No accounts matching the query.\n');
  });

  it('a bad query exits 2 with the message, the query and a caret at the position; nothing on stdout', async () => {
    for (const args of [['users', '--json'], ['users'], ['export', 'users', '--out', '-'], ['sessions', '--interval', 'day']]) {
      const r = await cli(...args, '--query', 'user_email:');
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines[0]).toBe('profile-desk: bad query: Expected a value after "user_email:" at position 11');
      expect(lines[1]).toBe('  user_email:');
      expect(lines[2]!.indexOf('^')).toBe(2 + 11);
      expect(lines).toHaveLength(3);
    }
    const unknownKey = await cli('users', '--query', 'first_country_code:FR lastseen:>now-7d');
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toMatch(/^profile-desk: bad query: .*last_seen/);
    const caret = unknownKey.stderr.split('\n')[2]!;
    expect(caret.indexOf('^') - 2).toBe('first_country_code:FR '.length);
  });

  it('an unknown segment exits 2 with a clear message', async () => {
    const r = await cli('users', '--segment', 'nope');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('profile-desk: bad query: No segment named "nope"\n');
  });
});

describe('segments', () => {
  it('save, list (table and --json with live counts), use, combine with a query, delete', async () => {
    const saved = await cli('segments', 'save', 'French', '--entity', 'users', '--query', 'first_country_code:FR');
    expect(saved).toMatchObject({ code: 0, stdout: 'Saved segment "French": 2 users.\n', stderr: '' });
    expect((await cli('segments', 'save', 'french', '--entity', 'users', '--query', 'x:1')).code).toBe(2); // bad query
    const again = await cli('segments', 'save', 'french', '--entity', 'users', '--query', 'user_id:u1');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);

    const list = await cli('segments', 'list', '--json');
    expect(list.code).toBe(0);
    const segments = JSON.parse(list.stdout) as SegmentInfo[];
    expect(segments.map((s) => [s.name, s.entity, s.kind, s.count, s.query])).toEqual([['French', 'users', 'query', 2, 'first_country_code:FR']]);
    const table = await cli('segments', 'list');
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+ENTITY\s+KIND\s+COUNT\s+QUERY$/);
    expect(table.stdout.split('\n')[1]).toMatch(/^French\s+users\s+query\s+2\s+first_country_code:FR$/);

    expect(ids(await usersJson('--segment', 'French'))).toEqual(['u1', 'u3']);
    expect(ids(await usersJson('--segment', 'French', '--query', 'user_email:*'))).toEqual(['u1']);
    expect(ids(await usersJson('--query', 'segment:French OR user_id:u2'))).toEqual(['u1', 'u2', 'u3']);
    expect((await cli('accounts', '--segment', 'French')).code).toBe(2); // a users segment

    expect(await cli('segments', 'delete', 'French')).toMatchObject({ code: 0, stdout: 'Deleted segment "French".\n' });
    expect((await cli('segments', 'list')).stdout).toBe('No segments.\n');
    const gone = await cli('segments', 'delete', 'French');
    expect(gone.code).toBe(1);
    expect(gone.stderr).toBe('profile-desk: No segment named "French"\n');
  });

  it('--ids saves a static list and names the ids that match no profile on stderr', async () => {
    const csv = join(dir, 'list.csv');
    writeFileSync(csv, 'name,user_id\nA,u2\nB,ghost-1\nC,u4\nD,ghost-2\nE,ghost-3\n');
    const r = await cli('segments', 'save', 'listed', '--entity', 'users', '--ids', csv);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Saved segment "listed" from user_id: 2 of 5 ids matched, 3 unmatched.\n');
    expect(r.stderr).toBe('profile-desk: 3 ids in user_id matched no user: ghost-1, ghost-2, ghost-3\n');
    expect(ids(await usersJson('--segment', 'listed'))).toEqual(['u2', 'u4']);
    const list = JSON.parse((await cli('segments', 'list', '--json')).stdout) as SegmentInfo[];
    expect(list.find((s) => s.name === 'listed')).toMatchObject({ kind: 'list', count: 2, query: null });
    expect((await cli('segments', 'delete', 'listed')).code).toBe(0);
  });

  it('rejects incomplete command lines with exit 2', async () => {
    for (const [args, message] of [
      [['segments'], /Missing subcommand/],
      [['segments', 'rename'], /Unknown subcommand "segments rename"/],
      [['segments', 'save', 'x', '--query', 'a'], /Missing --entity/],
      [['segments', 'save', 'x', '--entity', 'users'], /either --query or --ids/],
      [['segments', 'save', 'x', '--entity', 'people', '--query', 'a'], /users or accounts/],
      [['segments', 'delete'], /segments delete NAME/],
    ] as const) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

/** What a CSV cell holds for a value of `users --json`, per the export's rules (RFC 4180 aside). */
function expectedCell(type: string, value: unknown, guard: boolean): string {
  if (value === null) return '';
  if (type !== 'text' && type !== 'country') return String(value); // numbers as is, times already ISO
  const text = String(value);
  return guard && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

describe('export', () => {
  it('--out - writes only the CSV to stdout: every column, every row equal to users --json', async () => {
    const r = await cli('export', 'users', '--out', '-', '--sort', 'user_id');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Exported 4 users to standard output\n');
    const records = parse(r.stdout, { relax_column_count: false }) as string[][];
    expect(records[0]).toEqual(USER_KEYS);
    const rows = await usersJson();
    expect(records).toHaveLength(rows.length + 1);
    rows.forEach((row, i) => {
      expect(records[i + 1]).toEqual(ATTRIBUTES.user.map((a) => expectedCell(a.type, row[a.key], true)));
    });
    expect(r.stdout).toContain('"Zoë, ""the"" one"'); // RFC 4180 quoting, UTF-8 as is
    expect(r.stdout).toContain("'=HYPERLINK");
  });

  it('to a file: the summary on stdout, chosen columns in order, the guard off, a BOM; no temp file left', async () => {
    const out = join(dir, 'export.csv');
    const r = await cli('export', 'users', '--out', out, '--query', 'first_country_code:FR', '--columns', 'user_name,user_id', '--sort', 'user_id:desc', '--no-formula-guard', '--bom');
    expect(r).toMatchObject({ code: 0, stdout: `Exported 2 users to ${out}\n`, stderr: '' });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(parse(text, { bom: true })).toEqual([['user_name', 'user_id'], ['+plus\nnewline', 'u3'], ['=HYPERLINK("http://x")', 'u1']]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('refuses bad input with nothing written', async () => {
    const out = join(dir, 'never.csv');
    for (const [args, code, message] of [
      [['export', 'users'], 2, /Missing --out/],
      [['export', 'people', '--out', out], 2, /users or accounts, not "people"/],
      [['export', 'users', '--out', out, '--sort', 'nope'], 2, /Unknown sort key "nope"/],
      [['export', 'users', '--out', out, '--columns', 'user_id,,x'], 2, /--columns takes keys/],
      [['export', 'users', '--out', out, '--segment', 'nope'], 2, /No segment named "nope"/],
      [['export', 'users', '--out', out, '--columns', 'user_id,bogus'], 1, /bogus/],
      [['export', 'users', '--out', join(dir, 'no-such-folder', 'x.csv')], 1, /no such folder/],
    ] as const) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe('sessions', () => {
  it('--json: every day of the range, 0 when empty; a session counts on the day of its first event', async () => {
    const r = await cli('sessions', '--interval', 'day', '--from', '2025-03-01', '--to', '2025-03-07', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { bucket: '2025-03-01', sessions: 2 },
      { bucket: '2025-03-02', sessions: 0 },
      { bucket: '2025-03-03', sessions: 2 },
      { bucket: '2025-03-04', sessions: 0 },
      { bucket: '2025-03-05', sessions: 0 },
      { bucket: '2025-03-06', sessions: 1 },
      { bucket: '2025-03-07', sessions: 0 },
    ]);
  });

  it('weeks start on Monday; --query narrows the users', async () => {
    const r = await cli('sessions', '--interval', 'week', '--from', '2025-02-20', '--to', '2025-03-12', '--query', 'first_country_code:FR', '--json');
    expect(r.code).toBe(0);
    // FR: u1 (s1 on Sat 03-01, s2 on Mon 03-03) and u3 (s4 on Thu 03-06).
    expect(JSON.parse(r.stdout)).toEqual([
      { bucket: '2025-02-17', sessions: 0 },
      { bucket: '2025-02-24', sessions: 1 },
      { bucket: '2025-03-03', sessions: 2 },
      { bucket: '2025-03-10', sessions: 0 },
    ]);
  });

  it('--breakdown: a value per point, null for none, "other" beyond --top; the table shows a column per value', async () => {
    const args = ['sessions', '--interval', 'week', '--from', '2025-02-24', '--to', '2025-03-03', '--breakdown', 'last_browser_name', '--top', '1'];
    const r = await cli(...args, '--json');
    expect(r.code).toBe(0);
    const points = JSON.parse(r.stdout) as Array<{ bucket: string; sessions: number; value: string | null }>;
    const at = (bucket: string, value: string | null): number | undefined => points.find((p) => p.bucket === bucket && p.value === value)?.sessions;
    expect(points.every((p) => 'value' in p)).toBe(true);
    expect([at('2025-02-24', 'Chrome'), at('2025-02-24', null), at('2025-02-24', 'other')]).toEqual([1, 0, 1]);
    expect([at('2025-03-03', 'Chrome'), at('2025-03-03', null), at('2025-03-03', 'other')]).toEqual([1, 1, 1]);

    const table = await cli(...args);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Sessions per week by last_browser_name, 2025-02-24 to 2025-03-10/);
    expect(lines[2]).toMatch(/^WEEK OF\s+Chrome\s+\(none\)\s+other\s+TOTAL$/);
    expect(lines[3]).toMatch(/^2025-02-24\s+1\s+0\s+1\s+2$/);
    expect(lines[4]).toMatch(/^2025-03-03\s+1\s+1\s+1\s+3$/);
  });

  it('checks its flags', async () => {
    expect((await cli('sessions')).stderr).toMatch(/Missing --interval day\|week/);
    expect((await cli('sessions', '--interval', 'month')).code).toBe(2);
    expect((await cli('sessions', '--interval', 'day', '--top', '3')).stderr).toMatch(/--top goes with --breakdown/);
    const badTime = await cli('sessions', '--interval', 'day', '--from', 'yesterday');
    expect(badTime.code).toBe(1);
    expect(badTime.stderr).toMatch(/"from" must be a date/);
  });
});
