import { describe, expect, it } from 'vitest';
import { NdjsonParser } from './ndjson';
import { brief, byteSplits, parsePieces } from './test-utils';

const parseBytes = (pieces: Buffer[], firstLine = 1) => parsePieces((emit) => new NdjsonParser(emit, firstLine), pieces);
const parse = (pieces: string[], firstLine = 1) => parseBytes(pieces.map((p) => Buffer.from(p, 'utf8')), firstLine);

describe('NdjsonParser', () => {
  it('yields one record per line with 1-based line numbers, skipping blank lines', () => {
    const text = '{"a":1}\n\n{"a":2}\n   \n\t\n{"a":3}\n';
    expect(brief(parse([text]))).toEqual([
      [1, { a: 1 }],
      [3, { a: 2 }],
      [6, { a: 3 }],
    ]);
  });

  it('reads a last line without a trailing newline, and CRLF line ends', () => {
    expect(brief(parse(['{"a":1}\r\n{"a":2}\r\n{"a":3}']))).toEqual([
      [1, { a: 1 }],
      [2, { a: 2 }],
      [3, { a: 3 }],
    ]);
  });

  it('reports an invalid line with a short reason and keeps reading', () => {
    const records = parse(['{"a":1}\n{"a":}\nnot json\n{"a":4}\n{"a":5']);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    expect(records[0]).toEqual({ line: 1, value: { a: 1 } });
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringMatching(/^invalid JSON: Unexpected token/) });
    expect(records[2]).toMatchObject({ line: 3, error: expect.stringMatching(/^invalid JSON: /) });
    expect(records[3]).toEqual({ line: 4, value: { a: 4 } });
    // A truncated last line only spoils itself.
    expect(records[4]).toMatchObject({ line: 5, error: expect.stringMatching(/^invalid JSON: /) });
  });

  it('keeps error reasons short even for a huge bad line', () => {
    const [record] = parse([`{"a": ${'x'.repeat(100_000)}}`]);
    expect(record).toHaveProperty('error');
    expect((record as { error: string }).error.length).toBeLessThanOrEqual(200);
  });

  it('unwraps lines that are API pages or arrays, with the line of the page', () => {
    const text = [
      '{"meta":{"page":{"after":"x"}},"data":[{"id":"1"},{"id":"2"}],"links":{}}',
      '{"data":[]}',
      '[{"id":"3"},{"data":[{"id":"4"}]}]',
      '{"type":"view","date":1}',
    ].join('\n');
    expect(brief(parse([text]))).toEqual([
      [1, { id: '1' }],
      [1, { id: '2' }],
      [3, { id: '3' }],
      [3, { id: '4' }],
      [4, { type: 'view', date: 1 }],
    ]);
  });

  it('yields non-object values as they are (the caller rejects them)', () => {
    expect(brief(parse(['42\n"x"\nnull\n{"data":"not an array"}\n']))).toEqual([
      [1, 42],
      [2, 'x'],
      [3, null],
      [4, { data: 'not an array' }],
    ]);
  });

  it('gives the same records however the bytes are cut into chunks, inside a character too', () => {
    const text = '{"s":"é日本😀","n":1}\n\n{"bad":\n[{"x":"\\n"}]\r\n{"data":[1,2]}\n{"t":"ascii"}\n{"u":"Zoë"}';
    const expected = parse([text]);
    expect(brief(expected)).toEqual([
      [1, { s: 'é日本😀', n: 1 }],
      [3, expect.stringMatching(/^ERR: invalid JSON/)],
      [4, { x: '\n' }],
      [5, 1],
      [5, 2],
      [6, { t: 'ascii' }],
      [7, { u: 'Zoë' }],
    ]);
    for (const pieces of byteSplits(text)) expect(parseBytes(pieces)).toEqual(expected);
  });

  it('decodes invalid UTF-8 as U+FFFD, on its line only', () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"x'), Buffer.from([0xff, 0xc3]), Buffer.from('"}\n{"a":"é"}\n{"a":"'), Buffer.from([0xe6, 0x97])]);
    expect(brief(parseBytes([bytes]))).toEqual([
      [1, { a: 'x\uFFFD\uFFFD' }],
      [2, { a: 'é' }],
      [3, expect.stringMatching(/^ERR: invalid JSON/)],
    ]);
  });

  it('numbers lines from firstLine', () => {
    expect(parse(['{"a":1}\n'], 4)).toEqual([{ line: 4, value: { a: 1 } }]);
  });
});
