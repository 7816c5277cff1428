/**
 * The one filter representation (common/filter.ts) → a SQL WHERE clause with parameters.
 * Grid filters and (later) the query language both arrive here, so there is one path to SQL.
 */
import type { Filter, SortKey } from '../../../common/filter';
import { ATTRIBUTES, type AttributeSpec, type ProfileKind } from '../../../common/keys';
import { ApiError } from '../dispatcher';

export interface Sql {
  sql: string;
  params: Array<string | number>;
}

/** A custom attribute (main/core/attributes/catalog.ts): its spec, and the SQL of its value for a row of `outer`. */
export interface CustomColumn {
  spec: AttributeSpec;
  value: (outer: string) => string;
}

export interface ProfileTable {
  kind: ProfileKind;
  table: string;
  fts: string;
  /** The key whose index is unique (no tie-breaker needed). */
  idKey: string;
  /** Every attribute: the built-in ones, then the custom ones. */
  specs: readonly AttributeSpec[];
  /** The custom attributes by name. */
  custom: ReadonlyMap<string, CustomColumn>;
}

/** The profile tables with the built-in attributes only (the catalog adds the custom ones). */
export const TABLES: Record<ProfileKind, ProfileTable> = {
  user: { kind: 'user', table: 'users', fts: 'users_fts', idKey: 'user_id', specs: ATTRIBUTES.user, custom: new Map() },
  account: { kind: 'account', table: 'accounts', fts: 'accounts_fts', idKey: 'account_id', specs: ATTRIBUTES.account, custom: new Map() },
};

export function specOf(t: ProfileTable, key: string): AttributeSpec {
  const spec = t.specs.find((a) => a.key === key);
  if (!spec) {
    const known = t.specs.map((a) => a.key).join(', ');
    throw new ApiError('invalid_input', `Unknown ${t.kind} attribute "${key}". Known: ${known}`, { key });
  }
  return spec;
}

const isText = (spec: AttributeSpec): boolean => spec.type === 'text' || spec.type === 'country';

/** An attribute's value for a row of `outer` (the table, or its alias): a column, or a custom attribute's lookup. */
export function valueSql(t: ProfileTable, spec: AttributeSpec, outer = t.table): string {
  const custom = t.custom.get(spec.key);
  if (custom) return custom.value(outer);
  return outer === t.table ? spec.key : `${outer}.${spec.key}`;
}

/** Text compares ignore case (and use the NOCASE indexes); ids compare exactly. */
export function column(t: ProfileTable, spec: AttributeSpec, outer = t.table): string {
  const value = valueSql(t, spec, outer);
  return isText(spec) && spec.key !== t.idKey ? `${value} COLLATE NOCASE` : value;
}

