import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import { NotEventsError } from './errors';
import { readRecordsWith } from './read';
import { brief, readAll, tempDir } from './test-utils';

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/rum/', import.meta.url));
const fixture = (name: string) => FIXTURES + name;
const API_PAGE = 'api__Get-a-list-of-RUM-events-returns-OK-response-with-pagination_3873778216.entry0.response.json';
const API_EMPTY = 'api__Get-a-list-of-RUM-events-returns-OK-response-with-pagination_3873778216.entry2.response.json';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const events = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ type: 'view', date: 1_700_000_000_000 + i, usr: { id: `u${from + i}`, name: 'Zoë 日本 😀' } }));
const ndjson = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join('\n') + '\n';

// The same six events in every format the readers accept.
const six = events(6);
const FORMATS: Record<string, string> = {
  ndjson: ndjson(six),
  'pretty array': JSON.stringify(six, null, 2),
  'compact array': JSON.stringify(six),
  'api page': JSON.stringify({ meta: { page: { after: 'x' } }, data: six, links: { next: 'y' } }, null, 2),
  'ndjson of pages': ndjson([{ data: six.slice(0, 4) }, { data: [] }, { meta: {}, data: six.slice(4) }]),
  'pretty pages in sequence': JSON.stringify({ data: six.slice(0, 2) }, null, 1) + '\n' + JSON.stringify(six.slice(2), null, 1),
};

describe('readRecords: formats', () => {
  for (const [name, text] of Object.entries(FORMATS)) {
    for (const gzip of [false, true]) {
      it(`reads ${name}${gzip ? ' (gzip)' : ''}, also in 7-byte chunks`, async () => {
        const file = tmp.write(`${name.replace(/ /g, '-')}${gzip ? '.json.gz' : '.json'}`, text, gzip);
        const records = await readAll(file);
        expect(records.map((r) => ('value' in r ? r.value : r.error))).toEqual(six);
        expect(await readAll(file, {}, { chunkSize: 7 })).toEqual(records);
      });
    }
  }

  it('reads a single pretty-printed event, plain and gzip', async () => {
    const event = events(1)[0];
    const text = JSON.stringify(event, null, 2);
    expect(await readAll(tmp.write('one.json', text))).toEqual([{ line: 1, value: event }]);
    expect(await readAll(tmp.write('one.json.gz', text, true))).toEqual([{ line: 1, value: event }]);
  });

  it('detects gzip by its magic bytes, not by the file name', async () => {
    const text = ndjson(six);
    expect(await readAll(tmp.write('gz-named-json.json', text, true))).toHaveLength(6);
    expect(await readAll(tmp.write('plain-named-gz.json.gz', text))).toHaveLength(6);
  });

  it('numbers NDJSON lines, reporting invalid ones and continuing', async () => {
    const file = tmp.write('lines.ndjson', '{"a":1}\n\n{"a":\n{"a":3}\n{"a":4');
    const records = await readAll(file, {}, { chunkSize: 7 });
    expect(brief(records)).toEqual([
      [1, { a: 1 }],
      [3, expect.stringMatching(/^ERR: invalid JSON: /)],
      [4, { a: 3 }],
      [5, expect.stringMatching(/^ERR: invalid JSON: /)],
    ]);
  });

  it('numbers the elements of a pretty array by the line they start on', async () => {
    const text = JSON.stringify([{ a: 1 }, { b: [1, 2] }], null, 2);
    expect(text.split('\n')[4]).toBe('  {');
    expect((await readAll(tmp.write('lines.json', text))).map((r) => r.line)).toEqual([2, 5]);
  });

  it('fails a truncated array or API page as a whole, after the records before the cut', async () => {
    const array = JSON.stringify(events(3), null, 2);
    const cutArray = array.slice(0, array.lastIndexOf('"u2"')); // cut in line 22, in the third event
    const arrayFile = tmp.write('cut.json.gz', cutArray, true);
    const page = JSON.stringify({ meta: {}, data: events(3) });
    const pageFile = tmp.write('cut-page.json', `${page.slice(0, page.length - 40)}\n`);
    for (const [file, line, before, message] of [
      // The array's first records are read before its end is found; the one-line page is whole.
      [arrayFile, 22, 2, `${arrayFile}: the file ends early, at line 22, inside the JSON array opened on line 1 (an interrupted download?)`],
      [pageFile, 1, 0, `${pageFile}: the file ends early, at line 1, inside the API page opened on line 1 (an interrupted download?)`],
    ] as const) {
      const got: unknown[] = [];
      const reading = (async () => {
        for await (const batch of readRecordsWith(file, { batchSize: 1 }, { chunkSize: 7 })) got.push(...batch);
      })();
      await expect(reading).rejects.toBeInstanceOf(NotEventsError);
      await expect(reading).rejects.toMatchObject({ file, line, message });
      expect(got).toHaveLength(before);
    }
  });

  it('keeps a truncated last NDJSON line a bad record of a file that reads to its end', async () => {
    const text = ndjson(events(3));
    const records = await readAll(tmp.write('cut.ndjson', text.slice(0, text.length - 20)), {}, { chunkSize: 7 });
    expect(records.map((r) => ('error' in r ? 'bad' : 'ok'))).toEqual(['ok', 'ok', 'bad']);
    expect(records[2]).toMatchObject({ line: 3 });
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const value = { s: 'é'.repeat(7) + '日本語'.repeat(5) + '😀'.repeat(9) };
    for (const text of [ndjson([value, value]), JSON.stringify([value, value], null, 1)]) {
      for (const gzip of [false, true]) {
        const file = tmp.write(`mb-${gzip}.json`, text, gzip);
        for (const chunkSize of [1, 2, 3, 5, 7]) {
          const records = await readAll(file, {}, { chunkSize });
          expect(records.map((r) => ('value' in r ? r.value : r.error))).toEqual([value, value]);
        }
      }
    }
  });

  it('accepts a UTF-8 BOM, however the first chunks are cut', async () => {
    const text = '\uFEFF' + JSON.stringify(six, null, 2);
    expect(await readAll(tmp.write('bom.json', text), {}, { chunkSize: 7 })).toHaveLength(6);
    const file = tmp.write('bom.ndjson', '\uFEFF\n' + ndjson(six));
    for (const chunkSize of [undefined, 1, 2, 4]) {
      const records = await readAll(file, {}, { chunkSize });
      expect(records.map((r) => ('value' in r ? r.value : r.error))).toEqual(six);
      expect(records[0]!.line).toBe(2);
    }
    // Only a file's first bytes are a BOM; anywhere else U+FEFF is content.
    expect(brief(await readAll(tmp.write('bom-in-value.ndjson', '{"s":"\uFEFF"}\n'), {}, { chunkSize: 1 }))).toEqual([[1, { s: '\uFEFF' }]]);
  });

  it('numbers lines after blank ones at the start of the file, however it is cut', async () => {
    const text = '\n\n   \n' + ndjson([{ s: '日本' }]);
    for (const chunkSize of [1, 2, 3, 5, 7, 10]) {
      expect(brief(await readAll(tmp.write('blank-head.ndjson', text), {}, { chunkSize }))).toEqual([[4, { s: '日本' }]]);
    }
  });

  it('streams a single-line array too long to probe as one NDJSON line', async () => {
    const many = events(60_000);
    const text = JSON.stringify(many);
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
    const records = await readAll(tmp.write('long-line.json', text));
    expect(records).toHaveLength(60_000);
    expect(records[59_999]).toEqual({ line: 1, value: many[59_999] });
  });
});

