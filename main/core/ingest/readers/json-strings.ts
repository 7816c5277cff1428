// Skipping over the inside of JSON strings with indexOf instead of a per-character JS loop:
// strings are most of a RUM event's text, so this is where the scanner spends its time.

const BACKSLASH = 92;

/**
 * Index of the quote that ends a string whose text continues at `from` (no escape pending at
 * `from`), or -1 if the chunk ends first. A quote preceded by an odd run of backslashes is
 * escaped; an even run (`\\"`) is escaped backslashes followed by the closing quote.
 */
export function findStringEnd(chunk: string, from: number): number {
  let quote = chunk.indexOf('"', from);
  while (quote !== -1) {
    let b = quote - 1;
    while (b >= from && chunk.charCodeAt(b) === BACKSLASH) b--;
    if ((quote - 1 - b) % 2 === 0) return quote;
    quote = chunk.indexOf('"', quote + 1);
  }
  return -1;
}

/** Whether a chunk that ends inside a string ends in the middle of an escape (`\` then EOF). */
export function endsInEscape(chunk: string, from: number): boolean {
  let b = chunk.length - 1;
  while (b >= from && chunk.charCodeAt(b) === BACKSLASH) b--;
  return (chunk.length - 1 - b) % 2 === 1;
}

/** Newlines in chunk[from, to): raw newlines are invalid inside strings, but counting them keeps
 *  the line numbers of the following records right. */
export function countNewlines(chunk: string, from: number, to: number): number {
  let count = 0;
  for (let i = chunk.indexOf('\n', from); i !== -1 && i < to; i = chunk.indexOf('\n', i + 1)) count++;
  return count;
}

/** Position of the next newline, or the chunk's length when there is none. */
export function newlineOrEnd(chunk: string, from: number): number {
  const at = chunk.indexOf('\n', from);
  return at === -1 ? chunk.length : at;
}
