/**
 * The floor of ARCHITECTURE.md §9: read the NDJSON file and JSON.parse every line on one
 * thread, nothing else. Profile Desk's import is budgeted at 1.0× this.
 *
 * With `sampleBytes`, only the file's first bytes are read (whole lines) and the time is
 * scaled to the whole file by bytes: the 10M-event file's full read costs minutes of the
 * bench's 15, and its generated events are alike from start to end.
 */
import { createReadStream, statSync } from 'node:fs';

export interface FloorInput {
  file: string;
  /** Read about this many bytes and scale to the whole file. */
  sampleBytes?: number;
}

export interface FloorResult {
  /** Seconds for the whole file (scaled from the sample when there is one). */
  seconds: number;
  /** Events of the whole file (estimated by bytes when sampled). */
  events: number;
  bytes: number;
  /** What was actually read and parsed, when only the start of the file was. */
  sample?: { seconds: number; events: number; bytes: number };
}

export async function readAndParse(input: FloorInput): Promise<FloorResult> {
  const total = statSync(input.file).size;
  const limit = input.sampleBytes !== undefined && input.sampleBytes < total ? input.sampleBytes : Infinity;
  const t0 = performance.now();
  let events = 0;
  let bytes = 0;
  let rest = '';
  const stream = createReadStream(input.file, { highWaterMark: 1 << 20 });
  stream.setEncoding('utf8'); // decodes across chunk boundaries
  for await (const chunk of stream as AsyncIterable<string>) {
    bytes += Buffer.byteLength(chunk);
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      if (nl > start) {
        // Use the result so the parse can't be optimised away.
        if ((JSON.parse(text.slice(start, nl)) as { type?: unknown }).type !== undefined) events++;
      }
      start = nl + 1;
    }
    rest = text.slice(start);
    if (bytes >= limit) break; // ends the stream; the unparsed partial line is not counted
  }
  if (limit === Infinity) {
    if (rest.trim() && (JSON.parse(rest) as { type?: unknown }).type !== undefined) events++;
    return { seconds: (performance.now() - t0) / 1000, events, bytes };
  }
  const seconds = (performance.now() - t0) / 1000;
  const parsed = bytes - Buffer.byteLength(rest);
  const scale = total / parsed;
  return { seconds: seconds * scale, events: Math.round(events * scale), bytes: total, sample: { seconds, events, bytes: parsed } };
}
