/**
 * The Snowflake connector with the real snowflake-sdk against the local Snowflake test server:
 * every way of logging in and each refusal naming its credential, tables and columns from
 * INFORMATION_SCHEMA, SQL errors, and the driver's hygiene (no request anywhere else, no
 * snowflake.log in the working folder, caches in the private folder, no secret in a message).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnowflakeFields } from '../../common/attributes';
import { openSnowflake } from '../../main/core/attributes/snowflake';
import type { Connector } from '../../main/core/attributes/connector';
import { ApiError } from '../../main/core/dispatcher';
import { startSnowflakeServer, type SnowflakeServer } from '../servers/snowflake';
import { accountsLtv, enterpriseView, recordConnections, rsaKeyPair } from '../servers/snowflake-fixtures';

const PASSWORD = 'correct-horse-battery';
const PAT = 'pat-secret-0123456789';
const PASSPHRASE = 'key-passphrase-42';
const SECRETS = [PASSWORD, PAT, PASSPHRASE, 'wrong-password-xyz', 'wrong-pat-xyz', 'wrong-passphrase-xyz'];

let server: SnowflakeServer;
let dir: string;
let keyPath: string;
let otherKeyPath: string;
let connections: Awaited<ReturnType<typeof recordConnections>>;
const errors: string[] = [];
const opened: Connector[] = [];

function connector(fields: Partial<SnowflakeFields> & Pick<SnowflakeFields, 'auth'>, openBrowser?: (url: string) => void): Connector {
  const c = openSnowflake({ account: 'acct', accessUrl: server.url, username: 'alice', ...fields }, { privateDir: dir, openBrowser });
  opened.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  errors.push((err as ApiError).message);
  return err as ApiError;
}

beforeAll(async () => {
  connections = await recordConnections();
  dir = mkdtempSync(join(tmpdir(), 'snowflake-connector-'));
  const key = rsaKeyPair(PASSPHRASE);
  const other = rsaKeyPair();
  keyPath = join(dir, 'rsa_key.p8');
  otherKeyPath = join(dir, 'other_key.p8');
  writeFileSync(keyPath, key.privateKey, { mode: 0o600 });
  writeFileSync(otherKeyPath, other.privateKey, { mode: 0o600 });
  server = await startSnowflakeServer({
    users: [{ name: 'ALICE', password: PASSWORD, publicKey: key.publicKey, pat: PAT, sso: true, role: 'ANALYST' }],
    tables: [accountsLtv(), enterpriseView()],
  });
});

afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  connections?.stop();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('logging in', () => {
  it('with a password says who we are', async () => {
    await expect(connector({ auth: 'password', password: PASSWORD }).identity()).resolves.toBe('ALICE (role ANALYST)');
  });

  it('with a role sets it for the session', async () => {
    await expect(connector({ auth: 'password', password: PASSWORD, role: 'REPORTER' }).identity()).resolves.toBe('ALICE (role REPORTER)');
  });

  it('names the refused password', async () => {
    const err = await failure(connector({ auth: 'password', password: 'wrong-password-xyz' }).identity());
    expect(err.code).toBe('auth_failed');
    expect(err.message).toBe('Snowflake refused the password for user alice (390100)');
  });

  it('with a key pair signs a JWT the server verifies against the public key', async () => {
    const c = connector({ auth: 'keypair', privateKeyPath: keyPath, privateKeyPass: PASSPHRASE });
    await expect(c.identity()).resolves.toBe('ALICE (role ANALYST)');
  });

  it('names the refused key pair when the key is not the registered one', async () => {
    const err = await failure(connector({ auth: 'keypair', privateKeyPath: otherKeyPath }).identity());
    expect(err.code).toBe('auth_failed');
    expect(err.message).toBe('Snowflake refused the key pair for user alice (390144)');
  });

  it('refuses a wrong passphrase and a missing key file before sending anything', async () => {
    const before = server.requests.length;
    const wrong = await failure(connector({ auth: 'keypair', privateKeyPath: keyPath, privateKeyPass: 'wrong-passphrase-xyz' }).identity());
    expect(wrong.code).toBe('auth_failed');
    expect(wrong.message).toContain('its passphrase is wrong');
    const missing = await failure(connector({ auth: 'keypair', privateKeyPath: join(dir, 'nope.p8') }).identity());
    expect(missing.message).toBe(`The private key file ${join(dir, 'nope.p8')} could not be read (ENOENT)`);
    expect(server.requests.length).toBe(before);
  });

  it('with a programmatic access token, and names it when refused', async () => {
    await expect(connector({ auth: 'pat', token: PAT }).identity()).resolves.toBe('ALICE (role ANALYST)');
    const err = await failure(connector({ auth: 'pat', token: 'wrong-pat-xyz' }).identity());
    expect(err.message).toBe('Snowflake refused the programmatic access token for user alice (394400)');
  });

  it('with external-browser SSO through the host browser', async () => {
    const visited: string[] = [];
    // The "browser": opens the login page (the driver builds it from the host alone, https and
    // no port, so it is pointed at the test server) and follows its redirect back to the driver.
    const browser = (url: string): void => {
      visited.push(url);
      const page = new URL(url);
      void fetch(`${server.url}${page.pathname}${page.search}`).then((r) => r.text(), () => undefined);
    };
    await expect(connector({ auth: 'sso' }, browser).identity()).resolves.toBe('ALICE (role ANALYST)');
    expect(visited).toHaveLength(1);
    expect(new URL(visited[0]!).pathname).toBe('/console/login');
  });

  it('refuses SSO without a host browser instead of launching one', async () => {
    const err = await failure(connector({ auth: 'sso' }).identity());
    expect(err.code).toBe('invalid_input');
  });

  it('says the account did not answer when nothing listens', async () => {
    const c = openSnowflake({ account: 'acct', accessUrl: 'http://127.0.0.1:1', username: 'alice', auth: 'password', password: PASSWORD }, { privateDir: dir });
    opened.push(c);
    const started = Date.now();
    const err = await failure(c.identity());
    expect(err.code).toBe('source_failed');
    expect(err.message).toMatch(/^Snowflake at http:\/\/127\.0\.0\.1:1 did not answer \(.*ECONNREFUSED/);
    // The driver alone would retry for about three minutes.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 40_000);
});

describe('tables and columns', () => {
  it('lists tables and views as DB.SCHEMA.TABLE, searched without regard to case', async () => {
    const c = connector({ auth: 'password', password: PASSWORD });
    expect(await c.tables()).toEqual([
      { name: 'ANALYTICS.PUBLIC.ACCOUNTS_LTV', label: 'ANALYTICS.PUBLIC.ACCOUNTS_LTV' },
      { name: 'ANALYTICS.REPORTING.ENTERPRISE_ACCOUNTS', label: 'ANALYTICS.REPORTING.ENTERPRISE_ACCOUNTS', detail: 'view' },
    ]);
    expect((await c.tables('public.accounts')).map((t) => t.name)).toEqual(['ANALYTICS.PUBLIC.ACCOUNTS_LTV']);
    expect((await c.tables('Enterprise')).map((t) => t.name)).toEqual(['ANALYTICS.REPORTING.ENTERPRISE_ACCOUNTS']);
  });

  it('binds the search: quotes and wildcards are plain text', async () => {
    const c = connector({ auth: 'password', password: PASSWORD });
    await expect(c.tables("x' OR '1'='1")).resolves.toEqual([]);
    await expect(c.tables('%')).resolves.toEqual([]);
    expect(server.queries.some((q) => q.includes("'1'='1"))).toBe(false);
  });

  it('limits the list to the connection database and schema', async () => {
    const c = connector({ auth: 'password', password: PASSWORD, database: 'analytics', schema: 'reporting' });
    expect((await c.tables()).map((t) => t.name)).toEqual(['ANALYTICS.REPORTING.ENTERPRISE_ACCOUNTS']);
  });

  it('maps column types to attribute types', async () => {
    const columns = await connector({ auth: 'password', password: PASSWORD }).columns('analytics.public.accounts_ltv');
    expect(columns.map((c) => [c.name, c.sourceType, c.type])).toEqual([
      ['ACCOUNT_ID', 'TEXT', 'text'],
      ['LTV', 'NUMBER(38,2)', 'number'],
      ['TIER', 'TEXT', 'text'],
      ['RENEWAL_DATE', 'DATE', 'time'],
      ['IS_ENTERPRISE', 'BOOLEAN', 'boolean'],
      ['UPDATED_AT', 'TIMESTAMP_NTZ', 'time'],
      ['SEATS', 'NUMBER(38,0)', 'number'],
      ['HEALTH', 'FLOAT', 'number'],
      ['TRAITS', 'VARIANT', 'text'],
    ]);
  });

  it('says when a table does not exist', async () => {
    const c = connector({ auth: 'password', password: PASSWORD });
    const err = await failure(c.columns('ANALYTICS.PUBLIC.NOPE'));
    expect(err.code).toBe('source_failed');
    expect(err.message).toContain('ANALYTICS.PUBLIC.NOPE');
    const read = await failure(c.preview('ANALYTICS.PUBLIC.NOPE', ['ID'], 'ID', 5));
    expect(read.code).toBe('source_failed');
    expect(read.message).toMatch(/does not exist or not authorized\. \(002003\)$/);
  });
});

describe('hygiene', () => {
  it('ends its session on close, twice without harm', async () => {
    const c = openSnowflake({ account: 'acct', accessUrl: server.url, username: 'alice', auth: 'password', password: PASSWORD }, { privateDir: dir });
    await c.identity();
    const before = server.stats.logouts;
    await c.close();
    await c.close();
    expect(server.stats.logouts).toBe(before + 1);
  });

  it('talked to nothing but the test server, wrote no snowflake.log, kept its caches private', async () => {
    const hosts = new Set(connections.targets.map((t) => t.host));
    expect([...hosts].every((h) => h === '127.0.0.1' || h === 'localhost')).toBe(true);
    expect(connections.targets.some((t) => t.port === server.port)).toBe(true);
    expect(existsSync(join(process.cwd(), 'snowflake.log'))).toBe(false);
    expect(process.env.SF_OCSP_RESPONSE_CACHE_DIR?.startsWith(dir)).toBe(true);
    expect(process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION).toBe('true');
    const paths = new Set(server.requests.map((r) => r.path.replace(/^\/queries\/[^/]+\/abort-request$/, '/queries/ID/abort-request')));
    for (const p of paths) expect(['/session/v1/login-request', '/queries/v1/query-request', '/session', '/console/login', '/telemetry/send', '/session/token-request', '/queries/ID/abort-request']).toContain(p);
  });

  it('put no secret in any error message', () => {
    expect(errors.length).toBeGreaterThan(5);
    for (const message of errors) for (const secret of SECRETS) expect(message).not.toContain(secret);
  });
});
