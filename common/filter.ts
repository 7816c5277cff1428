/**
 * The one filter representation. Grid search and column filters build it directly; the query
 * query language compiles to it (ARCHITECTURE.md §8); the core compiles it to SQL. There is no
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
  /** Case-insensitive wildcard: `*` any run of characters, `?` one character, a backslash escapes the next. */
  | { op: 'like'; key: string; pattern: string }
  /** The attribute has a value. */
  | { op: 'exists'; key: string }
  /** Numeric or time range; absent bounds are open. */
  | { op: 'range'; key: string; gt?: number; gte?: number; lt?: number; lte?: number }
  /** A saved segment by name (`segment:NAME`); the core replaces it by the segment's filter. */
  | { op: 'segment'; name: string }
  /** The profiles of a static-list segment, by its id: made by the core, never accepted from a client. */
  | { op: 'members'; segmentId: number };

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

/**
 * What one filter may ask of the store. A filter arrives from any client (a web page in the
 * browser host), so its size is bounded before it reaches the query compiler or SQLite.
 */
export const FILTER_LIMITS = {
  /** Nested and/or/not levels. */
  depth: 32,
  /** Nodes in the whole tree. */
  nodes: 1000,
  /** Values in one `in`. */
  inValues: 10_000,
  /**
   * Bound parameters the filter compiles to (main/core/query/compile.ts: one per text, eq,
   * contains and like, one per `in` value, one per range bound). SQLite allows 32,766 per
   * statement (SQLITE_MAX_VARIABLE_NUMBER); the grid queries add a few of their own.
   */
  params: 32_000,
} as const;

/** Parameters `f` alone binds, as main/core/query/compile.ts compiles it. */
function ownParams(f: Filter): number {
  switch (f.op) {
    case 'text':
    case 'eq':
    case 'contains':
    case 'like':
    case 'members':
      return 1;
    case 'in':
      return f.values.length;
    case 'range':
      return [f.gt, f.gte, f.lt, f.lte].filter((b) => b !== undefined).length;
    default:
      return 0;
  }
}

/** Why a filter exceeds FILTER_LIMITS, or null. Iterative: a deep filter cannot overflow the stack. */
export function filterLimitError(filter: Filter): string | null {
  const stack: Array<{ f: Filter; depth: number }> = [{ f: filter, depth: 1 }];
  let nodes = 0;
  let params = 0;
  while (stack.length > 0) {
    const { f, depth } = stack.pop()!;
    if (depth > FILTER_LIMITS.depth) return `filter nests more than ${FILTER_LIMITS.depth} levels deep`;
    if (++nodes > FILTER_LIMITS.nodes) return `filter has more than ${FILTER_LIMITS.nodes} conditions`;
    if (f.op === 'in' && f.values.length > FILTER_LIMITS.inValues) {
      return `filter lists more than ${FILTER_LIMITS.inValues} values in one "in"`;
    }
    params += ownParams(f);
    if (params > FILTER_LIMITS.params) return `filter has more than ${FILTER_LIMITS.params} values in all`;
    if (f.op === 'and' || f.op === 'or') for (const item of f.items) stack.push({ f: item, depth: depth + 1 });
    if (f.op === 'not') stack.push({ f: f.item, depth: depth + 1 });
  }
  return null;
}
