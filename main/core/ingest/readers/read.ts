// The reading loop behind readRecords(): pulls byte chunks, picks the parser from the start of
// the file, and hands records out in batches, checking for cancellation between batches.

import { StringDecoder } from 'node:string_decoder';
import { throwIfCancelled } from '../../jobs/cancelled';
import { detectMode, isBlank, type Mode } from './detect';
import { JsonScanner } from './json-scanner';
import { countNewlines } from './json-strings';
import { NdjsonParser } from './ndjson';
import { readBytes } from './open';
import { Batcher, type ByteParser, type Emit, type SourceRecord, type TextParser } from './records';

export interface ReadOptions {
  /** Cumulative bytes read from disk (compressed bytes for gzip), at most once per chunk. */
  onBytes?: (bytesReadFromDisk: number) => void;
  /** Checked between chunks and batches; aborting makes the reader throw a CancelledError. */
  signal?: AbortSignal;
  /** Records per batch, default RECORDS_PER_BATCH. */
  batchSize?: number;
  /**
   * Only these bytes of a plain NDJSON file (`end` exclusive), both on line starts: how two
   * threads share one big file. Line numbers then count from the range's start.
   */
  range?: { start: number; end: number };
}

export interface ReadTuning {
  /** Test hook: tiny chunks to exercise every chunk-boundary case. */
  chunkSize?: number;
}

/**
 * Parsed events live, whole, until their batch is taken: a few hundred keep them out of the
 * collector's way (see CHUNK_SIZE, open.ts).
 */
export const RECORDS_PER_BATCH = 200;

function makeParser(mode: Mode, emit: Emit, firstLine: number, file: string): ByteParser {
  return mode === 'ndjson' ? new NdjsonParser(emit, firstLine) : new Decoding(new JsonScanner(emit, firstLine, file));
}

export async function* readRecordsWith(
  file: string,
  options: ReadOptions = {},
  tuning: ReadTuning = {},
): AsyncGenerator<SourceRecord[]> {
  const { signal } = options;
  throwIfCancelled(signal);
  const batcher = new Batcher(Math.max(1, Math.floor(options.batchSize ?? RECORDS_PER_BATCH)));
  // A range starts on a line start of a file already known to be NDJSON: no detection.
  let parser: ByteParser | null = options.range ? makeParser('ndjson', batcher.push, 1, file) : null;
  const head = new Head();

  for await (const chunk of readBytes(file, { onBytes: options.onBytes, chunkSize: tuning.chunkSize, range: options.range })) {
    throwIfCancelled(signal);
    if (parser !== null) {
      parser.write(chunk);
    } else {
      head.add(chunk);
      const mode = detectMode(head.text, false, file, head.line);
      if (mode !== null) {
        parser = makeParser(mode, batcher.push, head.line, file);
        parser.write(head.takeBytes());
      } else if (isBlank(head.text)) {
        head.dropBlank();
      }
    }
    for (const batch of batcher.take()) {
      throwIfCancelled(signal);
      yield batch;
    }
  }
  if (parser === null) {
    parser = makeParser(detectMode(head.end(), true, file, head.line) ?? 'scan', batcher.push, head.line, file);
    parser.write(head.takeBytes());
  }
  parser.end();
  for (const batch of batcher.take(true)) {
    throwIfCancelled(signal);
    yield batch;
  }
}

/**
 * The file's first bytes, and their text, until they show which parser reads the file. Blank
 * text is dropped as it comes, only its lines counted (`line` is the line the rest starts on),
 * so the head stays bounded: detectMode gives up waiting after MAX_PROBE_LINE.
 */
class Head {
  private readonly decoder = new StringDecoder('utf8');
  private chunks: Buffer[] = [];
  text = '';
  line = 1;

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.text += this.decoder.write(chunk);
  }

  /** Drops the text so far, blank: JSON's whitespace is ASCII, a byte per character. */
  dropBlank(): void {
    this.line += countNewlines(this.text, 0, this.text.length);
    // The bytes of a character the decoder holds, incomplete, stay.
    this.chunks = [Buffer.concat(this.chunks).subarray(this.text.length)];
    this.text = '';
  }

  /** The whole text, at the end of the file (an incomplete character becomes U+FFFD). */
  end(): string {
    this.text += this.decoder.end();
    return this.text;
  }

  /** Its bytes, for the parser chosen; the head is done with them. */
  takeBytes(): Buffer {
    const bytes = Buffer.concat(this.chunks);
    this.chunks = [];
    return bytes;
  }
}

/** The scanner fed bytes: decoded across chunk boundaries. */
class Decoding implements ByteParser {
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly parser: TextParser) {}

  write(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    if (text.length > 0) this.parser.write(text);
  }

  end(): void {
    const tail = this.decoder.end(); // an incomplete character at EOF becomes U+FFFD
    if (tail.length > 0) this.parser.write(tail);
    this.parser.end();
  }
}
