/**
 * Reading Snowflake tables with the real snowflake-sdk against the local test server: order
 * (key first, nulls last), types (TIMESTAMP_NTZ and DATE as UTC in a machine and a session in
 * other zones), a 150k-row result in chunks arriving complete, in order and pulled at the
 * consumer's pace, a renewed session, an SQL error, the server dying mid-read, and cancel.
 */
// The machine's zone must not matter (the session's TIMEZONE is America/Los_Angeles).
process.env.TZ = 'America/New_York';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnowflakeFields } from '../../common/attributes';
import { openSnowflake } from '../../main/core/attributes/snowflake';
import type { Connector, RawValue } from '../../main/core/attributes/connector';
import { ApiError } from '../../main/core/dispatcher';
import { isCancelled } from '../../main/core/jobs/cancelled';
import { startSnowflakeServer, type SnowflakeServer } from '../servers/snowflake';
import { accountsLtv, bigTable } from '../servers/snowflake-fixtures';

const BIG = 150_000;
const COLUMNS = ['ACCOUNT_ID', 'LTV', 'TIER', 'RENEWAL_DATE', 'IS_ENTERPRISE', 'UPDATED_AT', 'SEATS', 'HEALTH', 'TRAITS'];

let server: SnowflakeServer;
let dir: string;
const opened: Connector[] = [];

function connector(url = server.url): Connector {
  const fields: SnowflakeFields = { account: 'acct', accessUrl: url, username: 'ALICE', auth: 'password', password: 'alice-password' };
  const c = openSnowflake(fields, { privateDir: dir });
  opened.push(c);
  return c;
}

async function readAll(c: Connector, table: string, columns: string[], keyColumn: string, signal = new AbortController().signal): Promise<RawValue[][]> {
  const rows: RawValue[][] = [];
  for await (const batch of c.read({ table, columns, keyColumn, signal })) rows.push(...batch);
  return rows;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'snowflake-read-'));
  server = await startSnowflakeServer({ tables: [accountsLtv(), bigTable(BIG)] });
});

afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const EXPECTED: RawValue[][] = [
  // Duplicate keys: the rest of the columns decide, so the same row comes first on every sync.
  ['acct-00001', 99, 'duplicate', Date.UTC(2024, 0, 1), false, Date.UTC(2024, 0, 1), 2, 0.1, null],
  ['acct-00001', 1234.56, 'gold', Date.UTC(2026, 0, 15), true, Date.UTC(2025, 2, 2, 4, 5, 6, 789), 250, 0.9, '{"plan":"enterprise"}'],
  ['acct-00002', 250.5, 'silver', Date.UTC(2025, 8, 30), false, Date.UTC(2025, 2, 1, 23, 30), 12, 0.75, '{"plan":"team","seats":[1,2]}'],
  ['acct-00003', 0, 'bronze', null, false, null, 1, null, null],
  // A row without a key comes last.
  [null, 10, 'orphan', null, null, null, null, null, null],
];

