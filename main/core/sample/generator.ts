/**
 * Deterministic generator of realistic raw RUM events (browser SDK + backend enrichment), for
 * the "Load sample data" action, tests and benchmarks: `generateEvents` yields them (see
 * schedule.ts, session.ts), `writeEventsFile` streams them to NDJSON.
 *
 * writeEventsFile writes NDJSON (gzip when asked or when the path ends in .gz). Lines are
 * batched into ~1 MB strings: one write per batch instead of one per event is what makes it
 * fast, and `pipeline` gives backpressure so memory stays flat at any size.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { generateEvents, type GenerateOptions } from './schedule';

export { DEFAULT_START_MS, generateEvents, validateOptions, type GenerateOptions } from './schedule';
export type { RumEvent } from './session';

export interface WriteOptions extends GenerateOptions {
  gzip?: boolean;
}

const BATCH_CHARS = 1 << 20;

export async function writeEventsFile(path: string, opts: WriteOptions): Promise<{ events: number; bytes: number }> {
  let events = 0;
  function* batches(): Generator<string> {
    let batch = '';
    for (const event of generateEvents(opts)) {
      batch += JSON.stringify(event) + '\n';
      events++;
      if (batch.length >= BATCH_CHARS) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  }
  const source = Readable.from(batches(), { objectMode: false, highWaterMark: 4 * BATCH_CHARS });
  // Room for a few batches, so generating the next one overlaps with writing (or gzipping,
  // on the thread pool) the previous ones instead of alternating with it.
  const out = createWriteStream(path, { highWaterMark: 4 * BATCH_CHARS });
  // gzip level 1: these files are mostly temporary (sample data); speed beats 30% smaller.
  if (opts.gzip ?? path.endsWith('.gz')) await pipeline(source, createGzip({ level: 1 }), out);
  else await pipeline(source, out);
  return { events, bytes: (await stat(path)).size };
}
