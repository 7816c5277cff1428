/**
 * The syntax tree of the query language (ARCHITECTURE.md §8), before keys and values are
 * checked against the attributes: the parser only knows the grammar. Every node keeps its
 * character span so errors found later (an unknown key, a bad date) can point at it.
 */

export interface Span {
  /** 0-based index of the first character. */
  start: number;
  /** 0-based index after the last character. */
  end: number;
}

export type QueryNode =
  | ({ type: 'and' | 'or'; items: QueryNode[] } & Span)
  | ({ type: 'not'; item: QueryNode } & Span)
  /** Free text: a word (or, quoted, a phrase). */
  | ({ type: 'text'; text: string; phrase: boolean } & Span)
  /** `key:value`, with the `@` prefix already dropped from `key`. */
  | ({ type: 'field'; key: string; keySpan: Span; value: ValueNode } & Span);

export type Comparator = '>' | '>=' | '<' | '<=';

export type ValueNode =
  | ({ type: 'and' | 'or'; items: ValueNode[] } & Span)
  | ({ type: 'not'; item: ValueNode } & Span)
  /** A literal value; `quoted` when it was written in double quotes. */
  | ({ type: 'exact'; value: string; quoted: boolean } & Span)
  /** A value with unescaped `*` or `?`: `*` any run of characters, `?` one character. */
  | ({ type: 'wildcard'; pattern: string } & Span)
  /** `key:*`: the attribute is present. */
  | ({ type: 'present' } & Span)
  | ({ type: 'compare'; op: Comparator; value: string } & Span)
  /** `[from TO to]`, both ends included; `*` for an open end (null). */
  | ({ type: 'range'; from: string | null; to: string | null } & Span);
