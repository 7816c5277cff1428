/**
 * The built CLI against the Salesforce test server (tests/servers/salesforce.ts): a source whose
 * password and security token come from the environment (`{"env": …}`), synced over the real
 * jsforce; the secrets appear neither in any output nor in the store's bytes (database and
 * WAL); a wrong password is refused saying so; a missing variable is named before anything.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionInfo, SyncReport } from '../../common/attributes';
import type { ProfileRow } from '../../common/keys';
import { contact, contactObject, DEFAULT_USER, startSalesforceServer, type SalesforceTestServer } from '../servers/salesforce';
import { ensureCliBuilt, isolatedEnv, runCli, type CliResult } from './built-cli';
import { event, writeEvents } from './helpers';

let dir: string;
let db: string;
let sf: SalesforceTestServer;
let sourceJson: string;
const outputs: CliResult[] = [];
const SECRETS = { SF_PASSWORD: DEFAULT_USER.password, SF_TOKEN: DEFAULT_USER.securityToken };

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-cli-sf-'));
  db = join(dir, 'profiles.db');
  sf = await startSalesforceServer({
    objects: [contactObject([contact(0, { LTV__c: 99.5, VIP__c: false }), contact(1, { LTV__c: 1234.5, VIP__c: true }), contact(2, { Email: 'stranger@elsewhere.com' })])],
  });
  const users = [0, 1, 3].map((n) => ({ id: `u${n}`, email: `user${n}@example.com` }));
  const events = users.map((usr, i) => event(i, { usr, session: { id: `s${i}`, type: 'user' } }));
  const imported = await runCli(['--db', db, 'import', writeEvents(dir, 'events.ndjson', events)], isolatedEnv(dir));
  expect(imported.code, imported.stderr).toBe(0);
  sourceJson = join(dir, 'salesforce.json');
  writeFileSync(sourceJson, JSON.stringify({
    name: 'Salesforce contacts',
    kind: 'salesforce',
    entity: 'users',
    connection: {
      name: 'Salesforce test',
      loginUrl: sf.url,
      auth: 'password',
      username: DEFAULT_USER.username,
      password: { env: 'SF_PASSWORD' },
      securityToken: { env: 'SF_TOKEN' },
    },
    table: 'Contact',
    join: { column: 'Email', attribute: 'user_email' },
    attributes: [{ column: 'LTV__c', name: 'ltv' }, { column: 'VIP__c', name: 'vip' }, { column: 'Tier__c', name: 'tier' }],
    schedule: 'hourly',
  }));
}, 180_000);

afterAll(async () => {
  await sf?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: NodeJS.ProcessEnv = SECRETS): Promise<CliResult> {
  const r = await runCli(['--db', db, ...args], isolatedEnv(dir, env));
  outputs.push(r);
  return r;
}

describe('a Salesforce source from the CLI, secrets from the environment', () => {
  it('names a missing variable, and refuses a wrong password saying which credential, before syncing', async () => {
    const missing = await cli(['sources', 'add', '--file', sourceJson], { SF_TOKEN: SECRETS.SF_TOKEN });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`profile-desk: ${sourceJson}: connection.password: the environment variable SF_PASSWORD is not set\n`);
    const wrong = await cli(['sources', 'add', '--file', sourceJson], { ...SECRETS, SF_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('profile-desk: Salesforce refused the username or password (INVALID_LOGIN)\n');
    // The connection this failed command created is not left behind.
    expect((await cli(['connections', 'list'], {})).stdout).toBe('No connections.\n');
    expect(wrong.stdout).toBe('');
  });

  it('adds and syncs the source with the password given as {"env": …}', async () => {
    const r = await cli(['sources', 'add', '--file', sourceJson]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Saved source "Salesforce contacts" and synced it: 3 rows read, 2 matched, 1 unmatched, 0 duplicates in .+\.\n$/);
    expect(r.stderr).toContain('1 key matched no user: stranger@elsewhere.com');

    const users = JSON.parse((await cli(['users', '--all', '--json', '--sort', 'user_id'])).stdout) as ProfileRow[];
    expect(users.map((u) => [u.user_id, u.ltv, u.vip])).toEqual([['u0', 99.5, false], ['u1', 1234.5, true], ['u3', null, null]]);
  });

  it('lists, tests and re-syncs the connection without asking for the secrets again', async () => {
    const list = JSON.parse((await cli(['connections', 'list', '--json'], {})).stdout) as ConnectionInfo[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'Salesforce test', kind: 'salesforce' });
    expect(list[0]!.secrets.sort()).toEqual(['password', 'securityToken']);
    const test = await cli(['connections', 'test', 'Salesforce test'], {});
    expect(test.code, test.stderr).toBe(0);
    expect(test.stdout).toMatch(/^Connected to "Salesforce test" as .+\.\n$/);
    const sync = await cli(['sources', 'sync', 'Salesforce contacts', '--json'], {});
    expect(sync.code, sync.stderr).toBe(0);
    expect(JSON.parse(sync.stdout) as SyncReport).toMatchObject({ rows: 3, matched: 2, unmatched: 1, duplicates: 0, unmatchedKeys: ['stranger@elsewhere.com'] });
    // Editing from the same file without the variables keeps the saved secrets.
    const unchanged = await cli(['sources', 'add', '--file', sourceJson, '--replace', '--no-sync']);
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect((await cli(['connections', 'test', 'Salesforce test'], {})).code).toBe(0);
    const listed = await cli(['sources', 'list'], {});
    expect(listed.stdout).toMatch(/Salesforce contacts\s+salesforce\s+users\s+Contact\s+ltv, vip, tier/);
  });

  it('never shows the secrets, and never stores them in plain text', () => {
    for (const { stdout, stderr } of outputs) {
      for (const secret of Object.values(SECRETS)) {
        expect(stdout).not.toContain(secret);
        expect(stderr).not.toContain(secret);
      }
    }
    // The WAL is folded into the database when the CLI closes it; whatever is left is read too.
    const files = [db, `${db}-wal`, `${db}-shm`].filter((f) => existsSync(f));
    expect(files).toContain(db);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of Object.values(SECRETS)) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${file}`).toBe(false);
      }
    }
    expect(existsSync(join(dir, 'secrets.key'))).toBe(true);
  });
});
