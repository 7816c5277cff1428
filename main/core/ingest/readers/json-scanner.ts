// Streaming scanner for JSON that is not one-value-per-line: a (pretty-printed, possibly huge)
// array of records, an API page `{ meta, data: [ … ], links }`, a pretty-printed single event,
// or a sequence of such top-level values. It tracks strings/escapes and bracket depth across
// chunk boundaries to find where each record's text starts and ends, and leaves the actual
// parsing to JSON.parse on that text. Memory is bounded by the largest record, not the file.

import { Capture } from './capture';
import { NotEventsError, shortReason } from './errors';
import { EXCERPT_CHARS, excerpt } from './excerpt';
import { countNewlines, endsInEscape, findStringEnd, newlineOrEnd } from './json-strings';
import { emitRecord, type Emit, type TextParser } from './records';

const NL = 10, CR = 13, SPACE = 32, TAB = 9;
const QUOTE = 34, COMMA = 44, COLON = 58;
const OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;

/** What the current top-level value is. */
const NONE = 0, ARRAY = 1, OBJECT = 2, PAGE = 3;
const NAMES = ['', 'JSON array', 'JSON value', 'API page'];

export class JsonScanner implements TextParser {
  private line: number;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** After unexpected text between top-level values: ignore the rest of that line. */
  private junk = false;
  private top = NONE;
  /** Top-level values begun so far, and the line the current one begins on. */
  private topCount = 0;
  private topLine = 0;
  /** The last character written was a newline: the file's last line is the one before. */
  private endsInNewline = false;
  /** Depth of the array whose elements are records (1: top-level array, 2: a page's data). */
  private recordDepth = -1;
  private afterComma = false;
  /** The current element, or a whole top-level object until we know whether it is a page
   *  (then its `data` elements are captured instead, one at a time). */
  private readonly value = new Capture();
  // Keys of a top-level object, to spot `"data": [` whatever key order the page uses.
  private readonly key = new Capture();
  private expectKey = false;
  private awaitingValue = false;
  private lastKey = '';

  constructor(
    private readonly emit: Emit,
    firstLine = 1,
    /** Named in the error for a file that ends early. */
    private readonly file = '',
  ) {
    this.line = firstLine;
  }

  write(chunk: string): void {
    this.value.nextChunk();
    this.key.nextChunk();
    const n = chunk.length;
    if (n > 0) this.endsInNewline = chunk.charCodeAt(n - 1) === NL;
    let nextNewline = -1;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          if (c === NL) this.line++;
          if (++i === n) break;
        }
        const quote = findStringEnd(chunk, i);
        const stop = quote === -1 ? n : quote;
        // Newlines cannot be in valid strings: look for one only once per line of text.
        if (nextNewline < i) nextNewline = newlineOrEnd(chunk, i);
        if (nextNewline < stop) {
          this.line += countNewlines(chunk, nextNewline, stop);
          nextNewline = newlineOrEnd(chunk, stop);
        }
        if (quote === -1) {
          this.escaped = endsInEscape(chunk, i);
          break;
        }
        i = quote;
        this.inString = false;
        if (this.key.active) this.lastKey = this.key.take(chunk, i);
        continue;
      }
      if (c === NL) {
        this.line++;
        this.junk = false;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR || this.junk) continue;

      if (this.depth === this.recordDepth) {
        if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE) {
          this.endElement(chunk, i, c === COMMA);
          continue;
        }
        if (!this.value.active) this.value.begin(i, this.line);
      } else if (this.depth === 0) {
        this.startTopLevel(chunk, i, c);
        continue;
      } else if (this.depth === 1 && this.top !== ARRAY) {
        if (c === QUOTE && this.expectKey) {
          this.inString = true;
          this.key.begin(i + 1, this.line);
          continue;
        }
        if (c === COLON || c === COMMA) {
          this.expectKey = c === COMMA;
          this.awaitingValue = c === COLON;
          continue;
        }
        if (this.awaitingValue) {
          this.awaitingValue = false;
          if (c === OPEN_BRACKET && this.lastKey === 'data') {
            this.startPageData();
            continue;
          }
        }
      }

      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--this.depth === 0) this.endTopLevel(chunk, i);
      }
    }
    this.value.endChunk(chunk);
    this.key.endChunk(chunk);
  }

  /**
   * The end of a file cut inside an array or a page (an interrupted download), or inside the
   * file's only value, fails the file as a whole: its records so far are not all it holds.
   * After other top-level values, a cut last one is one bad record, like NDJSON's last line.
   */
  end(): void {
    if (this.top === NONE) return;
    if (this.top !== OBJECT || this.topCount === 1) {
      const last = this.endsInNewline ? this.line - 1 : this.line;
      throw new NotEventsError(
        this.file,
        last,
        `${this.file}: the file ends early, at line ${last}, inside the ${NAMES[this.top]} opened on line ${this.topLine} (an interrupted download?)`,
      );
    }
    this.emit({ line: this.value.active ? this.value.line : this.line, error: 'unexpected end of file' });
    this.top = NONE;
  }

  private startTopLevel(chunk: string, i: number, c: number): void {
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      this.topCount++;
      this.topLine = this.line;
    }
    if (c === OPEN_BRACKET) {
      this.top = ARRAY;
      this.depth = this.recordDepth = 1;
      this.afterComma = false;
    } else if (c === OPEN_BRACE) {
      this.top = OBJECT;
      this.depth = 1;
      this.expectKey = true;
      this.awaitingValue = false;
      this.lastKey = '';
      this.value.begin(i, this.line);
    } else {
      // Stray text between values (e.g. "," or a line of garbage): one error, skip the line.
      const end = chunk.indexOf('\n', i);
      const snippet = chunk.slice(i, Math.min(end === -1 ? chunk.length : end, i + 2 * EXCERPT_CHARS)).trim();
      this.emit({ line: this.line, error: `invalid JSON: unexpected text ${excerpt(snippet)} between values` });
      this.junk = true;
    }
  }

  private endTopLevel(chunk: string, i: number): void {
    if (this.top === OBJECT) this.parse(this.value.take(chunk, i + 1));
    this.top = NONE;
    this.recordDepth = -1;
  }

  /** `"data": [` at the top of an object: it is a page, its elements are the records. */
  private startPageData(): void {
    this.top = PAGE;
    this.value.drop();
    this.depth = this.recordDepth = 2;
    this.afterComma = false;
  }

  /** A ',' or the closing bracket at the level of the records. */
  private endElement(chunk: string, i: number, isComma: boolean): void {
    if (this.value.active) {
      this.parse(this.value.take(chunk, i));
    } else if (isComma || this.afterComma) {
      this.emit({ line: this.line, error: `invalid JSON: missing value before "${chunk[i]}"` });
    }
    this.afterComma = isComma;
    if (!isComma) {
      this.recordDepth = -1;
      if (--this.depth === 0) this.endTopLevel(chunk, i);
    }
  }

  private parse(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.emit({ line: this.value.line, error: shortReason('invalid JSON', err) });
      return;
    }
    // Like an NDJSON page line: a page's items are records as they are, never unwrapped again.
    if (this.top === PAGE) this.emit({ line: this.value.line, value });
    else emitRecord(value, this.value.line, this.emit);
  }
}
