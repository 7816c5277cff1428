import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords, type SourceRecord } from './index';
import { RECORDS_PER_BATCH } from './read';
import { readAll, tempDir } from './test-utils';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const events = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'view', date: 1_700_000_000_000 + i, usr: { id: `u${i}` } }));
const ndjson = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join('\n') + '\n';
const openFds = () => readdirSync('/proc/self/fd').length;

describe('readRecords: batches, progress, cancel', () => {
  const file = tmp.write('batches.ndjson', ndjson(events(4500)));

  it('yields batches of batchSize (default RECORDS_PER_BATCH)', async () => {
    const sizes = async (batchSize?: number) => {
      const out: number[] = [];
      for await (const batch of readRecords(file, { batchSize })) out.push(batch.length);
      return out;
    };
    const full = Math.floor(4500 / RECORDS_PER_BATCH);
    expect(await sizes()).toEqual([...Array<number>(full).fill(RECORDS_PER_BATCH), 4500 - full * RECORDS_PER_BATCH]);
    expect(await sizes(1000)).toEqual([1000, 1000, 1000, 1000, 500]);
  });

  it('reports cumulative bytes read from disk, compressed size for gzip', async () => {
    // Random content so the compressed file spans several 64 KiB chunks.
    const noisy = events(2000).map((e) => ({ ...e, noise: randomBytes(100).toString('base64') }));
    const gz = tmp.write('progress.ndjson.gz', ndjson(noisy), true);
    const size = readFileSync(gz).length;
    expect(size).toBeGreaterThan(3 * 64 * 1024);
    const seen: number[] = [];
    await readAll(gz, { onBytes: (n) => seen.push(n) }, { chunkSize: 64 * 1024 });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(size / (64 * 1024)));
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(size);
  });

  it('lets an error thrown by onBytes through unchanged', async () => {
    const gz = tmp.write('onbytes-throws.ndjson.gz', ndjson(events(10)), true);
    const boom = new Error('progress sink failed');
    await expect(readAll(gz, { onBytes: () => { throw boom; } })).rejects.toBe(boom);
  });

  it('throws a CancelledError before reading when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readAll(file, { signal: controller.signal })).rejects.toMatchObject({ name: 'CancelledError' });
  });

  it('throws a CancelledError between batches once aborted', async () => {
    const controller = new AbortController();
    const got: SourceRecord[][] = [];
    const run = async () => {
      for await (const batch of readRecords(file, { signal: controller.signal, batchSize: 100 })) {
        got.push(batch);
        if (got.length === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'CancelledError', message: 'Import cancelled' });
    expect(got).toHaveLength(2);
  });

  it('closes the file when the caller stops early, aborts, or the file is rejected', async () => {
    const files = [tmp.write('early.ndjson', ndjson(events(50))), tmp.write('early.ndjson.gz', ndjson(events(50)), true)];
    const html = tmp.write('early.html', '<html>');
    const before = openFds();
    for (const f of files) {
      for await (const batch of readRecords(f, { batchSize: 10 })) {
        expect(batch).toHaveLength(10);
        break;
      }
      expect(openFds()).toBe(before);
      const controller = new AbortController();
      const reading = readRecords(f, { signal: controller.signal, batchSize: 10 });
      await reading.next();
      controller.abort();
      await expect(reading.next()).rejects.toMatchObject({ name: 'CancelledError' });
      expect(openFds()).toBe(before);
      await expect(readAll(html)).rejects.toThrow('not a RUM event file');
      expect(openFds()).toBe(before);
    }
  });
});
