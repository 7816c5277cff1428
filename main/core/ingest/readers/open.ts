// Turns a file on disk into decoded text chunks: opens it (clear errors for missing files),
// gunzips when the content starts with the gzip magic bytes (whatever the extension), refuses
// binary content, decodes UTF-8 across chunk boundaries and drops a leading BOM.

import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { NotEventsError, fileError } from './errors';

/** Large reads keep per-chunk overhead (async hops, decoding setup) negligible. */
export const CHUNK_SIZE = 1024 * 1024;
const SNIFF_BYTES = 1024;

export interface TextSourceOptions {
  onBytes?: (bytesReadFromDisk: number) => void;
  /** Test hook: split everything into chunks this small to exercise chunk boundaries. */
  chunkSize?: number;
  /** Bytes [start, end) of a plain (not gzip) file. */
  range?: { start: number; end: number };
}

export async function* readText(file: string, options: TextSourceOptions = {}): AsyncGenerator<string> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw fileError(file, err);
  }
  try {
    const magic = Buffer.alloc(2);
    let gzip: boolean;
    try {
      const { bytesRead } = await handle.read(magic, 0, 2, 0);
      gzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    } catch (err) {
      throw fileError(file, err); // e.g. EISDIR: open() succeeds on a directory
    }
    const { range } = options;
    if (range && gzip) throw new NotEventsError(file, 0, `${file}: a gzip file can only be read whole`);
    const raw = handle.createReadStream({
      start: range?.start ?? 0,
      // createReadStream's end is inclusive; an empty range reads nothing.
      ...(range ? { end: range.end - 1 } : {}),
      highWaterMark: options.chunkSize ?? CHUNK_SIZE,
      autoClose: false,
    });
    // pipeline() forwards read errors to the gunzip stream and tears both down on early exit.
    const stream: Readable = gzip ? pipeline(raw, createGunzip({ chunkSize: CHUNK_SIZE }), () => {}) : raw;
    const decoder = new StringDecoder('utf8');
    const sniffer = new BinarySniffer(file);
    let reported = 0;
    let first = true;
    for await (const buffer of readable(stream, file, gzip)) {
      if (options.onBytes && raw.bytesRead !== reported) {
        reported = raw.bytesRead;
        options.onBytes(reported);
      }
      for (const piece of split(buffer, options.chunkSize)) {
        sniffer.check(piece);
        let text = decoder.write(piece);
        if (first && text.length > 0) {
          first = false;
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        }
        if (text.length > 0) yield text;
      }
    }
    const tail = decoder.end(); // an incomplete character at EOF becomes U+FFFD
    if (tail.length > 0) yield tail;
  } finally {
    await handle.close();
  }
}

/** The stream's chunks, with its failures (and only those, not our callers') explained. */
async function* readable(stream: Readable, file: string, gzip: boolean): AsyncGenerator<Buffer> {
  try {
    for await (const buffer of stream as AsyncIterable<Buffer>) yield buffer;
  } catch (err) {
    if (!gzip) throw fileError(file, err);
    const reason = err instanceof Error ? err.message : String(err);
    throw new NotEventsError(file, 0, `${file}: corrupt gzip stream (${reason})`);
  }
}

function* split(buffer: Buffer, size: number | undefined): Generator<Buffer> {
  if (size === undefined || buffer.length <= size) {
    yield buffer;
    return;
  }
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

/** Checks the first KB: JSON text never holds NUL bytes and must be valid UTF-8. */
class BinarySniffer {
  private seen = 0;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly file: string) {}

  check(buffer: Buffer): void {
    if (this.seen >= SNIFF_BYTES) return;
    const part = buffer.subarray(0, SNIFF_BYTES - this.seen);
    this.seen += part.length;
    let problem: string | null = null;
    if (part.includes(0)) problem = 'binary content: NUL bytes in the first KB';
    else {
      try {
        // stream: true so a character cut at a chunk end or the 1 KB mark is not an error.
        this.utf8.decode(part, { stream: true });
      } catch {
        problem = 'binary content: not UTF-8 text in the first KB';
      }
    }
    if (problem !== null) {
      throw new NotEventsError(
        this.file,
        0,
        `${this.file}: not a RUM event file (${problem}; expected JSON events: NDJSON, a JSON array or an API page)`,
      );
    }
  }
}
