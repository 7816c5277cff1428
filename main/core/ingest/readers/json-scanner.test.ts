import { describe, expect, it } from 'vitest';
import { JsonScanner } from './json-scanner';
import { brief, parsePieces, splits } from './test-utils';

const scan = (pieces: string[], firstLine = 1) => parsePieces((emit) => new JsonScanner(emit, firstLine), pieces);
const scanText = (text: string) => brief(scan([text]));

describe('JsonScanner', () => {
  it('yields each element of a pretty-printed array on the line where it starts', () => {
    const text = '[\n  {\n    "a": 1\n  },\n  {"a": 2},\n\n  {\n    "a": [3, {"b": 4}]\n  }\n]\n';
    expect(scanText(text)).toEqual([
      [2, { a: 1 }],
      [5, { a: 2 }],
      [7, { a: [3, { b: 4 }] }],
    ]);
  });

  it('reads a compact array and an empty array', () => {
    expect(scanText('[{"a":1},{"a":2}]')).toEqual([
      [1, { a: 1 }],
      [1, { a: 2 }],
    ]);
    expect(scanText('[]')).toEqual([]);
    expect(scanText('[\n]\n')).toEqual([]);
  });

  it('yields the data items of an API page whatever the key order, ignoring other keys', () => {
    const page = [
      '{',
      '  "meta": {"page": {"after": "]}["}, "data": ["not", "these"]},',
      '  "data": [',
      '    {"id": "1", "attributes": {"data": [9]}},',
      '    {"id": "2"}',
      '  ],',
      '  "links": {"next": "https://x/?data=[1]"}',
      '}',
    ].join('\n');
    expect(scanText(page)).toEqual([
      [4, { id: '1', attributes: { data: [9] } }],
      [5, { id: '2' }],
    ]);
    expect(scanText('{"data":[{"id":"1"}],"meta":{"status":"done"}}')).toEqual([[1, { id: '1' }]]);
    expect(scanText('{\n  "data": []\n}\n')).toEqual([]);
  });

  it('yields a single pretty-printed object as one record', () => {
    const text = '\n{\n  "type": "view",\n  "tags": ["x"],\n  "data": {"not": "a page"}\n}\n';
    expect(scanText(text)).toEqual([[2, { type: 'view', tags: ['x'], data: { not: 'a page' } }]]);
  });

  it('does not take a string value "data" for the key', () => {
    expect(scanText('{"type": "data", "x": [1]}')).toEqual([[1, { type: 'data', x: [1] }]]);
  });

  it('reads a sequence of top-level objects, arrays and pages', () => {
    const text = '{"a":1}\n[{"a":2},\n {"a":3}]\n{\n "data": [{"a":4}]\n}{"a":5}';
    expect(scanText(text)).toEqual([
      [1, { a: 1 }],
      [2, { a: 2 }],
      [3, { a: 3 }],
      [5, { a: 4 }],
      [6, { a: 5 }],
    ]);
  });

  it('handles brackets, quotes and backslashes inside strings', () => {
    const value = { s: 'a]b}c[d{e"f\\', t: '\\"', u: '\\', v: 'x\\\\"]' };
    expect(scanText(`[${JSON.stringify(value)}, ${JSON.stringify(value)}]`)).toEqual([
      [1, value],
      [1, value],
    ]);
  });

  it('yields elements that are not objects as values', () => {
    expect(scanText('[1, "two", null, [3], true]')).toEqual([
      [1, 1],
      [1, 'two'],
      [1, null],
      [1, [3]],
      [1, true],
    ]);
  });

  it('unwraps pages found as elements of an array', () => {
    expect(scanText('[{"data":[{"id":"1"}]},\n{"data":[]},\n{"id":"2"}]')).toEqual([
      [1, { id: '1' }],
      [3, { id: '2' }],
    ]);
  });

  it('reports a malformed element whose brackets balance and keeps going', () => {
    const records = scan(['[\n  {"a": 1},\n  {"a": 1 "b": 2},\n  {"a": 3}\n]']);
    expect(brief(records)[0]).toEqual([2, { a: 1 }]);
    expect(records[1]).toMatchObject({ line: 3, error: expect.stringMatching(/^invalid JSON: /) });
    expect(brief(records)[2]).toEqual([4, { a: 3 }]);
    expect(records).toHaveLength(3);
  });

  it('reports missing values and a trailing comma', () => {
    expect(scanText('[{"a":1},,{"a":2},]')).toEqual([
      [1, { a: 1 }],
      [1, 'ERR: invalid JSON: missing value before ","'],
      [1, { a: 2 }],
      [1, 'ERR: invalid JSON: missing value before "]"'],
    ]);
  });

  it('fails the file when it ends inside an array or a page, naming the last line and where it opened', () => {
    const cases: Array<[string, string]> = [
      ['[\n  {"a": 1},\n  {"a": [2,\n', 'at line 3, inside the JSON array opened on line 1'],
      ['[\n  {"a": 1},\n  {"a": "unterminated', 'at line 3, inside the JSON array opened on line 1'],
      ['\n\n[{"a": 1},\n', 'at line 3, inside the JSON array opened on line 3'],
      ['[{"a": 1}', 'at line 1, inside the JSON array opened on line 1'],
      ['{"meta": {},\n "data": [{"a": 1}, {"a"', 'at line 2, inside the API page opened on line 1'],
      ['{"meta": {}, "data": [{"a": 1}]\n', 'at line 1, inside the API page opened on line 1'],
      ['{"a": 1}\n[{"a": 2},', 'at line 2, inside the JSON array opened on line 2'],
      // The file's only value, cut: a single event file that was not fully downloaded.
      ['\n{\n  "type": "view",\n', 'at line 3, inside the JSON value opened on line 2'],
    ];
    for (const [text, where] of cases) {
      for (const pieces of splits(text)) {
        expect(() => parsePieces((emit) => new JsonScanner(emit, 1, 'cut.json'), pieces)).toThrow(
          `cut.json: the file ends early, ${where} (an interrupted download?)`,
        );
      }
    }
  });

  it('reports a cut last value after other top-level values as one bad record, like NDJSON', () => {
    expect(scanText('{"a": 1}\n{\n  "a": [2,\n')).toEqual([
      [1, { a: 1 }],
      [2, 'ERR: unexpected end of file'],
    ]);
  });

  it('reports stray text between top-level values and resumes on the next line', () => {
    expect(scanText('{"a":1},\ngarbage here\n{"a":2}')).toEqual([
      [1, { a: 1 }],
      [1, 'ERR: invalid JSON: unexpected text "," between values'],
      [2, 'ERR: invalid JSON: unexpected text "garbage here" between values'],
      [3, { a: 2 }],
    ]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const page =
      '{"meta":{"s":"]\\"}"},"data":[{"s":"é日本😀\\\\","n":[1,{"x":"}"}]},\n' +
      ' 7, {"bad" 1}, {"ok":true}],"links":{}}';
    const text = [page, '[\n {"a":"\\u00e9"},\n {"b":null}\n]', '{"single":{"data":1}}', '{"cut":'].join('\n');
    const expected = scan([text]);
    expect(brief(expected)).toEqual([
      [1, { s: 'é日本😀\\', n: [1, { x: '}' }] }],
      [2, 7],
      [2, expect.stringMatching(/^ERR: invalid JSON: /)],
      [2, { ok: true }],
      [4, { a: 'é' }],
      [5, { b: null }],
      [7, { single: { data: 1 } }],
      [8, 'ERR: unexpected end of file'],
    ]);
    for (const pieces of splits(text)) expect(scan(pieces)).toEqual(expected);
  });

  it('matches JSON.parse on random strings full of quotes, backslashes and brackets', () => {
    let seed = 42;
    const rand = (k: number) => (seed = (seed * 48271) % 2147483647) % k;
    const alphabet = ['"', '\\', '\\\\', '\\"', '{', '}', '[', ']', ',', ':', '\n', 'é', '😀', 'a', ' ', 'data'];
    const str = () => Array.from({ length: rand(12) }, () => alphabet[rand(alphabet.length)]).join('');
    // Items of a page are records as they are, even when they look like pages themselves.
    const values = Array.from({ length: 150 }, () => ({ [str()]: str(), data: [str(), { k: str() }] }));
    const text = JSON.stringify({ meta: { s: str() }, data: values }, null, rand(2) ? 1 : undefined);
    const expected = values.map((v) => v as unknown);
    for (let round = 0; round < 20; round++) {
      const pieces: string[] = [];
      for (let i = 0; i < text.length; ) {
        const size = 1 + rand(40);
        pieces.push(text.slice(i, i + size));
        i += size;
      }
      expect(scan(pieces).map((r) => ('value' in r ? r.value : r.error))).toEqual(expected);
    }
  });

  it('keeps counting lines through a string broken by a raw newline', () => {
    const records = scan(['[{"a":"x\ny"},\n{"b":1}]']);
    expect(records[0]).toMatchObject({ line: 1, error: expect.stringMatching(/^invalid JSON/) });
    expect(records[1]).toEqual({ line: 3, value: { b: 1 } });
  });

  it('numbers lines from firstLine', () => {
    expect(scan(['\n[{"a":1}]'], 10)).toEqual([{ line: 11, value: { a: 1 } }]);
  });
});
