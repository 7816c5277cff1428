/**
 * A Snowflake source of account attributes through the core's API, with the real snowflake-sdk
 * against the local test server: typed values (NTZ times as UTC), one duplicate kept the same way every time,
 * an SQL error keeping the previous values, and a key pair connection whose passphrase stays
 * sealed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../common/attributes';
import type { ProfileRow } from '../../common/keys';
import { startSnowflakeServer, type SnowflakeServer } from '../servers/snowflake';
import { accountsLtv } from '../servers/snowflake-fixtures';
import { event, importFiles, jobFinished, ok, tempStore, writeEvents, type TempStore } from './helpers';

const PASSWORD = 'correct-horse-battery';
let store: TempStore;
let server: SnowflakeServer;

beforeEach(async () => {
  store = tempStore();
  server = await startSnowflakeServer({ users: [{ name: 'ALICE', password: PASSWORD, role: 'ANALYST' }], tables: [accountsLtv()] });
  const events = [1, 2, 3, 4].map((n) =>
    event(n, { usr: { id: `u${n}` }, account: { id: `acct-0000${n}`, name: `Account ${n}` } }),
  );
  await importFiles(store.core, [writeEvents(store.dir, 'events.ndjson', events)]);
});
afterEach(async () => {
  await store.cleanup();
  await server.close();
});

const SOURCE = {
  name: 'Warehouse',
  kind: 'snowflake' as const,
  entity: 'accounts' as const,
  connection: 'Warehouse',
  table: 'ANALYTICS.PUBLIC.ACCOUNTS_LTV',
  join: { column: 'ACCOUNT_ID', attribute: 'account_id' },
  attributes: [
    { column: 'LTV', name: 'ltv' },
    { column: 'TIER', name: 'tier' },
    { column: 'RENEWAL_DATE', name: 'renewal_date' },
    { column: 'IS_ENTERPRISE', name: 'enterprise' },
    { column: 'UPDATED_AT', name: 'updated_at' },
  ],
};


async function accounts(): Promise<ProfileRow[]> {
  return (await ok<{ rows: ProfileRow[] }>(store.core.dispatch('accounts.page', { offset: 0, limit: 10, sort: [{ key: 'account_id', dir: 'asc' }] }))).rows;
}

describe('a Snowflake source', () => {
  it('syncs typed account attributes, times in UTC, duplicates dropped', async () => {
    await ok(store.core.dispatch('connections.save', {
      name: 'Warehouse',
      kind: 'snowflake',
      fields: { account: server.account, accessUrl: server.url, username: 'alice', auth: 'password', password: PASSWORD, warehouse: 'WH', role: 'ANALYST' },
    }));
    const { jobId } = await ok<{ jobId: string }>(store.core.dispatch('sources.save', { source: SOURCE }));
    const done = await jobFinished(store.core, jobId);
    expect(done).toMatchObject({ ok: true });
    const report = (done as { result: SyncReport }).result;
    expect(report).toMatchObject({ rows: 5, matched: 3, unmatched: 0, duplicates: 1, blankKeys: 1 });

    const pick = (r: ProfileRow) => [r.account_id, r.ltv, r.tier, r.renewal_date, r.enterprise, r.updated_at];
    expect((await accounts()).map(pick)).toEqual([
      // A table has no row id: duplicates are ordered by their other columns (LTV 99 before 1234.56).
      ['acct-00001', 99, 'duplicate', '2024-01-01T00:00:00.000Z', false, '2024-01-01T00:00:00.000Z'],
      ['acct-00002', 250.5, 'silver', '2025-09-30T00:00:00.000Z', false, '2025-03-01T23:30:00.000Z'],
      ['acct-00003', 0, 'bronze', null, false, null],
      ['acct-00004', null, null, null, null, null],
    ]);
    expect(await ok(store.core.dispatch('accounts.count', { query: 'enterprise:false ltv:[50 TO 300]' }))).toEqual({ count: 2 });

    server.failColumn('TIER');
    const { jobId: again } = await ok<{ jobId: string }>(store.core.dispatch('sources.sync', { name: 'Warehouse' }));
    expect(await jobFinished(store.core, again)).toMatchObject({ ok: false, error: { code: 'source_failed' } });
    expect((await accounts())[1]).toMatchObject({ tier: 'silver', ltv: 250.5 });
  });

  it('refuses a wrong password by name and keeps it out of the store', async () => {
    await ok(store.core.dispatch('connections.save', {
      name: 'Warehouse',
      kind: 'snowflake',
      fields: { account: server.account, accessUrl: server.url, username: 'alice', auth: 'password', password: 'not-the-password-123' },
    }));
    const test = await store.core.dispatch('connections.test', { name: 'Warehouse' });
    expect(test).toMatchObject({ ok: false, error: { code: 'auth_failed', message: expect.stringMatching(/password/) } });
    for (const file of readdirSync(store.dir).filter((f) => f.startsWith('profiles.db'))) {
      expect(readFileSync(join(store.dir, file)).includes(Buffer.from('not-the-password-123'))).toBe(false);
    }
  });
});
