/**
 * Tables and users for tests against the Snowflake test server: ANALYTICS.PUBLIC.ACCOUNTS_LTV
 * (every type the connector maps, nulls, a duplicate key), a view, and a generated table of
 * any size for chunked reads.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { CellValue, SnowflakeTableSpec } from './snowflake-data';

export const ACCOUNTS_LTV_COLUMNS = [
  { name: 'ACCOUNT_ID', type: 'TEXT' },
  { name: 'LTV', type: 'NUMBER(38,2)' },
  { name: 'TIER', type: 'TEXT' },
  { name: 'RENEWAL_DATE', type: 'DATE' },
  { name: 'IS_ENTERPRISE', type: 'BOOLEAN' },
  { name: 'UPDATED_AT', type: 'TIMESTAMP_NTZ' },
  { name: 'SEATS', type: 'NUMBER(38,0)' },
  { name: 'HEALTH', type: 'FLOAT' },
  { name: 'TRAITS', type: 'VARIANT' },
];

/** Rows in table order (not key order): the reader must sort. */
export const ACCOUNTS_LTV_ROWS: CellValue[][] = [
  ['acct-00002', 250.5, 'silver', '2025-09-30', false, '2025-03-01T23:30:00', 12, 0.75, { plan: 'team', seats: [1, 2] }],
  ['acct-00001', 1234.56, 'gold', '2026-01-15', true, '2025-03-02T04:05:06.789', 250, 0.9, { plan: 'enterprise' }],
  [null, 10, 'orphan', null, null, null, null, null, null],
  ['acct-00003', 0, 'bronze', null, false, null, 1, null, null],
  ['acct-00001', 99, 'duplicate', '2024-01-01', false, '2024-01-01T00:00:00', 2, 0.1, null],
];

export function accountsLtv(): SnowflakeTableSpec {
  return { database: 'ANALYTICS', schema: 'PUBLIC', name: 'ACCOUNTS_LTV', columns: ACCOUNTS_LTV_COLUMNS, rows: ACCOUNTS_LTV_ROWS };
}

export function enterpriseView(): SnowflakeTableSpec {
  return { ...accountsLtv(), schema: 'REPORTING', name: 'ENTERPRISE_ACCOUNTS', kind: 'VIEW', rows: ACCOUNTS_LTV_ROWS.filter((r) => r[4] === true) };
}

/** `count` rows with keys `u-0000000`…, shuffled so the server's ORDER BY matters. */
export function bigTable(count: number, name = 'EVENTS_BIG'): SnowflakeTableSpec {
  const rows: CellValue[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    // A fixed permutation of 0..count-1 (7919 is prime and coprime with the counts used).
    const k = (i * 7919) % count;
    rows[i] = [`u-${String(k).padStart(7, '0')}`, k, k % 3 === 0, Date.UTC(2025, 0, 1) + k * 1000];
  }
  return {
    database: 'ANALYTICS',
    schema: 'PUBLIC',
    name,
    columns: [
      { name: 'USER_KEY', type: 'TEXT' },
      { name: 'N', type: 'NUMBER(38,0)' },
      { name: 'FLAG', type: 'BOOLEAN' },
      { name: 'AT', type: 'TIMESTAMP_NTZ' },
    ],
    rows,
  };
}

export interface TestKeyPair {
  privateKey: string;
  publicKey: string;
}

/** An RSA key pair for key-pair login, the private key encrypted when a passphrase is given. */
export function rsaKeyPair(passphrase?: string): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: passphrase
      ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }
      : { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey, publicKey };
}

/**
 * Records where this process opens TCP connections (every net.Socket#connect), to check that
 * the driver talks to nothing but the test server: no cloud metadata probe, no telemetry host,
 * no OCSP responder.
 */
export async function recordConnections(): Promise<{ targets: Array<{ host: string; port: number }>; stop(): void }> {
  const net = await import('node:net');
  const targets: Array<{ host: string; port: number }> = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: import('node:net').Socket, ...args: unknown[]) {
    // net.connect passes its normalized arguments as an array; direct calls pass (options) or (port, host).
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const options = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as { host?: string; port?: number; path?: string };
    if (!options.path) targets.push({ host: String(options.host ?? 'localhost'), port: Number(options.port) });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { targets, stop: () => void (net.Socket.prototype.connect = original) };
}
