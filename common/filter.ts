/**
 * The one filter representation. Grid search and column filters build it directly; the query
 * query language compiles to it (ARCHITECTURE.md §7); the core compiles it to SQL. There is no
 * second filter path.
 *
 * Keys are canonical attribute keys. Values of `time` attributes are ms since epoch.
 */
export type Filter =
  | { op: 'and'; items: Filter[] }
  | { op: 'or'; items: Filter[] }
  | { op: 'not'; item: Filter }
  /** Free text: every word (or the phrase) matches a word or word prefix of the searched keys. */
  | { op: 'text'; text: string; phrase?: boolean }
  /** Case-insensitive equality for text, exact for numbers and times. */
  | { op: 'eq'; key: string; value: string | number }
  /** Any of the values (set filter); case-insensitive for text. */
  | { op: 'in'; key: string; values: Array<string | number> }
  /** Case-insensitive substring. */
  | { op: 'contains'; key: string; value: string }
  /** Case-insensitive wildcard: `*` any run of characters, `?` one character. */
  | { op: 'like'; key: string; pattern: string }
  /** The attribute has a value. */
  | { op: 'exists'; key: string }
  /** Numeric or time range; absent bounds are open. */
  | { op: 'range'; key: string; gt?: number; gte?: number; lt?: number; lte?: number };

export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  key: string;
  dir: SortDirection;
}

export const and = (...items: Array<Filter | null | undefined>): Filter | null => {
  const present = items.filter((f): f is Filter => f != null);
  if (present.length === 0) return null;
  return present.length === 1 ? present[0]! : { op: 'and', items: present };
};
