/**
 * A CSV's read and parse failures as one line naming the file and, for a malformed row, the
 * line a text editor shows it on.
 */
import { createReadStream } from 'node:fs';
import type { CsvError } from 'csv-parse';
import { ApiError } from '../../dispatcher';
import { fileErrorReason } from '../../file-errors';
import { isCancelled } from '../../jobs/cancelled';

export const csvFailure = (message: string): ApiError => new ApiError('source_failed', message);

type ParseError = CsvError & { record?: unknown[]; lines?: number; bytes?: number };

export async function worded(err: unknown, path: string, display: string, header: string[] | null): Promise<unknown> {
  if (err instanceof ApiError || isCancelled(err)) return err;
  const e = err as ParseError;
  if (typeof e?.code !== 'string' || !e.code.startsWith('CSV_')) return csvFailure(`${display}: ${fileErrorReason(err)}`);
  return csvFailure(`${display} line ${await lineOf(e, path)}: ${parseProblem(e, header)}`);
}

/**
 * csv-parse counts a CRLF inside a quoted field as two lines, so its line numbers drift after
 * such a field. A ragged row's error says how many bytes it had read (to the end of that row):
 * count the line breaks before it in the file instead. An unclosed quote's message names the
 * line the parse ended on (the end of the file): find where the quote opened instead.
 */
async function lineOf(e: ParseError, path: string): Promise<number | string> {
  try {
    if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && typeof e.bytes === 'number') return await lineOfRecordEnding(path, e.bytes);
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const at = await unclosedQuoteAt(path);
      if (at !== null) return await lineAtOffset(path, at);
    }
  } catch {
    // The file went away since: the parser's own count is the next best.
  }
  return /line (\d+)/.exec(e.message)?.[1] ?? e.lines ?? '?';
}

/**
 * The byte offset of the quote that opens the field still open at the end of the file, scanning
 * as RFC 4180 reads (a quote opens a field only at its start; "" inside a quoted field is a quote).
 */
async function unclosedQuoteAt(path: string): Promise<number | null> {
  let offset = 0;
  let quoted = false;
  let fieldStart = true;
  let pendingQuote = false;
  let openedAt = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++, offset++) {
      const byte = chunk[i]!;
      if (quoted) {
        if (pendingQuote) {
          pendingQuote = false;
          // "" is a quote inside the field; any other byte after a quote means the field closed.
          if (byte === 0x22) continue;
          quoted = false;
        } else {
          if (byte === 0x22) pendingQuote = true;
          continue;
        }
      }
      if (byte === 0x22 && fieldStart) {
        quoted = true;
        openedAt = offset;
      }
      fieldStart = byte === 0x2c || byte === 0x0a || byte === 0x0d;
    }
  }
  return quoted && !pendingQuote ? openedAt : null;
}

/** The 1-based line of the record that ends at byte `end` (its trailing line break included). */
export async function lineOfRecordEnding(path: string, end: number): Promise<number> {
  const { breaks, last } = await breaksBefore(path, end);
  // The row's own trailing break does not start a line of the row.
  return 1 + breaks - (last === 0x0a || last === 0x0d ? 1 : 0);
}

/** The 1-based line byte `offset` is on. */
export async function lineAtOffset(path: string, offset: number): Promise<number> {
  return 1 + (await breaksBefore(path, offset)).breaks;
}

/** Line breaks in the file's first `end` bytes (CRLF, LF, or a lone CR: old Mac files), and the last byte. */
async function breaksBefore(path: string, end: number): Promise<{ breaks: number; last: number }> {
  let breaks = 0;
  let previous = 0;
  if (end <= 0) return { breaks, last: previous };
  for await (const chunk of createReadStream(path, { start: 0, end: end - 1 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      // A CRLF is one break, counted at its \n; a \r followed by anything else is one too.
      if (byte === 0x0a || previous === 0x0d) breaks++;
      previous = byte;
    }
  }
  if (previous === 0x0d) breaks++;
  return { breaks, last: previous };
}

function parseProblem(e: ParseError, header: string[] | null): string {
  switch (e.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    {
      // The parser may fail within the chunk that holds the header, before the header reached
      // us: its message has the count it expected.
      const expected = header?.length ?? /expect (\d+)/.exec(e.message)?.[1] ?? 'another number of';
      const got = e.record?.length;
      return `${got === undefined ? 'a different number of fields' : got === 1 ? '1 field' : `${got} fields`} where the header has ${expected}`;
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'text after the closing quote of a quoted field (a quote inside a quoted field is written twice: "")';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a row longer than 10 MB (an unclosed quote?)';
    default:
      return e.message;
  }
}
