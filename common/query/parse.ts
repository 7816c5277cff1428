/**
 * The query language's parser (ARCHITECTURE.md §8): Datadog's search syntax, read character by
 * character by recursive descent. Hand-written rather than generated so every error names the
 * exact position and what was expected there, in an analyst's words.
 *
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := unary (["AND"] unary)*          implicit AND between terms
 *   unary   := ("-" | "NOT") unary | primary
 *   primary := "(" or ")" | PHRASE | key ":" value | WORD
 *   value   := "(" vor ")" | "[" bound "TO" bound "]" | (">"|">="|"<"|"<=") atom | "*" | atom
 *   vor / vand / vunary: the same boolean forms over values
 */
import type { Comparator, QueryNode, Span, ValueNode } from './ast';
import { QueryError } from './errors';

const KEY_RE = /^@?[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Parentheses and negations nest at most this deep (the parser recurses once per level). */
export const MAX_NESTING = 32;

export function parseQuery(source: string): QueryNode | null {
  const parser = new Parser(source);
  parser.skipSpace();
  if (parser.atEnd()) return null;
  const node = parser.parseOr();
  parser.skipSpace();
  if (!parser.atEnd()) {
    throw parser.peek() === ')'
      ? new QueryError(`Unexpected ")" at position ${parser.pos}: no "(" opened it`, parser.pos, 'a term or the end of the query')
      : new QueryError(`Unexpected "${parser.peek()}" at position ${parser.pos}`, parser.pos, 'a term');
  }
  return node;
}

/** A run of characters up to a delimiter, with escapes resolved. */
interface Chunk extends Span {
  text: string;
  /** `text` with literal `*`, `?` and `\` escaped by `\`, unescaped wildcards kept bare. */
  pattern: string;
  wildcard: boolean;
  colon: number | null;
}

class Parser {
  pos = 0;
  private depth = 0;
  constructor(private readonly src: string) {}

  /** Runs one nested level, refusing more than MAX_NESTING before the stack could suffer. */
  private nested<T>(at: number, parse: () => T): T {
    if (++this.depth > MAX_NESTING) {
      throw new QueryError(`The query nests more than ${MAX_NESTING} levels deep at position ${at}`, at, 'fewer nested levels');
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }
  peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }
  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.peek())) this.pos++;
  }

  /** An upper-case keyword standing alone (followed by a space, a paren, a quote or the end). */
  private keyword(word: 'AND' | 'OR' | 'NOT' | 'TO'): boolean {
    if (!this.src.startsWith(word, this.pos)) return false;
    const next = this.src[this.pos + word.length] ?? '';
    const standsAlone = next === '' || /\s/.test(next) || next === '(' || next === ')' || next === '"' || next === '[';
    return standsAlone && (word !== 'NOT' || next !== ')');
  }

  private endOfTerms(): boolean {
    this.skipSpace();
    return this.atEnd() || this.peek() === ')';
  }

  parseOr(): QueryNode {
    const start = this.pos;
    const items = [this.parseAnd()];
    while (!this.endOfTerms() && this.keyword('OR')) {
      this.pos += 2;
      if (this.endOfTerms()) throw new QueryError(`Expected a term after OR at position ${this.pos}`, this.pos, 'a term');
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items, start, end: this.pos };
  }

  private parseAnd(): QueryNode {
    const start = this.pos;
    const items = [this.parseUnary()];
    while (!this.endOfTerms() && !this.keyword('OR')) {
      if (this.keyword('AND')) {
        this.pos += 3;
        if (this.endOfTerms()) throw new QueryError(`Expected a term after AND at position ${this.pos}`, this.pos, 'a term');
      }
      items.push(this.parseUnary());
    }
    return items.length === 1 ? items[0]! : { type: 'and', items, start, end: this.pos };
  }

  private parseUnary(): QueryNode {
    this.skipSpace();
    const start = this.pos;
    if (this.negation()) {
      const item = this.nested(start, () => this.parseUnary());
      return { type: 'not', item, start, end: item.end };
    }
    return this.parsePrimary();
  }

  /** Consumes `-` (glued to its term) or `NOT`; throws when nothing follows. */
  private negation(): boolean {
    const at = this.pos;
    if (this.peek() === '-' && this.peek(1) !== '' && !/\s/.test(this.peek(1))) {
      this.pos++;
      return true;
    }
    if (this.keyword('NOT')) {
      this.pos += 3;
      if (this.endOfTerms()) throw new QueryError(`Expected a term after NOT at position ${this.pos}`, this.pos, 'a term');
      return true;
    }
    if (this.peek() === '-') throw new QueryError(`Expected a term right after "-" at position ${at + 1}`, at + 1, 'a term');
    return false;
  }

  private parsePrimary(): QueryNode {
    const start = this.pos;
    const c = this.peek();
    if (c === '(') {
      this.pos++;
      if (this.endOfTerms()) throw new QueryError(`Expected a term after "(" at position ${this.pos}`, this.pos, 'a term');
      const inner = this.nested(start, () => this.parseOr());
      this.expectClose(')', start);
      return { ...inner, start, end: this.pos } as QueryNode;
    }
    if (c === '"') {
      const text = this.quoted();
      return { type: 'text', text, phrase: true, start, end: this.pos };
    }
    const chunk = this.chunk(true);
    if (chunk.colon === null) {
      return { type: 'text', text: chunk.text.replace(/[*?]/g, ''), phrase: false, start, end: chunk.end };
    }
    const rawKey = this.src.slice(start, chunk.colon);
    if (!KEY_RE.test(rawKey)) {
      throw new QueryError(
        rawKey === ''
          ? `Expected a key before ":" at position ${chunk.colon}`
          : `"${rawKey}" at position ${start} is not a key (letters, digits and _); quote it to search it as text`,
        start,
        'a key',
      );
    }
    this.pos = chunk.colon + 1;
    const keySpan = { start, end: chunk.colon };
    const value = this.parseValue(rawKey);
    return { type: 'field', key: rawKey.replace(/^@/, ''), keySpan, value, start, end: value.end };
  }

  private parseValue(key: string): ValueNode {
    const start = this.pos;
    const c = this.peek();
    if (c === '' || /\s/.test(c) || c === ')') {
      throw new QueryError(`Expected a value after "${key}:" at position ${start}`, start, 'a value');
    }
    if (c === '(') {
      this.pos++;
      if (this.endOfTerms()) throw new QueryError(`Expected a value after "(" at position ${this.pos}`, this.pos, 'a value');
      const inner = this.nested(start, () => this.parseValueOr(key));
      this.expectClose(')', start);
      return { ...inner, start, end: this.pos } as ValueNode;
    }
    if (c === '[') return this.parseRange();
    if (c === '>' || c === '<') {
      const op = (this.peek(1) === '=' ? `${c}=` : c) as Comparator;
      this.pos += op.length;
      const atom = this.atom(`${key}:${op}`);
      if (atom.type !== 'exact') throw new QueryError(`Expected a number or a time after "${op}" at position ${start + op.length}`, start + op.length, 'a number or a time');
      return { type: 'compare', op, value: atom.value, start, end: atom.end };
    }
    return this.atom(`${key}:`);
  }

  private parseValueOr(key: string): ValueNode {
    const start = this.pos;
    const items = [this.parseValueAnd(key)];
    while (!this.endOfTerms() && this.keyword('OR')) {
      this.pos += 2;
      if (this.endOfTerms()) throw new QueryError(`Expected a value after OR at position ${this.pos}`, this.pos, 'a value');
      items.push(this.parseValueAnd(key));
    }
    return items.length === 1 ? items[0]! : { type: 'or', items, start, end: this.pos };
  }

  private parseValueAnd(key: string): ValueNode {
    const start = this.pos;
    const items = [this.parseValueUnary(key)];
    while (!this.endOfTerms() && !this.keyword('OR')) {
      if (this.keyword('AND')) {
        this.pos += 3;
        if (this.endOfTerms()) throw new QueryError(`Expected a value after AND at position ${this.pos}`, this.pos, 'a value');
      }
      items.push(this.parseValueUnary(key));
    }
    return items.length === 1 ? items[0]! : { type: 'and', items, start, end: this.pos };
  }

  private parseValueUnary(key: string): ValueNode {
    this.skipSpace();
    const start = this.pos;
    if (this.negation()) {
      const item = this.nested(start, () => this.parseValueUnary(key));
      return { type: 'not', item, start, end: item.end };
    }
    return this.parseValue(key);
  }

  private parseRange(): ValueNode {
    const start = this.pos;
    this.pos++; // [
    this.skipSpace();
    const from = this.bound('the start of the range');
    this.skipSpace();
    if (!this.keyword('TO')) throw new QueryError(`Expected "TO" at position ${this.pos} in the range opened at position ${start}`, this.pos, '"TO"');
    this.pos += 2;
    this.skipSpace();
    const to = this.bound('the end of the range');
    this.skipSpace();
    this.expectClose(']', start);
    return { type: 'range', from, to, start, end: this.pos };
  }

  private bound(what: string): string | null {
    const c = this.peek();
    if (c === '' || c === ']' || /\s/.test(c)) throw new QueryError(`Expected ${what} at position ${this.pos}`, this.pos, what);
    if (c === '"') return this.quoted();
    const chunk = this.chunk(false, ']');
    if (chunk.text === '*' && !chunk.pattern.startsWith('\\')) return null;
    if (chunk.wildcard) throw new QueryError(`Wildcards can't bound a range (position ${chunk.start}); use * alone for an open end`, chunk.start, what);
    return chunk.text;
  }

  /** A single value: quoted, `*`, a wildcard pattern or a literal. */
  private atom(after: string): ValueNode {
    const start = this.pos;
    const c = this.peek();
    if (c === '' || /\s/.test(c) || c === ')' || c === '(') {
      throw new QueryError(`Expected a value after "${after}" at position ${start}`, start, 'a value');
    }
    if (c === '"') return { type: 'exact', value: this.quoted(), quoted: true, start, end: this.pos };
    const chunk = this.chunk(false);
    if (chunk.pattern === '*') return { type: 'present', start, end: chunk.end };
    if (chunk.wildcard) return { type: 'wildcard', pattern: chunk.pattern, start, end: chunk.end };
    return { type: 'exact', value: chunk.text, quoted: false, start, end: chunk.end };
  }

  /** Reads a double-quoted string (the cursor is on the opening quote). */
  private quoted(): string {
    const open = this.pos;
    this.pos++;
    let text = '';
    while (!this.atEnd() && this.peek() !== '"') {
      if (this.peek() === '\\') this.pos++;
      if (this.atEnd()) break;
      text += this.peek();
      this.pos++;
    }
    if (this.atEnd()) throw new QueryError(`Expected a closing " at position ${this.src.length} for the quote opened at position ${open}`, this.src.length, '"');
    this.pos++;
    return text;
  }

  /**
   * Reads up to unescaped whitespace, a parenthesis or a quote (and `stop`). A key's colon is
   * noted (the first unescaped one, when `findColon`): values may hold colons (`12:30`).
   */
  private chunk(findColon: boolean, stop = ''): Chunk {
    const start = this.pos;
    let text = '';
    let pattern = '';
    let wildcard = false;
    let colon: number | null = null;
    while (!this.atEnd()) {
      const c = this.peek();
      if (/\s/.test(c) || c === '(' || c === ')' || c === '"' || (stop !== '' && c === stop)) break;
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === undefined) throw new QueryError(`Expected a character after "\\" at position ${this.pos + 1}`, this.pos + 1, 'an escaped character');
        text += next;
        pattern += next === '*' || next === '?' || next === '\\' ? `\\${next}` : next;
        this.pos += 2;
        continue;
      }
      if (c === ':' && findColon && colon === null) {
        colon = this.pos;
        break;
      }
      if (c === '*' || c === '?') wildcard = true;
      text += c;
      pattern += c;
      this.pos++;
    }
    return { text, pattern, wildcard, colon, start, end: this.pos };
  }

  private expectClose(close: ')' | ']', openedAt: number): void {
    this.skipSpace();
    if (this.peek() !== close) {
      const what = this.atEnd() ? 'the end of the query' : `"${this.peek()}"`;
      throw new QueryError(
        `Expected "${close}" to close the "${close === ')' ? '(' : '['}" at position ${openedAt}, found ${what} at position ${this.pos}`,
        this.pos,
        `"${close}"`,
      );
    }
    this.pos++;
  }
}
