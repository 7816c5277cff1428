/**
 * The built CLI's custom attribute commands over a CSV reference table, end to end: `sources
 * add` (relative CSV path, first sync, report), `sources list`, typed values in `users --json`,
 * `show`, `export` and `--sort`, `sources sync --json` after the file changed, a failed sync that
 * keeps the previous values (exit 1, reason on stderr), and `sources remove`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceInfo, SyncReport } from '../../common/attributes';
import type { ProfileRow } from '../../common/keys';
import { ensureCliBuilt, isolatedEnv, runCli } from './built-cli';
import { event, writeEvents } from './helpers';

let dir: string;
let env: NodeJS.ProcessEnv;
let db: string;
let sourceJson: string;
let csvPath: string;

const CSV = '\uFEFFEmail,LTV,Tier,VIP,Signed up\r\n' +
  'ann@acme.com,150.5,gold,yes,2024-03-05T10:00:00+02:00\r\n' +
  ' BOB@ACME.COM ,80,"silver, ""plus""",false,2024-03-06\r\n' +
  'zed@nowhere.com,99,tin,no,2024-01-01\r\n' +
  'ann@acme.com,1,dup,no,2020-01-01\r\n';

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-cli-sources-'));
  env = isolatedEnv(dir);
  db = join(dir, 'store', 'profiles.db');
  const users = [
    { id: 'u1', email: 'ann@acme.com' },
    { id: 'u2', email: 'bob@acme.com' },
    { id: 'u3', email: 'cy@acme.com' },
  ];
  const events = users.map((usr, i) => event(i, { usr, session: { id: `s${i}`, type: 'user' } }));
  const imported = await runCli(['--db', db, 'import', writeEvents(dir, 'events.ndjson', events)], env);
  expect(imported.code, imported.stderr).toBe(0);

  mkdirSync(join(dir, 'sources', 'data'), { recursive: true });
  csvPath = join(dir, 'sources', 'data', 'crm.csv');
  writeFileSync(csvPath, CSV);
  sourceJson = join(dir, 'sources', 'crm.json');
  writeFileSync(sourceJson, JSON.stringify({
    name: 'CRM',
    kind: 'csv',
    entity: 'users',
    path: 'data/crm.csv',
    join: { column: 'Email', attribute: 'user_email' },
    attributes: [
      { column: 'LTV', name: 'ltv' },
      { column: 'Tier', name: 'tier' },
      { column: 'VIP', name: 'vip', type: 'boolean' },
      { column: 'Signed up', name: 'signed_up', type: 'time' },
    ],
  }));
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(['--db', db, ...args], env);

async function usersJson(...args: string[]): Promise<ProfileRow[]> {
  const r = await cli('users', '--all', '--json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ProfileRow[];
}

const byId = (rows: ProfileRow[]) => Object.fromEntries(rows.map((r) => [r.user_id, r]));

describe('sources over a CSV, through the built CLI', () => {
  it('adds the source from SOURCE.json (path relative to it) and reports its first sync on one line', async () => {
    // The CLI runs in the repository's folder: the CSV path is relative to the JSON file, not to it.
    const r = await cli('sources', 'add', '--file', sourceJson);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Saved source "CRM" and synced it: 4 rows read, 2 matched, 1 unmatched, 1 duplicate in .+\.\n$/);
    expect(r.stderr).toContain('1 key matched no user: zed@nowhere.com');
    expect(r.stderr).toContain('the first row of each key was kept): ann@acme.com');
  });

  it('lists the source with its attributes and last sync', async () => {
    const r = await cli('sources', 'list');
    expect(r.code, r.stderr).toBe(0);
    const [header, row] = r.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^NAME\s+KIND\s+ENTITY\s+TABLE\s+ATTRIBUTES\s+LAST SYNC \(UTC\)\s+STATUS\s+NEXT SYNC \(UTC\)$/);
    expect(row).toMatch(/^CRM\s+csv\s+users\s+crm\.csv\s+ltv, tier, vip, signed_up\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+ok, 4 rows\s+manual$/);
    const json = JSON.parse((await cli('sources', 'list', '--json')).stdout) as SourceInfo[];
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ name: 'CRM', kind: 'csv', entity: 'users', path: 'crm.csv', lastSync: { status: 'ok', rows: 4, matched: 2 } });
    expect(json[0]!.attributes.map((a) => [a.name, a.type])).toEqual([['ltv', 'number'], ['tier', 'text'], ['vip', 'boolean'], ['signed_up', 'time']]);
  });

  it('shows the attributes typed in users --json, show, export, queries and sorting', async () => {
    const rows = byId(await usersJson());
    expect(rows.u1).toMatchObject({ ltv: 150.5, tier: 'gold', vip: true, signed_up: '2024-03-05T08:00:00.000Z' });
    expect(rows.u2).toMatchObject({ ltv: 80, tier: 'silver, "plus"', vip: false, signed_up: '2024-03-06T00:00:00.000Z' });
    expect(rows.u3).toMatchObject({ ltv: null, tier: null, vip: null, signed_up: null });

    expect((await usersJson('--query', 'ltv:>100')).map((r) => r.user_id)).toEqual(['u1']);
    expect((await usersJson('--sort', 'ltv:desc')).map((r) => r.user_id).slice(0, 2)).toEqual(['u1', 'u2']);

    const show = await cli('show', 'user', 'u1');
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/\nFrom CRM\n\s+\S.*150\.5\n/);
    expect(show.stdout).toMatch(/\s+true\n/);
    const showJson = JSON.parse((await cli('show', 'user', 'u2', '--json')).stdout) as { profile: ProfileRow };
    expect(showJson.profile).toMatchObject({ ltv: 80, vip: false });

    const exported = await cli('export', 'users', '--out', '-', '--columns', 'user_id,ltv,vip,tier', '--sort', 'user_id');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.trimEnd().split(/\r?\n/)).toEqual(['user_id,ltv,vip,tier', 'u1,150.5,true,gold', 'u2,80,false,"silver, ""plus"""', 'u3,,,']);

    const badSort = await cli('users', '--sort', 'ltvv');
    expect(badSort.code).toBe(2);
    expect(badSort.stderr).toMatch(/Unknown sort key "ltvv".*ltv, tier, vip, signed_up/);
  });

  it('syncs again after the file changed, --json printing the report', async () => {
    writeFileSync(csvPath, 'Email,LTV,Tier,VIP,Signed up\ncy@acme.com,300,gold,1,2024-05-01T00:00:00Z\nann@acme.com,10,tin,0,2024-03-05\n');
    const r = await cli('sources', 'sync', 'CRM', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as SyncReport;
    expect(report).toMatchObject({ source: 'CRM', status: 'ok', rows: 2, matched: 2, unmatched: 0, duplicates: 0, unmatchedKeys: [] });
    const rows = byId(await usersJson());
    expect(rows.u3).toMatchObject({ ltv: 300, vip: true });
    expect(rows.u1).toMatchObject({ ltv: 10, vip: false, tier: 'tin' });
    expect(rows.u2).toMatchObject({ ltv: null });
  });

  it('exits 1 with the reason when a sync fails, and keeps the previous values', async () => {
    writeFileSync(csvPath, 'Email,LTV,Tier,VIP,Signed up\ncy@acme.com,"unterminated\n');
    const r = await cli('sources', 'sync', 'CRM', '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^profile-desk: Sync of "CRM" failed: .+ \(the previous values are kept\)\n$/);
    expect(byId(await usersJson()).u3).toMatchObject({ ltv: 300 });
    const unknown = await cli('sources', 'sync', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Sync not started: .*nope/);
  });

  it('refuses a SOURCE.json mistake by its field, before saving anything', async () => {
    const bad = join(dir, 'sources', 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(sourceJson, 'utf8')), name: 'Other', attributes: [{ column: 'LTV', name: 'Lifetime Value' }] }));
    const r = await cli('sources', 'add', '--file', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`profile-desk: ${bad}: attributes[0].name: lower snake case (a-z, 0-9, _), starting with a letter\n`);
    const usage = await cli('sources', 'add');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Missing --file SOURCE\.json/);
    expect(JSON.parse((await cli('sources', 'list', '--json')).stdout)).toHaveLength(1);
  });

  it('removes the source and its attributes everywhere', async () => {
    const r = await cli('sources', 'remove', 'CRM');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Removed source "CRM" and its attributes ltv, tier, vip, signed_up.\n');
    const rows = await usersJson();
    expect(rows[0]).not.toHaveProperty('ltv');
    expect((await cli('sources', 'list')).stdout).toBe('No sources.\n');
    const again = await cli('sources', 'remove', 'CRM');
    expect(again.code).toBe(1);
  });
});
