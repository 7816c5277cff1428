import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { linesBefore, splitPoint } from './split';

const dir = mkdtempSync(join(tmpdir(), 'profile-desk-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const ndjson = Array.from({ length: 100 }, (_, i) => JSON.stringify({ n: i, pad: 'x'.repeat(i % 7) })).join('\n') + '\n';

describe('splitPoint', () => {
  it('cuts NDJSON right after the first newline at or past the middle', async () => {
    const path = file('a.ndjson', ndjson);
    const cut = (await splitPoint(path, 1))!;
    expect(cut).toBeGreaterThanOrEqual(ndjson.length / 2);
    expect(ndjson[cut - 1]).toBe('\n');
    expect(ndjson.slice(cut - 1).indexOf('\n')).toBe(0);
    expect(await linesBefore(path, cut)).toBe(ndjson.slice(0, cut).split('\n').length - 1);
  });

  it('reads whole: small files, gzip, pretty JSON and arrays', async () => {
    expect(await splitPoint(file('b.ndjson', ndjson))).toBeNull();
    expect(await splitPoint(file('c.ndjson.gz', gzipSync(ndjson)), 1)).toBeNull();
    expect(await splitPoint(file('d.json', JSON.stringify({ data: [{ a: 1 }, { b: 2 }] }, null, 2)), 1)).toBeNull();
    expect(await splitPoint(file('e.json', '[\n{"a": 1},\n{"b": 2}\n]\n'), 1)).toBeNull();
  });
});
