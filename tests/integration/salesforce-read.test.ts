/**
 * Reading with the Salesforce connector against the test server with the real jsforce:
 * objects and fields with their types, a read over several 2,000-record pages in key order,
 * fetched only as fast as it is consumed, the preview, refused fields and names, a server that
 * dies mid-read or is not there, and cancel.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSalesforce } from '../../main/core/attributes/salesforce';
import type { Connector, RawValue } from '../../main/core/attributes/connector';
import { CancelledError } from '../../main/core/jobs/cancelled';
import {
  account, accountObject, contact, contactObject, otherObjects, startSalesforceServer, type SalesforceTestServer, type TestRecord,
} from '../servers/salesforce';
import { apiErrorOf, collect, expectNoSecret, passwordFields } from './salesforce-support';

// jsforce applies HTTP(S)_PROXY (read when it loads) even to 127.0.0.1: with a dead proxy in the
// environment every test here would fail unless the connector keeps loopback hosts direct.
vi.hoisted(() => {
  process.env.HTTP_PROXY = 'http://127.0.0.1:9';
  process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
});

const ROWS = 4_500;
let sf: SalesforceTestServer;
let connector: Connector;
const signal = (): AbortSignal => new AbortController().signal;

/** 4,500 Contacts in a shuffled order: 40 without email, 60 sharing an email with another, mixed letter case. */
function contacts(): TestRecord[] {
  const records = Array.from({ length: ROWS }, (_, n) => {
    if (n % 100 === 7) return contact(n, { Email: null });
    if (n % 75 === 11) return contact(n, { Email: `user${n - 1}@example.com` });
    return contact(n, n % 13 === 0 ? { Email: `User${n}@Example.com` } : {});
  });
  return records.sort((a, b) => ((String(a.Id).charCodeAt(14) * 31 + String(a.Id).charCodeAt(13)) % 17) - ((String(b.Id).charCodeAt(14) * 31 + String(b.Id).charCodeAt(13)) % 17));
}

beforeAll(async () => {
  sf = await startSalesforceServer({ objects: [contactObject(contacts()), accountObject([account(0), account(1)]), ...otherObjects()] });
  connector = openSalesforce(passwordFields(sf), { saveSecrets: () => undefined });
});
afterAll(async () => {
  await connector.close();
  await sf.close();
});

describe('objects and fields', () => {
  it('lists the queryable objects by label, custom ones marked, filtered by name or label', async () => {
    expect(await connector.tables()).toEqual([
      { name: 'Account', label: 'Account' },
      { name: 'Contact', label: 'Contact' },
      { name: 'Lead', label: 'Lead' },
      { name: 'Subscription__c', label: 'Subscription', detail: 'custom object' },
    ]);
    expect((await connector.tables('CONT')).map((t) => t.name)).toEqual(['Contact']);
    expect((await connector.tables('subscription__')).map((t) => t.name)).toEqual(['Subscription__c']);
    expect(await connector.tables('nothing-like-this')).toEqual([]);
  });

  it('maps Salesforce field types to attribute types', async () => {
    const columns = await connector.columns('contact');
    const byName = Object.fromEntries(columns.map((c) => [c.name, c]));
    expect(byName.LTV__c).toEqual({ name: 'LTV__c', label: 'Lifetime Value', sourceType: 'currency', type: 'number' });
    expect(byName.Seats__c?.type).toBe('number');
    expect(byName.VIP__c?.type).toBe('boolean');
    expect(byName.Signed_Up__c).toMatchObject({ sourceType: 'datetime', type: 'time' });
    expect(byName.Birthdate).toMatchObject({ sourceType: 'date', type: 'time' });
    for (const text of ['Id', 'Email', 'AccountId', 'Tier__c', 'Phone', 'Description']) expect(byName[text]?.type).toBe('text');
    const account = await connector.columns('Account');
    expect(account.find((c) => c.name === 'NumberOfEmployees')?.type).toBe('number');
    expect(account.find((c) => c.name === 'Health__c')).toMatchObject({ sourceType: 'percent', type: 'number' });
  });
});

