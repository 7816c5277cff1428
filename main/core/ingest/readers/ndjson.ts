// The fast path for NDJSON: split on '\n' with indexOf and JSON.parse each line. This is the
// common case for large exports, so the loop does nothing per character in JS and slices the
// chunk (V8 slices share the parent string) instead of copying.

import { shortReason } from './errors';
import { emitTopLevel, type Emit, type TextParser } from './records';

export class NdjsonParser implements TextParser {
  /** Start of a line that the current chunk did not finish. */
  private rest = '';
  /** Line number of the next line to complete. */
  private line: number;

  constructor(
    private readonly emit: Emit,
    firstLine = 1,
  ) {
    this.line = firstLine;
  }

  write(chunk: string): void {
    let nl = chunk.indexOf('\n');
    if (nl === -1) {
      // A line longer than a chunk: only then do we concatenate.
      this.rest += chunk;
      return;
    }
    this.handleLine(this.rest === '' ? chunk.slice(0, nl) : this.rest + chunk.slice(0, nl));
    this.rest = '';
    let start = nl + 1;
    while ((nl = chunk.indexOf('\n', start)) !== -1) {
      this.handleLine(chunk.slice(start, nl));
      start = nl + 1;
    }
    this.rest = chunk.slice(start);
  }

  end(): void {
    if (this.rest !== '') this.handleLine(this.rest);
    this.rest = '';
  }

  private handleLine(text: string): void {
    const line = this.line++;
    // Blank lines are allowed anywhere (trailing newline, separators); test cheaply first
    // since event lines start with '{'.
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      // Only this line is lost: a truncated or garbled line must not spoil its neighbours.
      this.emit({ line, error: shortReason('invalid JSON', err) });
      return;
    }
    emitTopLevel(value, line, this.emit);
  }
}