/** Escapes LIKE metacharacters so user text matches literally. */
const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `*` any run, `?` one character, `\` makes the next character literal; everything else literal. */
export function wildcardToLike(pattern: string): string {
  let like = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) like += escapeLike(pattern[++i]!);
    else like += c === '*' ? '%' : c === '?' ? '_' : escapeLike(c);
  }
  return like;
}

/** Free text → an FTS5 query: every word must match a word or word prefix. */
export function ftsQuery(text: string, phrase: boolean): string | null {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return null;
  if (phrase) return `"${words.join(' ')}" *`;
  return words.map((w) => `"${w}" *`).join(' AND ');
}

const BOOLEAN_WORDS: Record<string, number> = { true: 1, yes: 1, '1': 1, false: 0, no: 0, '0': 0 };

function numberValue(spec: AttributeSpec, v: string | number): number {
  if (spec.type === 'boolean') {
    const b = BOOLEAN_WORDS[String(v).trim().toLowerCase()];
    if (b === undefined) throw new ApiError('invalid_input', `${spec.key} is true or false: "${v}" is neither`, { key: spec.key });
    return b;
  }
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) {
    throw new ApiError('invalid_input', `${spec.key} is a ${spec.type}: "${v}" is not a number`, { key: spec.key });
  }
  return n;
}

/**
 * `a AND b AND c …` parses into a chain as deep as it is long, and SQLite refuses expression
 * trees deeper than 1000 (SQLITE_MAX_EXPR_DEPTH); halving into parenthesised groups keeps the
 * depth logarithmic, so a filter within FILTER_LIMITS always compiles.
 */
function balanced(parts: string[], joiner: string): string {
  if (parts.length <= 8) return `(${parts.join(joiner)})`;
  const mid = Math.ceil(parts.length / 2);
  return `(${balanced(parts.slice(0, mid), joiner)}${joiner}${balanced(parts.slice(mid), joiner)})`;
}

export function compileFilter(t: ProfileTable, filter: Filter | null): Sql {
  const params: Array<string | number> = [];
  const walk = (f: Filter): string => {
    switch (f.op) {
      case 'and':
      case 'or': {
        if (f.items.length === 0) return f.op === 'and' ? '1' : '0';
        return balanced(f.items.map(walk), f.op === 'and' ? ' AND ' : ' OR ');
      }
      // coalesce: a row without the attribute satisfies "not key:value" (Datadog's reading).
      case 'not':
        return `NOT coalesce(${walk(f.item)}, 0)`;
      case 'text': {
        const q = ftsQuery(f.text, f.phrase ?? false);
        if (q === null) return '1';
        params.push(q);
        return `id IN (SELECT rowid FROM ${t.fts} WHERE ${t.fts} MATCH ?)`;
      }
      case 'exists':
        return `${valueSql(t, specOf(t, f.key))} IS NOT NULL`;
      case 'eq': {
        const spec = specOf(t, f.key);
        params.push(isText(spec) ? String(f.value) : numberValue(spec, f.value));
        return `${column(t, spec)} = ?`;
      }
      case 'in': {
        const spec = specOf(t, f.key);
        if (f.values.length === 0) return '0';
        for (const v of f.values) params.push(isText(spec) ? String(v) : numberValue(spec, v));
        return `${column(t, spec)} IN (${f.values.map(() => '?').join(', ')})`;
      }
      case 'contains':
      case 'like': {
        const spec = specOf(t, f.key);
        params.push(f.op === 'contains' ? `%${escapeLike(f.value)}%` : wildcardToLike(f.pattern));
        return `${valueSql(t, spec)} LIKE ? ESCAPE '\\'`;
      }
      case 'members':
        params.push(f.segmentId);
        return `${t.idKey} IN (SELECT member FROM segment_members WHERE segment_id = ?)`;
      case 'segment':
        // The core expands segments (main/core/segments/expand.ts) before compiling.
        throw new Error(`Segment "${f.name}" reached the compiler unexpanded`);
      case 'range': {
        const spec = specOf(t, f.key);
        if (isText(spec) || spec.type === 'boolean') {
          throw new ApiError('invalid_input', `${spec.key} is ${spec.type}: ranges apply to numbers and times`, { key: spec.key });
        }
        const value = valueSql(t, spec);
        const parts: string[] = [];
        for (const [op, bound] of [['>', f.gt], ['>=', f.gte], ['<', f.lt], ['<=', f.lte]] as const) {
          if (bound === undefined) continue;
          params.push(bound);
          parts.push(`${value} ${op} ?`);
        }
        return parts.length ? `(${parts.join(' AND ')})` : `${value} IS NOT NULL`;
      }
    }
  };
  return { sql: filter ? walk(filter) : '1', params };
}

/** ORDER BY with the row id as tie-breaker, in the same direction so one index walk serves it. */
export function compileSort(t: ProfileTable, sort: SortKey[], outer = t.table): string {
  const keys = sort.length ? sort : [{ key: 'last_seen', dir: 'desc' as const }];
  const parts = keys.map((s) => `${column(t, specOf(t, s.key), outer)} ${s.dir.toUpperCase()}`);
  const id = outer === t.table ? 'id' : `${outer}.id`;
  if (!keys.some((s) => s.key === t.idKey)) parts.push(`${id} ${keys[keys.length - 1]!.dir.toUpperCase()}`);
  return parts.join(', ');
}
