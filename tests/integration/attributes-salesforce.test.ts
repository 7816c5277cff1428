/**
 * A Salesforce source through the core's API, with the real jsforce against the local test
 * server: a paged sync, an expired session refreshed, refused credentials, field errors and a
 * server dying mid-sync (the previous values stay), scheduled catch-up, and secrets that never
 * leave the core.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionInfo, SourceInfo, SyncReport, SyncRun } from '../../common/attributes';
import type { ProfileRow } from '../../common/keys';
import type { JobFinished } from '../../common/types';
import { createCore } from '../../main/core/core';
import { configureSalesforceHttp } from '../../main/core/attributes/salesforce';
import { contactObject, DEFAULT_USER, makeContacts, startSalesforceServer, type SalesforceTestServer } from '../servers/salesforce';
import { event, importFiles, jobFinished as finished, ok, tempStore, writeEvents, type TempStore } from './helpers';

configureSalesforceHttp({ maxRetries: 0 });

const CONTACTS = 4_500;
/** Users user0…user59 have events; Contacts cover user0…user4499. */
const USERS = 60;

let store: TempStore;
let sf: SalesforceTestServer;

beforeEach(async () => {
  store = tempStore();
  sf = await startSalesforceServer({ objects: [contactObject(makeContacts(CONTACTS))] });
  const events = Array.from({ length: USERS }, (_, n) => event(n, { usr: { id: `u${n}`, email: `user${n}@example.com` } }));
  await importFiles(store.core, [writeEvents(store.dir, 'events.ndjson', events)]);
});
afterEach(async () => {
  await store.cleanup();
  await sf.close();
});

const connection = (fields: Record<string, string> = {}) => ({
  name: 'Acme org',
  kind: 'salesforce' as const,
  fields: { loginUrl: sf.url, auth: 'password', username: DEFAULT_USER.username, password: DEFAULT_USER.password, securityToken: DEFAULT_USER.securityToken, ...fields },
});

const SOURCE = {
  name: 'Contacts',
  kind: 'salesforce' as const,
  entity: 'users' as const,
  connection: 'Acme org',
  table: 'Contact',
  join: { column: 'Email', attribute: 'user_email' },
  attributes: [
    { column: 'LTV__c', name: 'ltv' },
    { column: 'VIP__c', name: 'vip' },
    { column: 'Signed_Up__c', name: 'signed_up' },
    { column: 'Tier__c', name: 'tier' },
  ],
};


async function addAndSync(core = store.core): Promise<SyncReport> {
  await ok(core.dispatch('connections.save', connection()));
  const { jobId } = await ok<{ source: SourceInfo; jobId: string }>(core.dispatch('sources.save', { source: SOURCE }));
  const done = await finished(core, jobId);
  if (!done.ok) throw new Error(done.error.message);
  return done.result as SyncReport;
}

async function syncAgain(): Promise<JobFinished> {
  const { jobId } = await ok<{ jobId: string }>(store.core.dispatch('sources.sync', { name: 'Contacts' }));
  return finished(store.core, jobId);
}

const user = async (id: string): Promise<ProfileRow> =>
  (await ok<{ rows: ProfileRow[] }>(store.core.dispatch('users.page', { offset: 0, limit: 1, query: `user_id:${id}` }))).rows[0]!;

