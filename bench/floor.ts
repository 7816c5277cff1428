/**
 * The floor of ARCHITECTURE.md §9: read the NDJSON file and JSON.parse every line on one
 * thread, nothing else. Profile Desk's import is budgeted at 1.5× this.
 */
import { createReadStream } from 'node:fs';
import { serveChild } from './child';

export interface FloorResult {
  seconds: number;
  events: number;
  bytes: number;
}

export async function readAndParse(file: string): Promise<FloorResult> {
  const t0 = performance.now();
  let events = 0;
  let bytes = 0;
  let rest = '';
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
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
  }
  if (rest.trim() && (JSON.parse(rest) as { type?: unknown }).type !== undefined) events++;
  return { seconds: (performance.now() - t0) / 1000, events, bytes };
}

serveChild((input: { file: string }) => readAndParse(input.file));
