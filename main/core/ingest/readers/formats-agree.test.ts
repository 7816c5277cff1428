// The NDJSON fast path and the scanner must agree on what the records of a value are, so that
// the same export gives the same records however it was formatted.

import { describe, expect, it } from 'vitest';
import { JsonScanner } from './json-scanner';
import { NdjsonParser } from './ndjson';
import { parsePieces } from './test-utils';

const TOP_LEVEL_VALUES: unknown[] = [
  { type: 'view', date: 1, data: { not: 'a page' } },
  { meta: { page: { after: 'x' } }, data: [{ id: '1' }, { id: '2', data: [{ nested: 'page-like item' }] }], links: {} },
  { data: [] },
  [{ type: 'action' }, { data: [{ id: '3' }] }, 7, null, ['x']],
  [],
  { data: 'not an array' },
];

const values = (records: ReturnType<typeof parsePieces>) => records.map((r) => ('value' in r ? r.value : r.error));

describe('NDJSON and scanner agree', () => {
  it('yield the same records for the same top-level values', () => {
    const lines = TOP_LEVEL_VALUES.map((v) => JSON.stringify(v)).join('\n');
    const pretty = TOP_LEVEL_VALUES.map((v) => JSON.stringify(v, null, 2)).join('\n');
    const fromLines = values(parsePieces((emit) => new NdjsonParser(emit), [Buffer.from(lines, 'utf8')]));
    const fromScanner = values(parsePieces((emit) => new JsonScanner(emit), [pretty]));
    expect(fromScanner).toEqual(fromLines);
    expect(fromLines).toEqual([
      { type: 'view', date: 1, data: { not: 'a page' } },
      { id: '1' },
      { id: '2', data: [{ nested: 'page-like item' }] },
      { type: 'action' },
      { id: '3' },
      7,
      null,
      ['x'],
      { data: 'not an array' },
    ]);
  });
});
