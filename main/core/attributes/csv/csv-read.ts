/**
 * A CSV reference table read with csv-parse, streamed in batches: UTF-8 with or without a BOM,
 * CRLF or LF, RFC 4180 quoting (commas, doubled quotes and newlines inside quoted fields). The
 * first record is the header; every row must have as many fields as the header (a ragged row
 * is an error naming the file and line, never a silently shifted row). Blank lines are skipped.
 *
 * Rows come in FILE order: for a CSV, "source order" (which the sync's first-duplicate-wins rule
 * follows) is the order of the file; nothing here sorts by the key.
 *
 * Speed (the sync's budget is 15 s for 1M rows): a 1M-row, 5-column file (66 MB) reads in
 * ~2.3–2.6 s of CPU through openCsv().read (2.5 s wall at best on a shared 2-core machine);
 * csv-parse alone is ~2.2 s of that. Converting the 5M values with toStored adds ~0.3–0.5 s.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { fileErrorReason } from '../../file-errors';
import { throwIfCancelled } from '../../jobs/cancelled';
import { csvFailure, worded } from './csv-errors';

export interface CsvBatch {
  /** The header's names, trimmed (the same array in every batch). */
  header: string[];
  /** Data records, each with header.length fields, as the file spells them. */
  rows: string[][];
}

export interface CsvReadOptions {
  signal?: AbortSignal;
  /** Rows per batch. */
  batchSize?: number;
}

export const DEFAULT_BATCH = 5000;
// One field (or record) this long is an unclosed quote swallowing the file, not data; stop
// before it takes the memory.
const MAX_RECORD_CHARS = 10_000_000;
// The file is read in the default 64 KiB chunks: 1 MiB chunks measured slower through
// csv-parse (2.2 s → 2.4 s CPU for 1M rows), not faster.

const failed = csvFailure;

/**
 * Checks the file can be read and is a UTF-8 CSV before parsing: a missing file, a folder or a
 * permission problem in words, an empty file, a UTF-16 file (Excel's "Unicode text").
 */
export async function checkCsvFile(path: string, display: string): Promise<void> {
  let bytes: Buffer;
  let read: number;
  try {
    const handle = await open(path, 'r');
    try {
      bytes = Buffer.alloc(4);
      ({ bytesRead: read } = await handle.read(bytes, 0, 4, 0));
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw failed(`${display}: ${fileErrorReason(err)}`);
  }
  if (read === 0) throw failed(`${display} is empty: expected a header row, then rows`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw failed(`${display} is UTF-16 text: save it as "CSV UTF-8"`);
  }
}

/**
 * Every data row of the file in batches of `batchSize`, after a checked header. Yields at least
 * one batch (with no rows for a file that is only a header), so callers always see the header.
 */
export async function* readCsvBatches(path: string, display: string, options: CsvReadOptions = {}): AsyncGenerator<CsvBatch> {
  const { signal, batchSize = DEFAULT_BATCH } = options;
  throwIfCancelled(signal);
  await checkCsvFile(path, display);
  const input = createReadStream(path);
  const parser = input.pipe(parse({ bom: true, skip_empty_lines: true, max_record_size: MAX_RECORD_CHARS }));
  // pipe() doesn't pass the file's errors on (the loop below would wait forever).
  input.on('error', (err) => parser.destroy(err));
  let header = null as string[] | null;
  let yielded = false;
  try {
    const batches = recordBatches<string[]>(parser, batchSize, (first) => {
      header = checkedHeader(first, display);
    });
    for await (const records of batches) {
      throwIfCancelled(signal);
      yield { header: header!, rows: records };
      yielded = true;
      throwIfCancelled(signal);
    }
  } catch (err) {
    throw await worded(err, path, display, header);
  } finally {
    input.destroy();
    parser.destroy();
  }
  if (header === null) throw failed(`${display} is empty: expected a header row, then rows`);
  if (!yielded) yield { header, rows: [] };
}

/**
 * An object-mode stream's records in arrays of `size` (the last one shorter), collected from
 * 'data' events: `for await` over the stream itself costs a promise per record (measured ~10%
 * more CPU for a 1M-row file). The stream is paused while a batch waits. The
 * first record goes to `onFirst` (a header), and what it throws ends the reading.
 */
async function* recordBatches<T>(stream: Readable, size: number, onFirst: (record: T) => void): AsyncGenerator<T[]> {
  let batch: T[] = [];
  let ended = false;
  // Set by the event handlers (TypeScript would narrow a plain `= null` to null for good).
  let failure = null as { err: unknown } | null;
  let wake: (() => void) | null = null;
  let first = true;
  const poke = (): void => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  const onData = (record: T): void => {
    if (first) {
      first = false;
      try {
        onFirst(record);
      } catch (err) {
        failure ??= { err };
        stream.destroy();
        poke();
      }
      return;
    }
    batch.push(record);
    if (batch.length >= size) {
      stream.pause();
      poke();
    }
  };
  const onEnd = (): void => {
    ended = true;
    poke();
  };
  stream.on('data', onData);
  stream.on('end', onEnd);
  // Stays attached after the loop: a stream destroyed with an error later must not crash the process.
  stream.on('error', (err: unknown) => {
    failure ??= { err };
    poke();
  });
  try {
    for (;;) {
      if (failure !== null) throw failure.err;
      if (batch.length >= size || (ended && batch.length > 0)) {
        const full = batch;
        batch = [];
        yield full;
        stream.resume();
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stream.off('data', onData);
    stream.off('end', onEnd);
  }
}

function checkedHeader(record: string[], display: string): string[] {
  const header = record.map((name) => name.trim());
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') throw failed(`${display}: column ${i + 1} of the header has no name`);
    const earlier = seen.get(name);
    if (earlier !== undefined) throw failed(`${display}: the header names "${name}" twice (columns ${earlier + 1} and ${i + 1})`);
    seen.set(name, i);
  });
  return header;
}
