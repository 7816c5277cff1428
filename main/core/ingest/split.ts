/**
 * Where a big NDJSON file can be cut in two, so two threads parse it (parsing is the import's
 * floor, and the writer alone leaves a core idle). Lines are independent in NDJSON only: a
 * gzip stream, a JSON array or a pretty-printed object is read whole by one thread.
 */
import { open } from 'node:fs/promises';
import { parses } from './readers/detect';

/** Files smaller than this are parsed by one thread: a second one would not pay its start. */
export const SPLIT_MIN_BYTES = 32 * 1024 * 1024;
const PROBE_BYTES = 4 * 1024 * 1024;

/** The byte right after the first newline at or after the middle, or null to read it whole. */
export async function splitPoint(file: string, minBytes = SPLIT_MIN_BYTES): Promise<number | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < Math.max(minBytes, 2)) return null;
    const head = Buffer.alloc(Math.min(PROBE_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    if (head[0] === 0x1f && head[1] === 0x8b) return null;
    // NDJSON when the first line is a whole JSON value (a pretty file's first line is "{" or "[").
    const firstNewline = head.indexOf(0x0a);
    if (firstNewline < 0 || !parses(head.subarray(0, firstNewline).toString('utf8'))) return null;

    const middle = Math.floor(size / 2);
    const window = Buffer.alloc(Math.min(PROBE_BYTES, size - middle));
    await handle.read(window, 0, window.length, middle);
    const at = window.indexOf(0x0a);
    if (at < 0) return null;
    const point = middle + at + 1;
    return point < size ? point : null;
  } finally {
    await handle.close();
  }
}

/** Newlines before `end`: the line number a range starting there continues from. */
export async function linesBefore(file: string, end: number): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    let lines = 0;
    for (let pos = 0; pos < end; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - pos), pos);
      if (bytesRead === 0) break;
      for (let i = buffer.indexOf(0x0a); i >= 0 && i < bytesRead; i = buffer.indexOf(0x0a, i + 1)) lines++;
      pos += bytesRead;
    }
    return lines;
  } finally {
    await handle.close();
  }
}
