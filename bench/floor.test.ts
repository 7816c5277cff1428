import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAndParse } from './floor';

describe('readAndParse (the floor)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-floor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // 4,000 lines of 300 bytes (multi-byte characters included): several 1 MB chunks.
  const file = join(dir, 'events.ndjson');
  const line = (i: number): string => JSON.stringify({ type: 'view', i, pad: 'é'.repeat(100) + 'x'.repeat(300 - 130 - String(i).length) });
  writeFileSync(file, Array.from({ length: 4000 }, (_, i) => line(i)).join('\n') + '\n');
  const size = statSync(file).size;

  it('parses every line of the whole file', async () => {
    const r = await readAndParse({ file });
    expect(r).toMatchObject({ events: 4000, bytes: size });
    expect(r.sample).toBeUndefined();
  });

  it('reads only the first bytes when sampling, and scales events and time to the file by bytes', async () => {
    const big = join(dir, 'big.ndjson');
    writeFileSync(big, Array.from({ length: 20_000 }, (_, i) => line(i)).join('\n') + '\n');
    const total = statSync(big).size;
    const s = await readAndParse({ file: big, sampleBytes: 2 * 1024 ** 2 });
    // Whole 1 MB chunks up to the limit, less the partial line at the end.
    expect(s.sample!.bytes).toBeGreaterThan(2 * 1024 ** 2 - 1000);
    expect(s.sample!.bytes).toBeLessThan(total / 2);
    expect(s.sample!.bytes % (total / 20_000)).toBe(0);
    expect(s.bytes).toBe(total);
    // Lines of equal length: the scaled event count is exact.
    expect(s.events).toBe(20_000);
    expect(s.seconds).toBeCloseTo((s.sample!.seconds * total) / s.sample!.bytes, 6);
    const whole = await readAndParse({ file: big, sampleBytes: total * 2 });
    expect(whole).toMatchObject({ events: 20_000, bytes: total });
    expect(whole.sample).toBeUndefined();
  });
});