describe('read', () => {
  it('returns every row over several pages, ordered by the key (nulls last) then Id, typed', async () => {
    const pagesBefore = sf.stats.pages;
    const columns = ['Email', 'Id', 'LTV__c', 'VIP__c', 'Signed_Up__c', 'Birthdate', 'Tier__c'];
    const { rows, batches } = await collect(connector.read({ table: 'Contact', columns, keyColumn: 'email', signal: signal() }));
    expect(rows).toHaveLength(ROWS);
    expect(batches).toBe(3);
    expect(sf.stats.pages - pagesBefore).toBe(3);
    expect(new Set(rows.map((r) => r[1])).size).toBe(ROWS);

    const key = (r: RawValue[]): string | null => (r[0] === null ? null : String(r[0]).toLowerCase());
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      if (key(a) === null) expect(key(b)).toBeNull();
      else if (key(b) !== null) expect(key(a)! <= key(b)!).toBe(true);
      if (key(a) === key(b)) expect(String(a[1]) < String(b[1])).toBe(true);
    }
    expect(rows.slice(-45).filter((r) => r[0] === null)).toHaveLength(45);

    const n = 1_234;
    const row = rows.find((r) => r[0] === `user${n}@example.com`)!;
    const source = contact(n);
    expect(row).toEqual([
      `user${n}@example.com`, source.Id, source.LTV__c, false,
      Date.UTC(2023, 0, 1) + n * 3_600_000 + 123, Date.UTC(1974, 10, 3), source.Tier__c,
    ]);
    expect(rows.find((r) => r[0] === 'user7@example.com')).toBeUndefined();
    expect(rows.find((r) => r[0] === 'User13@Example.com')?.[3]).toBe(false);
    expect(rows.find((r) => r[0] === 'user14@example.com')?.[3]).toBe(true);
  });

  it('fetches the next page only when the reader asks for it', async () => {
    const before = sf.stats.pages;
    const pages = connector.read({ table: 'Contact', columns: ['Email'], keyColumn: 'Email', signal: signal() })[Symbol.asyncIterator]();
    expect((await pages.next()).value).toHaveLength(2_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(sf.stats.pages - before).toBe(1);
    await pages.return?.(undefined);
  });

  it('previews the first rows in the same order', async () => {
    const all = await collect(connector.read({ table: 'Account', columns: ['External_Id__c', 'Name'], keyColumn: 'External_Id__c', signal: signal() }));
    expect(await connector.preview('Account', ['External_Id__c', 'Name'], 'External_Id__c', 1)).toEqual(all.rows.slice(0, 1));
    const preview = await connector.preview('Contact', ['Email', 'Id'], 'Email', 2_500);
    expect(preview).toHaveLength(2_500);
    expect(sf.stats.requests.at(-2)).toMatch(/^GET \/services\/data\/v61\.0\/query$/);
  });

  it('refuses names that are not the object\'s own, so nothing can be injected', async () => {
    const read = (table: string, columns: string[], keyColumn = 'Email') => collect(connector.read({ table, columns, keyColumn, signal: signal() }));
    expect(await apiErrorOf(read('Contact WHERE Email != null', ['Email']))).toMatchObject({ code: 'invalid_input' });
    expect(await apiErrorOf(read('Contact', ['Email, (SELECT Id FROM Cases)']))).toMatchObject({ code: 'invalid_input' });
    expect(await apiErrorOf(read('Contact', ['Email'], 'Email ASC, Id'))).toMatchObject({ code: 'invalid_input' });
    expect(await apiErrorOf(read('Contact', ['Email'], 'Description'))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/cannot sort/) as string });
    expect(await apiErrorOf(read('Opportunity', ['Id'], 'Id'))).toMatchObject({ code: 'source_failed', message: expect.stringMatching(/no object Opportunity/) as string });
  });

  it('reports a field Salesforce refuses as source_failed, on one line', async () => {
    sf.rejectField('Contact', 'LTV__c');
    const err = await apiErrorOf(collect(connector.read({ table: 'Contact', columns: ['Email', 'LTV__c'], keyColumn: 'Email', signal: signal() })));
    expect(err.code).toBe('source_failed');
    expect(err.message).toMatch(/^Salesforce could not read Contact: No such column 'LTV__c' on entity 'Contact'.*\(INVALID_FIELD\)$/);
    expect(err.message).not.toContain('\n');
  });
});

describe('failures mid-read', () => {
  it('a server that dies after the first page fails the read as source_failed', async () => {
    const dying = await startSalesforceServer({ objects: [contactObject(contacts())] });
    const fields = passwordFields(dying);
    const reader = openSalesforce(fields, { saveSecrets: () => undefined });
    try {
      const pages = reader.read({ table: 'Contact', columns: ['Email'], keyColumn: 'Email', signal: signal() })[Symbol.asyncIterator]();
      expect((await pages.next()).value).toHaveLength(2_000);
      dying.dieAfterPages(0);
      const err = await apiErrorOf(pages.next());
      expect(err.code).toBe('source_failed');
      expect(err.message).toBe(`Salesforce at ${dying.url} did not answer (connection reset)`);
      expectNoSecret(err.message, fields);
    } finally {
      await dying.close();
    }
  });

  it('a server that is not there is named, without the token the identity URL carries', async () => {
    const gone = await startSalesforceServer({ objects: [] });
    const fields = passwordFields(gone);
    const reader = openSalesforce(fields, { saveSecrets: () => undefined });
    await reader.tables();
    await gone.close();
    const err = await apiErrorOf(reader.identity());
    // The first request may meet the kept-alive socket the server closed: reset rather than refused.
    expect(err.code).toBe('source_failed');
    expect(err.message).toMatch(new RegExp(`^Salesforce at ${gone.url} did not answer \\(connection (refused|reset)\\)$`));
    expectNoSecret(err.message, fields);
    const login = await apiErrorOf(openSalesforce(fields, { saveSecrets: () => undefined }).identity());
    expect(login.message).toBe(`Salesforce at ${gone.url} did not answer (connection refused)`);
  });

  it('stops with CancelledError when cancelled between pages, and before it starts', async () => {
    const controller = new AbortController();
    const pages = connector.read({ table: 'Contact', columns: ['Email'], keyColumn: 'Email', signal: controller.signal })[Symbol.asyncIterator]();
    await pages.next();
    controller.abort();
    await expect(pages.next()).rejects.toBeInstanceOf(CancelledError);

    const aborted = new AbortController();
    aborted.abort();
    await expect(collect(connector.read({ table: 'Contact', columns: ['Email'], keyColumn: 'Email', signal: aborted.signal })))
      .rejects.toBeInstanceOf(CancelledError);
  });

  it('stops at once when cancelled while a page is on its way', async () => {
    const controller = new AbortController();
    const pages = connector.read({ table: 'Contact', columns: ['Email'], keyColumn: 'Email', signal: controller.signal })[Symbol.asyncIterator]();
    await pages.next();
    const next = pages.next();
    controller.abort();
    await expect(next).rejects.toBeInstanceOf(CancelledError);
  });
});
