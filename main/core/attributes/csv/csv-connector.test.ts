import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../dispatcher';
import { CancelledError } from '../../jobs/cancelled';
import type { RawValue } from '../connector';
import { openCsv } from './csv-connector';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-connector-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileCount = 0;
async function csvFile(content: string | Buffer, name = `t${++fileCount}.csv`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function readAll(path: string, columns: string[], signal = new AbortController().signal): Promise<RawValue[][][]> {
  const batches: RawValue[][][] = [];
  for await (const batch of openCsv(path, 'orders.csv').read({ table: 'orders.csv', columns, keyColumn: columns[0]!, signal })) batches.push(batch);
  return batches;
}

async function rows(content: string | Buffer, columns: string[]): Promise<RawValue[][]> {
  return (await readAll(await csvFile(content), columns)).flat();
}

async function failure(run: () => Promise<unknown>): Promise<ApiError> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected a failure');
}

describe('openCsv: reading what spreadsheets write', () => {
  it('reads UTF-8 with and without a BOM alike', async () => {
    const body = 'email,tier\nana@acme.com,gold\n';
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]);
    expect(await rows(withBom, ['email', 'tier'])).toEqual([['ana@acme.com', 'gold']]);
    expect(await rows(body, ['email', 'tier'])).toEqual([['ana@acme.com', 'gold']]);
    // The BOM is not part of the first column's name.
    const columns = await openCsv(await csvFile(withBom), 'orders.csv').columns('orders.csv');
    expect(columns.map((c) => c.name)).toEqual(['email', 'tier']);
  });

  it('reads CRLF line ends, and a last line without one', async () => {
    expect(await rows('id,ltv\r\n1,10\r\n2,20', ['ltv', 'id'])).toEqual([
      ['10', '1'],
      ['20', '2'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and newlines', async () => {
    const content = 'id,note,city\r\n1,"Hello, world","Paris"\r\n2,"She said ""hi""\r\nthen left",Lyon\r\n3,"multi\nline",""\r\n';
    expect(await rows(content, ['id', 'note', 'city'])).toEqual([
      ['1', 'Hello, world', 'Paris'],
      ['2', 'She said "hi"\r\nthen left', 'Lyon'],
      ['3', 'multi\nline', null],
    ]);
  });

  it('hands an empty field over as null, keeps other text as written, and skips blank lines', async () => {
    expect(await rows('id,name,tier\n1,, gold \n\n2,Bo,\n', ['id', 'name', 'tier'])).toEqual([
      ['1', null, ' gold '],
      ['2', 'Bo', null],
    ]);
  });

  it('keeps file order (the first duplicate is the first in the file)', async () => {
    expect(await rows('key,v\nb,1\na,2\nb,3\n', ['key', 'v'])).toEqual([
      ['b', '1'],
      ['a', '2'],
      ['b', '3'],
    ]);
  });

  it('trims header names', async () => {
    expect(await rows(' email , tier\nx,y\n', ['email', 'tier'])).toEqual([['x', 'y']]);
  });
});

describe('openCsv: refusing broken files clearly', () => {
  it('names the file and line of a ragged row', async () => {
    const err = await failure(() => rows('id,a,b\n1,2,3\n4,5,6\n7,8\n', ['id']));
    expect(err.code).toBe('source_failed');
    expect(err.message).toBe('orders.csv line 4: 2 fields where the header has 3');
    const extra = await failure(() => rows('id,a\r\n1,2\r\n3,4,5\r\n6,7\r\n', ['id']));
    expect(extra.message).toBe('orders.csv line 3: 3 fields where the header has 2');
  });

  it('counts lines as an editor does after quoted fields with line breaks (CRLF or LF)', async () => {
    const crlfInside = 'id,note\r\n1,"a\r\nb\r\nc"\r\n2\r\n';
    expect((await failure(() => rows(crlfInside, ['id']))).message).toBe('orders.csv line 5: 1 field where the header has 2');
    const lfInside = 'id,note\r\n1,"a\nb"\r\n\r\n2,x,y\r\n';
    expect((await failure(() => rows(lfInside, ['id']))).message).toBe('orders.csv line 5: 3 fields where the header has 2');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,é\n1,ü\n2\n')]);
    expect((await failure(() => rows(withBom, ['id']))).message).toBe('orders.csv line 3: 1 field where the header has 2');
  });

  it('says where a quote was left open, and what a stray quote is', async () => {
    expect((await failure(() => rows('id,note\n1,ok\n2,"never closed\n3,x\n', ['id']))).message).toBe('orders.csv line 3: a quoted field is never closed');
    expect((await failure(() => rows('id,note\n1,"5" screen"\n', ['id']))).message).toMatch(/^orders\.csv line 2: text after the closing quote/);
  });

  it('refuses an empty file, or one with only blank lines', async () => {
    for (const content of ['', '\n\n', '\ufeff']) {
      const err = await failure(async () => openCsv(await csvFile(content), 'orders.csv').columns('orders.csv'));
      expect(err.message).toBe('orders.csv is empty: expected a header row, then rows');
    }
  });

  it('refuses empty and duplicate header names', async () => {
    expect((await failure(() => rows('id,,tier\n1,2,3\n', ['id']))).message).toBe('orders.csv: column 2 of the header has no name');
    expect((await failure(() => rows('email,tier,email \n1,2,3\n', ['email']))).message).toBe(
      'orders.csv: the header names "email" twice (columns 1 and 3)',
    );
  });

  it('refuses a UTF-16 file', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,tier\n1,gold\n', 'utf16le')]);
    expect((await failure(() => rows(utf16, ['id']))).message).toBe('orders.csv is UTF-16 text: save it as "CSV UTF-8"');
  });

  it('words a missing file and a folder', async () => {
    const missing = openCsv(join(dir, 'nope.csv'), 'nope.csv');
    expect((await failure(() => missing.identity())).message).toBe('nope.csv: no such file');
    expect((await failure(() => missing.columns('nope.csv'))).message).toBe('nope.csv: no such file');
    const folder = openCsv(dir, 'exports');
    expect((await failure(() => folder.tables())).message).toBe('exports: is a folder, not a file');
    expect((await failure(() => readAllOf(folder, ['id']))).message).toBe('exports: is a folder, not a file');
  });

  // root reads any file, so the refusal can only be seen as another user.
  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('words a file it may not read', async () => {
    const path = await csvFile('id\n1\n');
    await chmod(path, 0o000);
    expect((await failure(() => openCsv(path, 'secret.csv').identity())).message).toBe('secret.csv: permission denied');
  });

  it('names a column the file does not have', async () => {
    const err = await failure(() => rows('id,tier\n1,gold\n', ['id', 'ltv']));
    expect(err.message).toBe('orders.csv has no column "ltv" (its columns: "id", "tier")');
    // Even when the file has no rows.
    expect((await failure(() => rows('id,tier\n', ['ltv']))).message).toMatch(/has no column "ltv"/);
  });
});

