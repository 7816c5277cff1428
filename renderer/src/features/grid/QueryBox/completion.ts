/**
 * Where the cursor stands in a query, for autocomplete: typing a key (suggest keys) or the value
 * after `key:` (suggest that attribute's values), and how an accepted suggestion is written back.
 * Pure text logic; it mirrors the parser's lexical rules (common/query/parse.ts) only as far as
 * suggestions need: whitespace and parentheses end a term, `\` escapes, quotes group.
 */

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** `key:` (optionally `-key:`, `@key:`) right before a position. */
const KEY_BEFORE_RE = /(?:^|[\s(])-?@?([A-Za-z_][A-Za-z0-9_.-]*):$/;
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'TO']);

export type CompletionContext =
  /** `start..end` is the key's text (after any `-` and `@`), replaced by `key:`. */
  | { kind: 'key'; prefix: string; start: number; end: number }
  /** `start..end` is the value's text (after the comparator, if one was typed), replaced by the chosen value. */
  | { kind: 'value'; key: string; comparator: string; prefix: string; start: number; end: number };

const isBoundary = (c: string): boolean => /\s/.test(c) || c === '(' || c === ')' || c === '"';

/** Resolves `\x` escapes to `x`. */
export const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

interface Scan {
  /** Index of the quote opened before the cursor and not yet closed, or -1. */
  openQuote: number;
  /** Indexes of parentheses opened before the cursor and not yet closed (outside quotes). */
  openParens: number[];
}

function scan(text: string, cursor: number): Scan {
  let openQuote = -1;
  const openParens: number[] = [];
  for (let i = 0; i < cursor; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (openQuote >= 0) {
      if (c === '"') openQuote = -1;
    } else if (c === '"') openQuote = i;
    else if (c === '(') openParens.push(i);
    else if (c === ')') openParens.pop();
  }
  return { openQuote, openParens };
}

const escapedAt = (text: string, i: number): boolean => i > 0 && text[i - 1] === '\\';

/** What the cursor is completing, or null where no suggestion applies (inside a phrase, after a keyword…). */
export function completionContext(text: string, cursor: number): CompletionContext | null {
  const { openQuote, openParens } = scan(text, cursor);

  if (openQuote >= 0) {
    // Inside `key:"…`: a quoted value; inside a bare `"…`: a phrase, nothing to suggest.
    const key = KEY_BEFORE_RE.exec(text.slice(0, openQuote))?.[1];
    if (!key) return null;
    let end = cursor;
    while (end < text.length && !(text[end] === '"' && !escapedAt(text, end))) end++;
    if (end < text.length) end++;
    return { kind: 'value', key: key.toLowerCase(), comparator: '', prefix: unescape(text.slice(openQuote + 1, cursor)), start: openQuote, end };
  }

  let start = cursor;
  while (start > 0 && !(isBoundary(text[start - 1]!) && !escapedAt(text, start - 1))) start--;
  let end = cursor;
  while (end < text.length && !(isBoundary(text[end]!) && !escapedAt(text, end))) end++;
  const token = text.slice(start, cursor);

  const colon = firstUnescapedColon(token);
  if (colon >= 0) {
    const rawKey = token.slice(0, colon).replace(/^-/, '').replace(/^@/, '');
    if (!KEY_RE.test(rawKey)) return null;
    const afterColon = token.slice(colon + 1);
    const comparator = /^(>=|<=|>|<)/.exec(afterColon)?.[0] ?? '';
    const valueStart = start + colon + 1 + comparator.length;
    return { kind: 'value', key: rawKey.toLowerCase(), comparator, prefix: unescape(text.slice(valueStart, cursor)), start: valueStart, end };
  }

  // A term inside `key:(a OR b…`: a value of that key.
  const group = openParens.at(-1);
  if (group !== undefined) {
    const key = KEY_BEFORE_RE.exec(text.slice(0, group))?.[1];
    if (key) {
      if (KEYWORDS.has(token)) return null;
      return { kind: 'value', key: key.toLowerCase(), comparator: '', prefix: unescape(token), start, end };
    }
  }

  let keyStart = start;
  if (text[keyStart] === '-' && keyStart < cursor) keyStart++;
  if (text[keyStart] === '@' && keyStart < cursor) keyStart++;
  const prefix = text.slice(keyStart, cursor);
  if (KEYWORDS.has(prefix)) return null;
  if (prefix !== '' && !KEY_RE.test(prefix)) return null;
  return { kind: 'key', prefix, start: keyStart, end };
}

function firstUnescapedColon(token: string): number {
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '\\') i++;
    else if (token[i] === ':') return i;
  }
  return -1;
}

/**
 * Keys matching what was typed: those starting with it first, then those with a word
 * (between underscores) starting with it (`country` → `first_country_code`).
 */
export function matchKeys(prefix: string, keys: readonly string[], limit = 12): string[] {
  const p = prefix.toLowerCase();
  const starts = keys.filter((k) => k.startsWith(p));
  const words = keys.filter((k) => !k.startsWith(p) && k.split('_').some((w) => w.startsWith(p)));
  return [...starts, ...words].slice(0, limit);
}

/** Values containing what was typed, case-insensitively; those starting with it first. */
export function matchValues<T extends { value: string }>(prefix: string, values: readonly T[], limit = 12): T[] {
  const p = prefix.toLowerCase();
  const starts = values.filter((v) => v.value.toLowerCase().startsWith(p));
  const inner = values.filter((v) => !v.value.toLowerCase().startsWith(p) && v.value.toLowerCase().includes(p));
  return [...starts, ...inner].slice(0, limit);
}

/** A value as the query language reads it back exactly: bare when it can be, else quoted. */
export function quoteValue(value: string): string {
  const plain = value !== '' && !/[\s()"\\*?:[\]<>{}]/.test(value) && !/^[-@]/.test(value) && !KEYWORDS.has(value);
  return plain ? value : `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export interface Completed {
  text: string;
  cursor: number;
}

/**
 * The query with a suggestion accepted: a key becomes `key:`, a value is written (quoted when
 * needed, or as is when `raw`, e.g. `>now-7d`) and followed by a space.
 */
export function applyCompletion(text: string, context: CompletionContext, choice: string, raw = false): Completed {
  if (context.kind === 'key') {
    const inserted = `${choice}:`;
    return { text: text.slice(0, context.start) + inserted + text.slice(context.end), cursor: context.start + inserted.length };
  }
  const inserted = raw ? choice : quoteValue(choice);
  const rest = text.slice(context.end);
  // Ready for the next term: a space unless one (or a closing parenthesis) follows already.
  const spacer = rest === '' ? ' ' : '';
  const cursor = context.start + inserted.length + (rest.startsWith(' ') ? 1 : spacer.length);
  return { text: text.slice(0, context.start) + inserted + spacer + rest, cursor };
}
