/**
 * The Salesforce test server itself: its SOQL reader, paging, the demo data set matching the
 * app's sample data, and the CLI entry other tests and the Playwright setup start.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEvents } from '../../main/core/sample/generator';
import { SAMPLE } from '../../main/core/sample/sample-data';
import { demoObjects } from '../servers/salesforce';
import { parseSoql, planSoql, SoqlError } from '../servers/salesforce-soql';

describe('the test server\'s SOQL', () => {
  const objects = [{ name: 'Contact', label: 'Contact', fields: [{ name: 'Id', type: 'id' }, { name: 'Email', type: 'email' }], records: [
    { Id: '3', Email: 'b@x' }, { Id: '1', Email: null }, { Id: '2', Email: 'A@x' }, { Id: '4', Email: 'a@x' },
  ] }];

  it('reads the statement the connector sends', () => {
    expect(parseSoql('SELECT Email, Id FROM Contact ORDER BY Email ASC NULLS LAST, Id ASC LIMIT 5')).toEqual({
      fields: ['Email', 'Id'], object: 'Contact', limit: 5,
      orderBy: [{ field: 'Email', descending: false, nullsLast: true }, { field: 'Id', descending: false, nullsLast: false }],
    });
  });

  it('sorts as Salesforce does: text without regard to case, nulls where asked, then the next key', () => {
    const ids = (soql: string) => planSoql(soql, objects, new Set()).order.map((i) => objects[0]!.records[i]!.Id);
    expect(ids('SELECT Id FROM Contact ORDER BY Email ASC NULLS LAST, Id ASC')).toEqual(['2', '4', '3', '1']);
    expect(ids('SELECT Id FROM contact ORDER BY email ASC, Id DESC')).toEqual(['1', '4', '2', '3']);
    expect(ids('SELECT Id FROM Contact ORDER BY Id ASC LIMIT 2')).toEqual(['1', '2']);
  });

  it('answers with Salesforce\'s error codes', () => {
    const code = (soql: string, rejected = new Set<string>()) => {
      try {
        planSoql(soql, objects, rejected);
      } catch (err) {
        return (err as SoqlError).errorCode;
      }
      return null;
    };
    expect(code('SELECT Email FROM Contact WHERE Email != null')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Email FROM Lead')).toBe('INVALID_TYPE');
    expect(code('SELECT Bogus FROM Contact')).toBe('INVALID_FIELD');
    expect(code('SELECT Email FROM Contact', new Set(['contact.email']))).toBe('INVALID_FIELD');
    expect(code('SELECT Email FROM Contact ORDER BY Email ASC')).toBeNull();
  });
});

describe('the demo data set', () => {
  it('matches the bundled sample data for most Contacts (by email) and Accounts (by External_Id__c)', () => {
    const emails = new Set<string>();
    const accounts = new Set<string>();
    for (const e of generateEvents({ ...SAMPLE, days: 90 })) {
      const usr = e.usr as { email?: string } | undefined;
      if (usr?.email) emails.add(usr.email.toLowerCase());
      const account = e.account as { id?: string } | undefined;
      if (account?.id) accounts.add(account.id);
    }
    const [contact, account] = demoObjects();
    expect(contact!.records).toHaveLength(3_000);
    expect(account!.records).toHaveLength(50);
    const matched = contact!.records.filter((r) => typeof r.Email === 'string' && emails.has(r.Email.toLowerCase()));
    expect(matched.length).toBeGreaterThanOrEqual(2_300);
    expect(contact!.records.filter((r) => r.Email === null)).toHaveLength(10);
    expect(contact!.records.some((r) => typeof r.Email === 'string' && /^user\d+@example\.com$/.test(r.Email))).toBe(true);
    const matchedAccounts = account!.records.filter((r) => accounts.has(String(r.External_Id__c)));
    expect(matchedAccounts.length).toBeGreaterThanOrEqual(40);
  });
});

describe('the CLI entry', () => {
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('prints its URL and serves the demo data set', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'tests/servers/salesforce.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout! });
    const url = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child!.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await fetch(`${url}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password', client_id: 'profile-desk-test-client', client_secret: 'test-client-secret',
        username: 'analyst@example.com', password: 'correct-horse-batterySECTOKEN42',
      }),
    }).then((r) => r.json() as Promise<{ access_token: string; instance_url: string }>);
    expect(token.instance_url).toBe(url);
    const page = await fetch(`${url}/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Contact ORDER BY Id ASC')}`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    }).then((r) => r.json() as Promise<{ totalSize: number; records: unknown[]; nextRecordsUrl: string }>);
    expect(page.totalSize).toBe(3_000);
    expect(page.records).toHaveLength(2_000);
    expect(page.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w+-2000$/);
  });
});