describe('reading a table', () => {
  it('orders by the key (nulls last) and keeps each type: NTZ and DATE in UTC, VARIANT as JSON text', async () => {
    expect(new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset()).toBe(300);
    const rows = await readAll(connector(), 'analytics.public.accounts_ltv', COLUMNS, 'ACCOUNT_ID');
    expect(rows).toEqual(EXPECTED);
    expect(server.queries.at(-1)).toBe(
      'SELECT "ACCOUNT_ID", "LTV", "TIER", "RENEWAL_DATE", "IS_ENTERPRISE", "UPDATED_AT", "SEATS", "HEALTH", "TRAITS" FROM "ANALYTICS"."PUBLIC"."ACCOUNTS_LTV" ' +
        'ORDER BY "ACCOUNT_ID" NULLS LAST, "LTV", "TIER", "RENEWAL_DATE", "IS_ENTERPRISE", "UPDATED_AT", "SEATS", "HEALTH", "TRAITS"',
    );
  });

  it('previews the first rows in the same order', async () => {
    const rows = await connector().preview('ANALYTICS.PUBLIC.ACCOUNTS_LTV', ['TIER', 'ACCOUNT_ID', 'LTV'], 'ACCOUNT_ID', 2);
    expect(rows).toEqual([['duplicate', 'acct-00001', 99], ['gold', 'acct-00001', 1234.56]]);
    expect(server.queries.at(-1)).toMatch(/ORDER BY "ACCOUNT_ID" NULLS LAST, "TIER", "LTV" LIMIT 2$/);
  });

  it(`reads ${BIG.toLocaleString('en')} rows in chunks, complete and in order, pulled at the consumer's pace`, async () => {
    const c = connector();
    const chunksBefore = server.stats.chunksServed;
    let count = 0;
    let previous = '';
    let paused = false;
    const wrong: unknown[] = [];
    for await (const batch of c.read({ table: 'ANALYTICS.PUBLIC.EVENTS_BIG', columns: ['USER_KEY', 'N', 'FLAG', 'AT'], keyColumn: 'USER_KEY', signal: new AbortController().signal })) {
      expect(batch.length).toBeLessThanOrEqual(5_000);
      for (const row of batch) {
        const [key, n, flag, at] = row;
        const right = (key as string) > previous && n === count && flag === (count % 3 === 0) && at === Date.UTC(2025, 0, 1) + count * 1000;
        if (!right && wrong.length < 5) wrong.push({ at: count, row });
        previous = key as string;
        count++;
      }
      if (!paused) {
        // A consumer that stops pulling holds the driver back: it fetches at most a few chunks ahead.
        paused = true;
        await new Promise((r) => setTimeout(r, 1_500));
        expect(server.stats.chunksServed - chunksBefore).toBeLessThanOrEqual(3);
      }
    }
    expect(wrong).toEqual([]);
    expect(count).toBe(BIG);
    expect(server.stats.chunksServed - chunksBefore).toBe(Math.ceil((BIG - 1_000) / 20_000));
  }, 180_000);

  it('renews an expired session and replays the query', async () => {
    const c = connector();
    await c.identity();
    const renewals = server.stats.renewals;
    server.expireSessions();
    expect(await readAll(c, 'ANALYTICS.PUBLIC.ACCOUNTS_LTV', COLUMNS, 'ACCOUNT_ID')).toEqual(EXPECTED);
    expect(server.stats.renewals).toBe(renewals + 1);
  });

  it('turns an SQL error into source_failed with Snowflake message and code', async () => {
    const failing = await startSnowflakeServer({ tables: [accountsLtv()] });
    try {
      failing.failColumn('TIER');
      const err = await readAll(connector(failing.url), 'ANALYTICS.PUBLIC.ACCOUNTS_LTV', COLUMNS, 'ACCOUNT_ID').then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('source_failed');
      expect((err as ApiError).message).toBe(
        `Snowflake could not read ANALYTICS.PUBLIC.ACCOUNTS_LTV: SQL compilation error: error line 1 at position 7 invalid identifier '"TIER"' (000904)`,
      );
    } finally {
      await failing.close();
    }
  });
});

describe('reading stops', () => {
  it('with source_failed, promptly, when the server dies in the middle of a chunk', async () => {
    const dying = await startSnowflakeServer({ tables: [bigTable(60_000, 'DYING')] });
    dying.dieDuringChunk(2);
    let count = 0;
    const started = Date.now();
    const err = await (async () => {
      for await (const batch of connector(dying.url).read({ table: 'ANALYTICS.PUBLIC.DYING', columns: ['USER_KEY', 'N'], keyColumn: 'USER_KEY', signal: new AbortController().signal })) {
        count += batch.length;
      }
    })().then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('source_failed');
    expect((err as ApiError).message).toMatch(new RegExp(`^Snowflake at ${dying.url.replace(/\./g, '\\.')} did not answer`));
    expect(count).toBeLessThan(60_000);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 45_000);

  it('with CancelledError when the job is cancelled mid-read', async () => {
    const controller = new AbortController();
    let count = 0;
    const err = await (async () => {
      for await (const batch of connector().read({ table: 'ANALYTICS.PUBLIC.EVENTS_BIG', columns: ['USER_KEY'], keyColumn: 'USER_KEY', signal: controller.signal })) {
        count += batch.length;
        controller.abort();
      }
    })().then(() => null, (e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
    expect(count).toBe(5_000);
  }, 60_000);

  it('with CancelledError before sending anything when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const queries = server.queries.length;
    const err = await readAll(connector(), 'ANALYTICS.PUBLIC.ACCOUNTS_LTV', ['ACCOUNT_ID'], 'ACCOUNT_ID', controller.signal).then(() => null, (e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
    expect(server.queries.length).toBe(queries);
  });
});
