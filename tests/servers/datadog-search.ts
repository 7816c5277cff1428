/**
 * The search half of the Datadog test server: RUM events as API items, the `filter.from/to`
 * time forms and the subset of the RUM search syntax the tests use.
 *
 * Time window: Datadog documents `from` as "the minimum time" and `to` as "the maximum time"
 * without saying whether the bounds are included; this server includes both. The feed's client
 * re-reads an overlap on every pull, so either reading loses nothing.
 *
 * Query subset: `*`, `@path:value` (value may be "quoted" and may hold `*` wildcards, `@path:*`
 * means present), `@path:(a OR b …)`, `-@path:…` (exclusion), terms separated by whitespace or
 * `AND` (all must match). Anything else is refused as Datadog refuses a malformed query: 400.
 */
import { createHash } from 'node:crypto';

export type RawEvent = Record<string, unknown> & { date: number };

/** One stored event with its API form. Items sort by (timestamp, id), as the API pages them. */
export interface StoredEvent {
  date: number;
  id: string;
  item: ApiItem;
  event: RawEvent;
}

export interface ApiItem {
  id: string;
  type: 'rum';
  attributes: { attributes: Record<string, unknown>; timestamp: string; service?: string; tags: string[] };
}

export class SearchError extends Error {}

/** An event → the API's item: the event without `date`, its time as ISO with ms, tags like the backend's. */
export function toApiItem(event: RawEvent, seq: number): StoredEvent {
  const { date, ...attributes } = event;
  if (typeof date !== 'number' || !Number.isFinite(date)) throw new Error('a test event needs a numeric `date` (ms)');
  // Datadog's ids are opaque base64 strings that start with the time; this one does too, so ids sort like the API's.
  const digest = createHash('sha1').update(`${seq}:${JSON.stringify(event)}`).digest('base64url').slice(0, 30);
  const id = `AQAAA${date.toString(36).padStart(9, '0')}${digest}`;
  const service = typeof attributes.service === 'string' ? attributes.service : undefined;
  const tags = [
    typeof attributes.source === 'string' ? `source:${attributes.source}` : 'source:browser',
    'env:prod',
    ...(service ? [`service:${service}`] : []),
    ...(typeof attributes.version === 'string' ? [`version:${attributes.version}`] : []),
    'sdk_version:5.23.3',
  ];
  const item: ApiItem = { id, type: 'rum', attributes: { attributes, timestamp: new Date(date).toISOString(), ...(service ? { service } : {}), tags } };
  return { date, id, item, event };
}

export function compareStored(a: { date: number; id: string }, b: { date: number; id: string }): number {
  return a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `filter.from`/`filter.to`: ISO 8601 with Z (seconds and fraction optional), ms since epoch, `now`, `now-15m` (s m h d w). */
export function parseTime(value: unknown, now: number, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') throw new SearchError(`invalid ${field}: expected a date, a timestamp or now-…`);
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const relative = /^now(?:([+-])(\d+)([smhdw]))?$/.exec(text);
  if (relative) return relative[1] ? now + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * UNITS[relative[3]!]! : now;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new SearchError(`invalid ${field} "${text}": expected ISO 8601 with a time zone, milliseconds or now-…`);
}

type Term = { negate: boolean; path: string[]; values: string[] } | { all: true };
export type Matcher = (event: Record<string, unknown>) => boolean;

/** Compiles a query of the supported subset; SearchError (400) for anything else. */
export function compileQuery(query: unknown): Matcher {
  if (query === undefined) return () => true;
  if (typeof query !== 'string') throw new SearchError('invalid query: expected a string');
  const terms = tokenize(query).filter((t) => t !== 'AND').map((t) => parseTerm(t, query));
  const tests = terms.filter((t): t is Exclude<Term, { all: true }> => !('all' in t));
  return (event) => tests.every((t) => t.values.some((v) => matchesValue(valueAt(event, t.path), v)) !== t.negate);
}

/** Splits on whitespace outside quotes and parentheses. */
function tokenize(query: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (const ch of query) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth += 1;
    else if (!quoted && ch === ')') depth -= 1;
    if (depth < 0) throw new SearchError(`invalid query "${query}": unbalanced parenthesis`);
    if (!quoted && depth === 0 && /\s/.test(ch)) {
      if (current) tokens.push(current);
      current = '';
    } else current += ch;
  }
  if (quoted || depth !== 0) throw new SearchError(`invalid query "${query}": unbalanced ${quoted ? 'quote' : 'parenthesis'}`);
  if (current) tokens.push(current);
  return tokens;
}

function parseTerm(token: string, query: string): Term {
  if (token === '*') return { all: true };
  const m = /^(-?)@([A-Za-z_][\w.-]*):(.+)$/.exec(token);
  if (!m) throw new SearchError(`invalid query "${query}": unsupported term "${token}"`);
  const [, minus, path, rawValue] = m as unknown as [string, string, string, string];
  let values: string[];
  const group = /^\((.*)\)$/.exec(rawValue);
  if (group) {
    const parts = group[1]!.trim().split(/\s+OR\s+/);
    if (parts.some((p) => !p || (!p.startsWith('"') && /\s/.test(p)))) throw new SearchError(`invalid query "${query}": expected (a OR b …) in "${token}"`);
    values = parts.map(unquote);
  } else {
    if (rawValue.includes('(') || rawValue.includes(')')) throw new SearchError(`invalid query "${query}": unexpected parenthesis in "${token}"`);
    values = [unquote(rawValue)];
  }
  return { negate: minus === '-', path: path.split('.'), values };
}

const unquote = (v: string): string => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);

function valueAt(event: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = event;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function matchesValue(actual: unknown, pattern: string): boolean {
  if (actual === undefined || actual === null) return false;
  if (Array.isArray(actual)) return actual.some((a) => matchesValue(a, pattern));
  if (pattern === '*') return true;
  if (typeof actual === 'object') return false;
  const text = String(actual);
  if (!pattern.includes('*')) return text === pattern;
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(text);
}
