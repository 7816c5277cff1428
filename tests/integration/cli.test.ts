/**
 * The built `profile-desk` CLI, spawned as an analyst runs it: exit codes, messages without
 * stack traces, import summaries, listings and profile details over the RUM fixtures.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../common/types';
import { FIXTURES, ensureCliBuilt, isolatedEnv, runCli, startCli } from './built-cli';

const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => join(FIXTURES, f));
let dir: string;
let env: NodeJS.ProcessEnv;
let db: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-cli-'));
  env = isolatedEnv(dir);
  db = join(dir, 'profiles.db');
  const imported = await runCli(['--db', db, 'import', ...fixtureFiles], env);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(['--db', db, ...args], env);

function expectUsageError(r: { code: number | null; stderr: string; stdout: string }, text: string | RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(text);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('usage', () => {
  it('prints help and exits 0', async () => {
    const r = await runCli(['--help'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: profile-desk/);
    for (const cmd of ['import', 'users', 'accounts', 'show', 'serve']) expect(r.stdout).toContain(cmd);
  });

  it('rejects bad command lines with exit 2 and one clear line', async () => {
    expectUsageError(await runCli([], env), /Missing command/);
    expectUsageError(await cli('frobnicate'), /Unknown command "frobnicate"/);
    expectUsageError(await cli('users', '--frob'), /Unknown flag --frob for "users"/);
    expectUsageError(await cli('users', '--sort'), /Missing value for --sort/);
    expectUsageError(await cli('users', '--limit', 'ten'), /--limit must be a whole number/);
    expectUsageError(await cli('users', '--limit', '5', '--all'), /either --limit or --all/);
    expectUsageError(await cli('users', '--json=yes'), /--json takes no value/);
    expectUsageError(await cli('import'), /Usage: profile-desk import FILE/);
    expectUsageError(await cli('show', 'thing', 'x'), /show user\|account ID/);
    expectUsageError(await cli('serve', '--port', '70000'), /--port must be a whole number from 0 to 65535/);
    expectUsageError(await runCli(['users', '--db'], env), /Missing value for --db/);
  });

  it('validates sort keys against the canonical keys and lists the valid ones', async () => {
    const r = await cli('users', '--sort', 'lastseen');
    expectUsageError(r, /Unknown sort key "lastseen" for users/);
    expect(r.stderr).toContain('last_seen');
    expect(r.stderr).toContain('session_count');
    expectUsageError(await cli('accounts', '--sort', 'user_email'), /Valid keys: account_id, account_name/);
    expectUsageError(await cli('users', '--sort', 'last_seen:down'), /asc or desc/);
  });
});

describe('import', () => {
  it('prints a readable summary and --json the ImportSummary', async () => {
    const fresh = join(dir, 'fresh.db');
    const r = await runCli(['--db', fresh, 'import', ...fixtureFiles.slice(0, 3)], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Imported 3 files in /);
    expect(r.stdout).toMatch(/Records\s+\d+ read, \d+ imported, 0 skipped/);
    expect(r.stdout).toMatch(/Users\s+\d+ new, \d+ updated/);

    const again = await runCli(['--db', fresh, 'import', '--json', fixtureFiles[0]!], env);
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout) as ImportSummary;
    expect(summary.files).toHaveLength(1);
    expect(summary.files[0]!.status).toBe('imported');
    expect(summary.cancelled).toBe(false);
    expect(summary.users.new).toBe(0); // same events again: nothing new
  });

  it('exits 0 with skipped records and names them file:line', async () => {
    const file = join(dir, 'mixed.ndjson');
    const good = { date: Date.UTC(2025, 0, 1), type: 'view', usr: { id: 'mixed-1' }, view: { id: 'v1' }, session: { id: 's1' } };
    writeFileSync(file, `${JSON.stringify(good)}\nnot json at all\n{"type":"view","usr":{"id":"no-time"}}\n`);
    const r = await cli('import', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 read, 1 imported, 2 skipped/);
    expect(r.stdout).toContain(`${file}:2`);
    expect(r.stdout).toContain(`${file}:3`);
  });

  it('exits 1 when a file fails, and refuses missing files up front', async () => {
    const broken = join(dir, 'broken.json.gz');
    writeFileSync(broken, 'this is not gzip');
    const r = await cli('import', broken);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Failed files:');

    const missing = await cli('import', join(dir, 'nope.ndjson'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Nothing imported\..*nope\.ndjson: no such file/);
  });

  it('Ctrl-C cancels the running file and leaves the store unchanged', { timeout: 90_000 }, async () => {
    const file = join(dir, 'big.ndjson');
    const lines: string[] = [];
    for (let n = 0; n < 200_000; n++) {
      lines.push(JSON.stringify({ date: 1.7e12 + n, type: 'view', usr: { id: `big-${n % 5000}` }, view: { id: `v${n}` }, session: { id: `s${n % 9000}` } }));
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const cancelDb = join(dir, 'cancel.db');
    const child = startCli(['--db', cancelDb, 'import', '--progress', file], env);
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    // The first progress line comes after the first of ten batches is applied: cancel then.
    await new Promise<void>((r) => child.stderr!.setEncoding('utf8').once('data', () => r()));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(130);
    expect(stdout).toMatch(/Cancelled|cancelled/);
    const users = await runCli(['--db', cancelDb, 'users', '--json'], env);
    expect(JSON.parse(users.stdout)).toEqual([]);
  });
});

describe('users and accounts', () => {
  it('--json prints an array of rows keyed by canonical keys with ISO times', async () => {
    const r = await cli('users', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.map((u) => u.user_id)).toEqual(expect.arrayContaining(['1586212', '1000344937', '4815162342']));
    for (const row of rows) {
      expect(row).toHaveProperty('session_count');
      expect(String(row.last_seen)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('sorts and limits; --all pages through everything', async () => {
    const desc = JSON.parse((await cli('users', '--json', '--sort', 'last_seen:desc')).stdout) as Array<{ last_seen: string }>;
    const times = desc.map((r) => r.last_seen);
    expect(times).toEqual([...times].sort().reverse());
    const one = await cli('users', '--json', '--sort', 'last_seen:desc', '--limit', '1');
    expect(JSON.parse(one.stdout)).toEqual([desc[0]]);
    const all = JSON.parse((await cli('users', '--json', '--all')).stdout) as unknown[];
    expect(all).toHaveLength(desc.length);
  });

  it('prints an aligned table and says when rows were left out', async () => {
    const r = await cli('users', '--limit', '1', '--sort', 'user_id');
    expect(r.code).toBe(0);
    const [header, row, extra] = r.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^USER ID\s+EMAIL\s+NAME/);
    expect(row).toMatch(/^\S+/);
    expect(extra).toBeUndefined();
    expect(r.stderr).toMatch(/Showing 1 of \d+ users/);
    expect((await cli('accounts')).code).toBe(0);
  });
});

describe('show', () => {
  it('shows a user with pages, actions and sessions', async () => {
    const r = await cli('show', 'user', '1586212');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^User 1586212/);
    expect(r.stdout).toContain('alice.doe@example.com');
    expect(r.stdout).toContain('Most visited pages');
    expect(r.stdout).toContain('Frequent actions');
    expect(r.stdout).toMatch(/Sessions \(\d+\)/);
    const json = JSON.parse((await cli('show', 'user', '1586212', '--json')).stdout) as { profile: { user_id: string } };
    expect(json.profile.user_id).toBe('1586212');
  });

  it('reports an unknown id on stderr with exit 1', async () => {
    const r = await cli('show', 'user', 'nobody-here');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nobody-here/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await cli('show', 'account', 'nobody-here')).code).toBe(1);
  });
});

describe('database location', () => {
  it('uses $PROFILE_DESK_DB, else the desktop app folder', async () => {
    const viaEnv = join(dir, 'env.db');
    expect((await runCli(['users'], isolatedEnv(dir, { PROFILE_DESK_DB: viaEnv }))).code).toBe(0);
    expect(existsSync(viaEnv)).toBe(true);

    const home = mkdtempSync(join(tmpdir(), 'profile-desk-home-'));
    try {
      expect((await runCli(['accounts'], isolatedEnv(home))).code).toBe(0);
      const expected =
        process.platform === 'darwin'
          ? join(home, 'Library', 'Application Support', 'Profile Desk', 'profiles.db')
          : process.platform === 'win32'
            ? join(home, 'AppData', 'Profile Desk', 'profiles.db')
            : join(home, '.config', 'Profile Desk', 'profiles.db');
      expect(existsSync(expected)).toBe(true);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