async function readAllOf(connector: ReturnType<typeof openCsv>, columns: string[]): Promise<number> {
  let n = 0;
  for await (const batch of connector.read({ table: 't', columns, keyColumn: columns[0]!, signal: new AbortController().signal })) n += batch.length;
  return n;
}

describe('openCsv: the wizard', () => {
  it('infers column types from the values', async () => {
    const path = await csvFile(
      'email,ltv,is_active,flag,signed_up,zip,tier\n' +
        'a@x.com,12.5,1,yes,2024-03-05T14:30:00Z,02134,gold\n' +
        'b@x.com,,0,no,2024-03-06,10001,\n' +
        'c@x.com,-3,1,TRUE,2024-03-07 08:00,94110,silver\n',
    );
    const columns = await openCsv(path, 'people.csv').columns('people.csv');
    expect(columns).toEqual([
      { name: 'email', label: 'email', sourceType: 'inferred', type: 'text' },
      { name: 'ltv', label: 'ltv', sourceType: 'inferred', type: 'number' },
      { name: 'is_active', label: 'is_active', sourceType: 'inferred', type: 'boolean' },
      { name: 'flag', label: 'flag', sourceType: 'inferred', type: 'boolean' },
      { name: 'signed_up', label: 'signed_up', sourceType: 'inferred', type: 'time' },
      { name: 'zip', label: 'zip', sourceType: 'inferred', type: 'text' },
      { name: 'tier', label: 'tier', sourceType: 'inferred', type: 'text' },
    ]);
  });

  it('infers from the first 1,000 rows only', async () => {
    const lines = ['n'];
    for (let i = 0; i < 1000; i++) lines.push(String(i));
    lines.push('not a number');
    const columns = await openCsv(await csvFile(lines.join('\n')), 'n.csv').columns('n.csv');
    expect(columns[0]!.type).toBe('number');
  });

  it('lists the file as its one table, filtered by the search', async () => {
    const csv = openCsv(await csvFile('id\n1\n'), 'Orders 2024.csv');
    expect(await csv.tables()).toEqual([{ name: 'Orders 2024.csv', label: 'Orders 2024.csv' }]);
    expect(await csv.tables('orders')).toHaveLength(1);
    expect(await csv.tables('leads')).toEqual([]);
    expect(await csv.identity()).toBe('Orders 2024.csv');
    await csv.close();
    await csv.close();
  });

  it('previews the first rows in file order', async () => {
    const lines = ['id,tier'];
    for (let i = 0; i < 50; i++) lines.push(`${i},t${i}`);
    const csv = openCsv(await csvFile(lines.join('\n')), 'p.csv');
    expect(await csv.preview('p.csv', ['tier', 'id'], 'id', 3)).toEqual([
      ['t0', '0'],
      ['t1', '1'],
      ['t2', '2'],
    ]);
    expect(await csv.preview('p.csv', ['id'], 'id', 0)).toEqual([]);
    expect(await csv.preview('p.csv', ['id'], 'id', 500)).toHaveLength(50);
    // A header-only file previews as no rows, and its columns are text.
    const empty = openCsv(await csvFile('id,tier\n'), 'e.csv');
    expect(await empty.preview('e.csv', ['id'], 'id', 10)).toEqual([]);
    expect((await empty.columns('e.csv')).map((c) => c.type)).toEqual(['text', 'text']);
  });
});

