// Decides, from the start of the file, which parser reads it. NDJSON gets the fast line path;
// everything else (pretty-printed JSON, a huge single-line array, concatenated values) gets the
// streaming scanner. Also rejects files that are clearly not JSON events before any record.

import { NotEventsError } from './errors';
import { excerpt } from './excerpt';
import { countNewlines } from './json-strings';

export type Mode = 'ndjson' | 'scan';

/** A first line longer than this is not treated as NDJSON: it may be one huge array or page,
 *  which the scanner streams instead of holding in memory. */
export const MAX_PROBE_LINE = 4 * 1024 * 1024;

const EXPECTED = 'expected JSON events: NDJSON, a JSON array or an API page';

function firstNonSpace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
  }
  return -1;
}

/** Whether the text is one whole JSON value. */
export function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Text of the line starting at `start`, or null if the head does not hold all of it yet. */
function lineAt(head: string, start: number, eof: boolean): string | null {
  const nl = head.indexOf('\n', start);
  if (nl !== -1) return head.slice(start, nl);
  return eof ? head.slice(start) : null;
}

export function isBlank(text: string): boolean {
  return firstNonSpace(text, 0) === -1;
}

/**
 * `head` is the file's text so far (BOM removed; leading blank text may have been dropped, with
 * `firstLine` the line number of its first character). Returns the mode, or null when more text
 * is needed to decide. Throws NotEventsError when the file cannot hold JSON events.
 */
export function detectMode(head: string, eof: boolean, file: string, firstLine = 1): Mode | null {
  const start = firstNonSpace(head, 0);
  if (start === -1) {
    if (!eof) return null;
    throw new NotEventsError(file, 0, `${file}: contains no events (the file is empty or blank)`);
  }
  const c = head[start];
  if (c !== '{' && c !== '[') {
    // Wait for enough of the line to quote it in the message.
    if (!eof && head.indexOf('\n', start) === -1 && head.length - start < 80) return null;
    const line = firstLine + countNewlines(head, 0, start);
    const text = (lineAt(head, start, true) ?? '').trim();
    throw new NotEventsError(file, line, `${file}: not a RUM event file (line ${line} starts with ${excerpt(text)}; ${EXPECTED})`);
  }
  const first = lineAt(head, start, eof);
  if (first === null) return head.length - start > MAX_PROBE_LINE ? 'scan' : null;
  if (parses(first)) return 'ndjson';
  // Pretty-printed JSON never has a complete value on its first line. But NDJSON whose first
  // line is damaged must still be read line by line, or that one bad line would swallow the
  // rest of the file: if the next line is a complete object/array, it is NDJSON. ('[' alone on
  // line 1 followed by one element is a pretty array, so that case needs the '{' start.)
  if (c !== '{') return 'scan';
  const nextStart = firstNonSpace(head, start + first.length);
  if (nextStart === -1) return eof ? 'scan' : null;
  const second = lineAt(head, nextStart, eof);
  if (second === null) return head.length - nextStart > MAX_PROBE_LINE ? 'scan' : null;
  const s = head[nextStart];
  return (s === '{' || s === '[') && parses(second) ? 'ndjson' : 'scan';
}
