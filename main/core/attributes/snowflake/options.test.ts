import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionOptions } from './options';
import { driverHost } from './session';
import { selectSql } from './index';

const dir = mkdtempSync(join(tmpdir(), 'snowflake-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { account: 'acct', username: 'ALICE' } as const;

describe('Snowflake connection options', () => {
  it('maps each way of logging in', async () => {
    expect(await connectionOptions({ ...base, auth: 'password', password: 'p', warehouse: 'WH', role: 'R', database: 'D', schema: 'S', accessUrl: 'http://127.0.0.1:5/' }, {})).toMatchObject({
      account: 'acct', username: 'ALICE', password: 'p', warehouse: 'WH', role: 'R', database: 'D', schema: 'S', accessUrl: 'http://127.0.0.1:5',
    });
    expect(await connectionOptions({ ...base, auth: 'pat', token: 't' }, {})).toMatchObject({ authenticator: 'PROGRAMMATIC_ACCESS_TOKEN', token: 't' });
    const opened: string[] = [];
    const sso = await connectionOptions({ ...base, auth: 'sso' }, { openBrowser: (u) => opened.push(u) });
    expect(sso.authenticator).toBe('EXTERNALBROWSER');
    sso.openExternalBrowserCallback!('https://x/console/login');
    expect(opened).toEqual(['https://x/console/login']);
  });

  it('checks the key file before handing its path to the driver', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' },
    });
    const path = join(dir, 'key.p8');
    writeFileSync(path, privateKey);
    expect(await connectionOptions({ ...base, auth: 'keypair', privateKeyPath: path, privateKeyPass: 'pw' }, {})).toMatchObject({
      authenticator: 'SNOWFLAKE_JWT', privateKeyPath: path, privateKeyPass: 'pw',
    });
    await expect(connectionOptions({ ...base, auth: 'keypair', privateKeyPath: path }, {})).rejects.toThrow(/needs its passphrase/);
    await expect(connectionOptions({ ...base, auth: 'keypair', privateKeyPath: path, privateKeyPass: 'no' }, {})).rejects.toThrow(/passphrase is wrong/);
  });

  it('says which credential is missing', async () => {
    await expect(connectionOptions({ ...base, auth: 'password' }, {})).rejects.toThrow('The Snowflake connection for ALICE has no password');
    await expect(connectionOptions({ ...base, auth: 'pat' }, {})).rejects.toThrow(/no programmatic access token/);
    await expect(connectionOptions({ ...base, auth: 'keypair' }, {})).rejects.toThrow(/no private key file/);
    await expect(connectionOptions({ ...base, auth: 'sso' }, {})).rejects.toThrow(/needs a browser/);
  });

  it('knows the host the driver talks to', () => {
    expect(driverHost({ ...base, auth: 'pat', accessUrl: 'http://127.0.0.1:8080' })).toBe('127.0.0.1:8080');
    expect(driverHost({ ...base, auth: 'pat', accessUrl: 'https://Proxy.example.com:443/' })).toBe('proxy.example.com');
    expect(driverHost({ ...base, auth: 'pat', account: 'myorg-acct' })).toBe('myorg-acct.snowflakecomputing.com');
    expect(driverHost({ ...base, auth: 'pat', account: 'xy123.eu-west-1' })).toBe('xy123.eu-west-1.snowflakecomputing.com');
    expect(driverHost({ ...base, auth: 'pat', account: 'xy123.us-west-2' })).toBe('xy123.snowflakecomputing.com');
  });
});

describe('the read query', () => {
  it('orders by the key, nulls last, then by every other column, all quoted', () => {
    const table = { database: 'DB', schema: 'S', table: 'T' };
    expect(selectSql(table, ['A', 'K', 'b"c'], 'K')).toBe('SELECT "A", "K", "b""c" FROM "DB"."S"."T" ORDER BY "K" NULLS LAST, "A", "b""c"');
    expect(selectSql(table, ['K'], 'K', 10.7)).toBe('SELECT "K" FROM "DB"."S"."T" ORDER BY "K" NULLS LAST LIMIT 10');
    expect(() => selectSql(table, ['A'], 'K')).toThrow(/key column K/);
  });
});