describe('a Salesforce source', () => {
  it('reads every page of the object and types the values from the field types', async () => {
    const report = await addAndSync();
    expect(report).toMatchObject({ status: 'ok', rows: CONTACTS, matched: USERS, unmatched: CONTACTS - USERS, duplicates: 0 });
    expect(sf.stats.pages).toBeGreaterThanOrEqual(3);
    const record = sf.objects[0]!.records.find((r) => r.Email === 'user7@example.com')!;
    expect(await user('u7')).toMatchObject({
      ltv: record.LTV__c,
      vip: record.VIP__c,
      signed_up: new Date(Date.parse(String(record.Signed_Up__c))).toISOString(),
      tier: record.Tier__c,
    });
    const count = await ok<{ count: number }>(store.core.dispatch('users.count', { query: 'ltv:>500' }));
    const expected = sf.objects[0]!.records.filter((r) => Number(String(r.Email).match(/\d+/)![0]) < USERS && Number(r.LTV__c) > 500).length;
    expect(count.count).toBe(expected);
  });

  it('signs in again when the session expires mid-way, and says who it is connected as', async () => {
    await addAndSync();
    sf.expireAccessTokens();
    const done = await syncAgain();
    expect(done).toMatchObject({ ok: true, result: { status: 'ok', rows: CONTACTS } });
    expect(await ok(store.core.dispatch('connections.test', { name: 'Acme org' }))).toEqual({ identity: DEFAULT_USER.username });
  });

  it('names the refused credential', async () => {
    await ok(store.core.dispatch('connections.save', connection({ password: 'wrong-password' })));
    const test = await store.core.dispatch('connections.test', { name: 'Acme org' });
    expect(test).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    if (!test.ok) {
      expect(test.error.message).toMatch(/password/i);
      expect(test.error.message).not.toContain('wrong-password');
    }
  });

  it('keeps the previous values when a field is refused or the server dies mid-sync', async () => {
    await addAndSync();
    const before = await user('u7');

    sf.rejectField('Contact', 'LTV__c');
    const refused = await syncAgain();
    expect(refused).toMatchObject({ ok: false, error: { code: 'source_failed', message: expect.stringMatching(/LTV__c/) } });
    expect(await user('u7')).toEqual(before);

    sf.rejectField('Contact', 'none');
    sf.objects[0] = contactObject(makeContacts(CONTACTS).map((r) => ({ ...r, LTV__c: 1 })));
    sf.dieAfterPages(1);
    const died = await syncAgain();
    expect(died).toMatchObject({ ok: false, error: { code: 'source_failed' } });
    expect(await user('u7')).toEqual(before);

    const { runs } = await ok<{ runs: SyncRun[] }>(store.core.dispatch('sources.history', { name: 'Contacts' }));
    expect(runs.map((r) => r.status)).toEqual(['failed', 'failed', 'ok']);
  });

  it('catches up an overdue scheduled sync at launch', async () => {
    await addAndSync();
    await ok(store.core.dispatch('sources.save', { source: { ...SOURCE, schedule: 'hourly' }, replace: true, sync: false }));
    await store.core.close();
    const later = Date.now() + 2 * 3_600_000;
    const core = createCore({ dbPath: store.dbPath, now: () => later, scheduleSyncs: true });
    try {
      const report = await new Promise<JobFinished>((resolve) => {
        const off = core.events.subscribe((m) => {
          if (m.event === 'job.finished') {
            off();
            resolve(m.data as JobFinished);
          }
        });
      });
      expect(report).toMatchObject({ ok: true, kind: 'sync', result: { trigger: 'schedule', status: 'ok' } });
      const { sources } = await ok<{ sources: SourceInfo[] }>(core.dispatch('sources.list', {}));
      // An hour after the catch-up started (on the sync thread, whose clock runs on from `later`).
      const next = Date.parse(sources[0]!.nextSyncAt!);
      expect(next).toBeGreaterThanOrEqual(later + 3_600_000);
      expect(next).toBeLessThan(later + 3_660_000);
    } finally {
      await core.close();
      store.core = createCore({ dbPath: store.dbPath });
    }
  });

  it('keeps secrets out of client payloads, logs and the store file', async () => {
    const logged: string[] = [];
    await store.core.close();
    store.core = createCore({ dbPath: store.dbPath, log: (line) => logged.push(line) });
    await addAndSync();
    await ok(store.core.dispatch('connections.save', connection({ password: 'wrong-password' }))).catch(() => undefined);
    await store.core.dispatch('connections.test', { name: 'Acme org' });

    const { connections } = await ok<{ connections: ConnectionInfo[] }>(store.core.dispatch('connections.list', {}));
    expect(connections[0]!.secrets.sort()).toEqual(['password', 'securityToken']);
    const payload = JSON.stringify(connections);
    for (const secret of [DEFAULT_USER.password, DEFAULT_USER.securityToken, 'wrong-password']) {
      expect(payload).not.toContain(secret);
      expect(logged.join('\n')).not.toContain(secret);
      for (const file of readdirSync(store.dir).filter((f) => f.startsWith('profiles.db'))) {
        expect(readFileSync(join(store.dir, file)).includes(Buffer.from(secret)), file).toBe(false);
      }
    }
  });
});
