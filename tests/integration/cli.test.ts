/**
 * The built `profile-desk` CLI, spawned as an analyst runs it: exit codes, messages without
 * stack traces, import summaries, listings and profile details over the RUM fixtures.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../common/types';
import { FIXTURES, ensureCliBuilt, isolatedEnv, runCli, startCli } from './built-cli';
import { importFiles, tempStore } from './helpers';

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
    expectUsageError(await cli('users', '--json', '--json'), /--json is given twice/);
    expectUsageError(await cli('users', 'extra'), /"users" takes no arguments \(got "extra"\)/);
    expectUsageError(await cli('import', '--frob', 'x.ndjson'), /Unknown flag --frob for "import" \(known: --json, --progress\)/);
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
    // The records skipped are problems: stderr, as file:line: reason.
    expect(r.stderr).toContain(`${file}:2: skipped: invalid JSON`);
    expect(r.stderr).toContain(`${file}:3: skipped: no usable time`);
    expect(r.stdout).not.toContain(`${file}:`);
  });

  it('exits 1 when a file fails: the failure on stderr naming the file once, the summary on stdout', async () => {
    const broken = join(dir, 'broken.json.gz');
    writeFileSync(broken, 'this is not gzip');
    const r = await cli('import', broken);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Imported 0 of 1 file in .*; 1 failed\.\n/);
    expect(r.stdout).not.toContain(broken);
    expect(r.stderr).toMatch(/^profile-desk: .*broken\.json\.gz: not a RUM event file/m);
    expect(r.stderr.split(broken).length - 1).toBe(1);

    // --json keeps the failure in the summary too.
    const json = await cli('import', '--json', broken);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as ImportSummary).files[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/not a RUM event file/) });
    expect(json.stderr.split(broken).length - 1).toBe(1);
  });

  it('refuses unreadable paths up front, each on stderr with what is wrong, and imports nothing', async () => {
    const good = fixtureFiles[0]!;
    const missing = join(dir, 'nope.ndjson');
    const r = await cli('import', good, missing, dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`profile-desk: ${missing}: no such file\n`);
    expect(r.stderr).toContain(`profile-desk: ${dir}: is a folder, not a file\n`);
    expect(r.stderr).toMatch(/Nothing imported: 2 files cannot be read\./);
    expect(r.stderr).not.toContain(good);
  });

  // Root reads any file whatever its mode, so this only means something for other users; the
  // wording itself is unit-tested with a fabricated EACCES (main/cli/files.test.ts).
  it.skipIf(process.getuid?.() === 0)('says "permission denied" for a file it may not read, not "no such file"', async () => {
    const locked = join(dir, 'locked.ndjson');
    writeFileSync(locked, '{}\n');
    chmodSync(locked, 0o000);
    const r = await cli('import', locked);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${locked}: permission denied`);
  });

  it('goes through the dispatcher: --json prints the imports.start job’s summary; --progress draws its progress', async () => {
    const viaCli = await runCli(['--db', join(dir, 'dispatch.db'), 'import', '--json', '--progress', ...fixtureFiles], env);
    expect(viaCli.code).toBe(0);
    const store = tempStore();
    try {
      const viaJob = await importFiles(store.core, fixtureFiles);
      const timeless = (s: ImportSummary) => ({ ...s, durationMs: 0 });
      expect(timeless(JSON.parse(viaCli.stdout) as ImportSummary)).toEqual(timeless(viaJob));
    } finally {
      await store.cleanup();
    }
    // Progress lines from the job's job.progress events: the file (or the job's label before the
    // first file starts) and a count of events; nothing else on stderr.
    const lines = viaCli.stderr.trim().split('\n');
    expect(lines.some((line) => /^\S+\.json {2}\d+% {2}[\d,]+ events/.test(line))).toBe(true);
    for (const line of lines) expect(line).toMatch(/^(\S+\.json|14 files)( {2}\d+%)? {2}[\d,]+ events/);
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
  it('read commands on a store that does not exist fail with "no store at PATH" and create nothing', async () => {
    const folder = join(dir, 'not-yet');
    const missing = join(folder, 'profiles.db');
    for (const args of [['users'], ['accounts', '--json'], ['show', 'user', '1586212']]) {
      const r = await runCli(['--db', missing, ...args], env);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^profile-desk: no store at ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(existsSync(folder)).toBe(false);
    }
  });

  it('uses $PROFILE_DESK_DB, else the desktop app folder', async () => {
    const viaEnv = join(dir, 'env.db');
    expect((await runCli(['import', fixtureFiles[0]!], isolatedEnv(dir, { PROFILE_DESK_DB: viaEnv }))).code).toBe(0);
    expect(existsSync(viaEnv)).toBe(true);
    expect((await runCli(['users'], isolatedEnv(dir, { PROFILE_DESK_DB: viaEnv }))).code).toBe(0);

    const home = mkdtempSync(join(tmpdir(), 'profile-desk-home-'));
    try {
      expect((await runCli(['import', fixtureFiles[0]!], isolatedEnv(home))).code).toBe(0);
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