describe('openCsv: big files and cancel', () => {
  const ROWS = 120_000;
  let big: string;
  beforeAll(async () => {
    const lines = ['email,ltv,tier'];
    for (let i = 0; i < ROWS; i++) lines.push(`user${i}@acme.com,${i},"t, ${i % 7}"`);
    big = await csvFile(lines.join('\r\n') + '\r\n', 'big.csv');
  });

  it('streams every row in batches of about 5,000, in file order', async () => {
    const batches = await readAll(big, ['email', 'ltv']);
    expect(batches.length).toBe(ROWS / 5000);
    expect(batches.every((b) => b.length === 5000)).toBe(true);
    const all = batches.flat();
    expect(all).toHaveLength(ROWS);
    expect(all[0]).toEqual(['user0@acme.com', '0']);
    expect(all[ROWS - 1]).toEqual([`user${ROWS - 1}@acme.com`, String(ROWS - 1)]);
    expect(all.every((row, i) => row[1] === String(i))).toBe(true);
  });

  it('stops with CancelledError between batches when the signal aborts', async () => {
    const controller = new AbortController();
    let batches = 0;
    const reading = (async () => {
      for await (const _ of openCsv(big, 'big.csv').read({ table: 'big.csv', columns: ['email'], keyColumn: 'email', signal: controller.signal })) {
        if (++batches === 2) controller.abort();
      }
    })();
    await expect(reading).rejects.toBeInstanceOf(CancelledError);
    expect(batches).toBe(2);
  });

  it('does not start reading when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readAll(big, ['email'], controller.signal)).rejects.toBeInstanceOf(CancelledError);
  });

  it('lets a reader stop early without reading the rest', async () => {
    const csv = openCsv(big, 'big.csv');
    const iterator = csv.read({ table: 'big.csv', columns: ['email'], keyColumn: 'email', signal: new AbortController().signal })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toHaveLength(5000);
    expect(await iterator.return!()).toEqual({ done: true, value: undefined });
  });
});
