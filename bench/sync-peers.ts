/**
 * What the attribute sync is compared with, each in a child process of its own:
 *
 * - the floor: the same CSV read and parsed by csv-parse alone (the connector's parser, with its
 *   options), records counted from 'data' events, one thread, nothing else;
 * - the DuckDB peer doing the same work: `read_csv` of the file, the first row of each key in
 *   file order (keys trimmed and lower-cased), the five attributes cast to their types (a value
 *   that doesn't cast is NULL, as in Profile Desk), into a table; then the keys matched against
 *   the bench's DuckDB user table when there is one.
 */
import { createReadStream } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse';
import { cpuSince, digestSql, toDigest, type ValuesDigest } from './sync-bench';

export interface SyncFloorResult {
  seconds: number;
  cpuSeconds: number;
  rows: number;
}

export async function parseCsvFloor(file: string): Promise<SyncFloorResult> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let records = 0;
  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(file);
    const parser = input.pipe(parse({ bom: true, skip_empty_lines: true }));
    input.on('error', reject);
    parser.on('data', (record: string[]) => {
      // Use the record so the parse can't be optimised away.
      if (record.length > 0) records++;
    });
    parser.on('error', reject);
    parser.on('end', resolve);
  });
  // The header is a record too.
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(c0), rows: records - 1 };
}

export interface SyncDuckInput {
  file: string;
  /** The bench's DuckDB user table (`users`), attached read-only; without it only load + dedupe + cast. */
  usersPath?: string;
}

export interface SyncDuckResult {
  seconds: number;
  /** Of all its threads. */
  cpuSeconds: number;
  rows: number;
  keys: number;
  blankKeys: number;
  duplicates: number;
  /** null without a user table. */
  matched: number | null;
  digest: ValuesDigest;
  maxRss: number;
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** Trimmed of the characters Profile Desk trims (space, tab, CR, LF). */
const trimmed = (expr: string): string => `trim(${expr}, ' ' || chr(9) || chr(13) || chr(10))`;

export async function duckSync(input: SyncDuckInput): Promise<SyncDuckResult> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const scalar = async (sql: string): Promise<number> => Number((await conn.runAndReadAll(sql)).getRowsJS()[0]![0]);
  try {
    // Times without an offset are UTC, as in Profile Desk.
    await conn.run(`SET TimeZone = 'UTC'`);
    if (input.usersPath) await conn.run(`ATTACH ${quote(input.usersPath)} AS u (READ_ONLY)`);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    // Loaded as text, in file order (rowid), the way the connector hands values over.
    await conn.run(`CREATE TABLE raw AS SELECT * FROM read_csv(${quote(input.file)}, header = true, all_varchar = true)`);
    await conn.run(`CREATE TABLE vals AS
      SELECT key,
        TRY_CAST(${trimmed('ltv')} AS DOUBLE) AS ltv,
        nullif(${trimmed('tier')}, '') AS tier,
        TRY_CAST(${trimmed('vip')} AS BOOLEAN) AS vip,
        epoch_ms(TRY_CAST(${trimmed('signed_up')} AS TIMESTAMPTZ)) AS signed_up,
        TRY_CAST(${trimmed('seats')} AS DOUBLE) AS seats
      FROM (SELECT lower(${trimmed('email')}) AS key, rowid AS n, * FROM raw)
      WHERE key <> ''
      QUALIFY row_number() OVER (PARTITION BY key ORDER BY n) = 1`);
    const matched = input.usersPath
      ? await scalar(`SELECT count(*) FROM vals WHERE key IN (SELECT lower(${trimmed('user_email')}) FROM u.users WHERE user_email IS NOT NULL)`)
      : null;
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuSince(c0);
    const rows = await scalar('SELECT count(*) FROM raw');
    const blankKeys = await scalar(`SELECT count(*) FROM raw WHERE coalesce(${trimmed('email')}, '') = ''`);
    const keys = await scalar('SELECT count(*) FROM vals');
    const digest = toDigest((await conn.runAndReadAll(digestSql('vals', (name) => name))).getRowObjectsJS()[0] as Record<string, unknown>);
    return { seconds, cpuSeconds, rows, keys, blankKeys, duplicates: rows - blankKeys - keys, matched, digest, maxRss: process.resourceUsage().maxRSS * 1024 };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
