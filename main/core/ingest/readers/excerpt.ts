// A file's text quoted in a message (an import summary, the CLI's stderr, a dialog) is short
// and escaped: a hostile line must not fill a report, move a terminal's cursor or recolour it
// (ANSI escapes), ring its bell, or reorder what follows (bidi controls).

/** At most this many characters of a file's text are quoted in a message. */
export const EXCERPT_CHARS = 40;

/**
 * Characters JSON.stringify leaves as they are but that must not reach a terminal or a dialog
 * raw: DEL and the C1 controls (U+0085, and U+009B, an ANSI escape on its own), the bidi marks,
 * embeddings, overrides and isolates, the line and paragraph separators, and the BOM.
 */
const INVISIBLE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const hex = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control characters as visible escapes (JSON.stringify's, plus the ones it leaves raw). */
export function escapeControls(text: string): string {
  // Slicing JSON.stringify's output drops its quotes and keeps its escapes (control
  // characters, lone surrogates), but quotes and backslashes are escaped too: undo those.
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/\\(["\\])/g, '$1')
    .replace(INVISIBLE, hex);
}

/** `text` quoted and escaped like JSON.stringify, cut to `max` characters (then `"…"…`). */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = Array.from(text); // code points: a cut never splits a surrogate pair
  const cut = chars.length > max;
  return `${JSON.stringify(cut ? chars.slice(0, max).join('') : text).replace(INVISIBLE, hex)}${cut ? '…' : ''}`;
}

/** V8's JSON.parse message quotes the text raw: `Unexpected token 'x', ..."text"... is not valid JSON`. */
const V8_UNEXPECTED = /^Unexpected token '([\s\S]{1,2})', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/;

/**
 * A parser's error message made safe to show: V8's quoted text escaped and cut to an excerpt,
 * any other control character escaped (other engines and versions word their messages
 * differently, so nothing raw gets through whatever the wording).
 */
export function safeMessage(message: string): string {
  const v8 = V8_UNEXPECTED.exec(message);
  if (v8) {
    const [, token, before, quoted, after] = v8;
    return `Unexpected token ${excerpt(token!)}, ${before ?? ''}${excerpt(quoted!)}${after ?? ''} is not valid JSON`;
  }
  return escapeControls(message);
}