describe('readRecords: real samples', () => {
  it('reads an API page whose "meta" comes before "data"', async () => {
    const text = readFileSync(fixture(API_PAGE), 'utf8');
    expect(text.indexOf('"meta"')).toBeLessThan(text.indexOf('"data"'));
    const records = await readAll(fixture(API_PAGE));
    expect(records.map((r) => r.line)).toEqual([8, 183]);
    const expected = (JSON.parse(text) as { data: unknown[] }).data;
    expect(records.map((r) => ('value' in r ? r.value : r.error))).toEqual(expected);
    expect(records[0]).toMatchObject({ value: { type: 'rum', attributes: { timestamp: expect.any(String) } } });
  });

  it('reads the last, empty page as no records', async () => {
    expect(await readAll(fixture(API_EMPTY))).toEqual([]);
  });

  it('reads every sample, plain and gzipped, as the records JSON.parse finds', async () => {
    const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThanOrEqual(14);
    for (const name of names) {
      const text = readFileSync(fixture(name), 'utf8');
      const parsed = JSON.parse(text) as { data?: unknown[] };
      const expected = name.startsWith('api__') ? parsed.data : [parsed];
      for (const file of [fixture(name), tmp.write(`${name}.gz`, text, true)]) {
        const values = (await readAll(file, {}, { chunkSize: 7 })).map((r) => ('value' in r ? r.value : r.error));
        expect(values, name).toEqual(expected);
      }
    }
  });

  it('reads a mix: NDJSON lines holding pages and single events', async () => {
    const page = JSON.parse(readFileSync(fixture(API_PAGE), 'utf8')) as { data: unknown[] };
    const view = JSON.parse(readFileSync(fixture('sdk__view.json'), 'utf8')) as unknown;
    const file = tmp.write('mix.ndjson.gz', ndjson([page, view, { data: [] }, page]), true);
    const records = await readAll(file);
    expect(records.map((r) => r.line)).toEqual([1, 1, 2, 4, 4]);
    expect(records[2]).toEqual({ line: 2, value: view });
  });
});
