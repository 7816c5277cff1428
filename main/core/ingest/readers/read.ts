// The reading loop behind readRecords(): pulls text chunks, picks the parser from the start of
// the file, and hands records out in batches, checking for cancellation between batches.

import { throwIfCancelled } from '../../jobs/cancelled';
import { detectMode, isBlank, type Mode } from './detect';
import { JsonScanner } from './json-scanner';
import { NdjsonParser } from './ndjson';
import { readText } from './open';
import { Batcher, type Emit, type SourceRecord, type TextParser } from './records';

export interface ReadOptions {
  /** Cumulative bytes read from disk (compressed bytes for gzip), at most once per chunk. */
  onBytes?: (bytesReadFromDisk: number) => void;
  /** Checked between chunks and batches; aborting makes the reader throw a CancelledError. */
  signal?: AbortSignal;
  /** Records per batch, default 2000. */
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

function makeParser(mode: Mode, emit: Emit, firstLine: number, file: string): TextParser {
  return mode === 'ndjson' ? new NdjsonParser(emit, firstLine) : new JsonScanner(emit, firstLine, file);
}

export async function* readRecordsWith(
  file: string,
  options: ReadOptions = {},
  tuning: ReadTuning = {},
): AsyncGenerator<SourceRecord[]> {
  const { signal } = options;
  throwIfCancelled(signal);
  const batcher = new Batcher(Math.max(1, Math.floor(options.batchSize ?? 2000)));
  // A range starts on a line start of a file already known to be NDJSON: no detection.
  let parser: TextParser | null = options.range ? makeParser('ndjson', batcher.push, 1, file) : null;
  // Until the parser is chosen, text accumulates here (bounded: detectMode gives up waiting
  // after MAX_PROBE_LINE); blank leading text is dropped and only its lines counted.
  let head = '';
  let headLine = 1;

  for await (const chunk of readText(file, { onBytes: options.onBytes, chunkSize: tuning.chunkSize, range: options.range })) {
    throwIfCancelled(signal);
    if (parser !== null) {
      parser.write(chunk);
    } else {
      head += chunk;
      const mode = detectMode(head, false, file, headLine);
      if (mode !== null) {
        parser = makeParser(mode, batcher.push, headLine, file);
        parser.write(head);
        head = '';
      } else if (isBlank(head)) {
        headLine += head.split('\n').length - 1;
        head = '';
      }
    }
    for (const batch of batcher.take()) {
      throwIfCancelled(signal);
      yield batch;
    }
  }
  if (parser === null) {
    parser = makeParser(detectMode(head, true, file, headLine) ?? 'scan', batcher.push, headLine, file);
    parser.write(head);
  }
  parser.end();
  for (const batch of batcher.take(true)) {
    throwIfCancelled(signal);
    yield batch;
  }
}
