/**
 * From the query's syntax tree to the one `Filter` (common/filter.ts): keys are checked against
 * the entity's attributes (case-insensitive, `@` dropped), values against the attribute's type.
 * Every error points at the key or value that caused it.
 */
import type { Filter } from '../filter';
import type { AttributeSpec } from '../keys';
import type { QueryNode, Span, ValueNode } from './ast';
import { QueryError } from './errors';
import { parseQuery } from './parse';
import { nearest } from './suggest';
import { isWholeDay, parseTime } from './times';

const DAY_MS = 86_400_000;
/** `segment:NAME` names a saved segment, not an attribute. */
export const SEGMENT_KEY = 'segment';

export interface QueryContext {
  /** The attributes a key may name (canonical, later custom ones too). */
  attributes: readonly AttributeSpec[];
  /** The time `now` stands for, read once per query. */
  now: number;
}

/** Parses and resolves a query; null for an empty one (everything matches). */
export function queryToFilter(source: string, context: QueryContext): Filter | null {
  const tree = parseQuery(source);
  return tree === null ? null : resolveNode(tree, context);
}

function resolveNode(node: QueryNode, context: QueryContext): Filter {
  switch (node.type) {
    case 'and':
    case 'or':
      return { op: node.type, items: node.items.map((item) => resolveNode(item, context)) };
    case 'not':
      return { op: 'not', item: resolveNode(node.item, context) };
    case 'text': {
      const text = node.text.trim();
      // A bare `*` (or only punctuation) asks for nothing in particular: everything matches.
      if (!/[\p{L}\p{N}]/u.test(text)) return { op: 'and', items: [] };
      return node.phrase ? { op: 'text', text, phrase: true } : { op: 'text', text };
    }
    case 'field': {
      if (node.key.toLowerCase() === SEGMENT_KEY) return segmentFilter(node.value);
      const spec = resolveKey(node.key, node.keySpan, context.attributes);
      return resolveValue(spec, node.value, context.now);
    }
  }
}

/** `segment:NAME`, `segment:"Two words"` or `segment:(A OR B)`. */
function segmentFilter(value: ValueNode): Filter {
  switch (value.type) {
    case 'exact':
      return { op: 'segment', name: value.value };
    case 'and':
    case 'or':
      return { op: value.type, items: value.items.map(segmentFilter) };
    case 'not':
      return { op: 'not', item: segmentFilter(value.item) };
    default:
      throw new QueryError(`Expected a segment name at position ${value.start} (quote names with spaces)`, value.start, 'a segment name');
  }
}

function resolveKey(key: string, span: Span, attributes: readonly AttributeSpec[]): AttributeSpec {
  const lower = key.toLowerCase();
  const spec = attributes.find((a) => a.key === lower);
  if (spec) return spec;
  const suggestion = nearest(lower, [...attributes.map((a) => a.key), SEGMENT_KEY]);
  throw new QueryError(
    `Unknown key "${key}" at position ${span.start}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    span.start,
    suggestion ? `"${suggestion}"` : 'a known key',
  );
}

function resolveValue(spec: AttributeSpec, value: ValueNode, now: number): Filter {
  const key = spec.key;
  switch (value.type) {
    case 'and':
    case 'or': {
      const items = value.items.map((item) => resolveValue(spec, item, now));
      // `key:(a OR b OR c)` of plain values is a set: one IN, one index probe per value.
      if (value.type === 'or' && items.every((f) => f.op === 'eq')) {
        return { op: 'in', key, values: items.map((f) => (f as { value: string | number }).value) };
      }
      return { op: value.type, items };
    }
    case 'not':
      return { op: 'not', item: resolveValue(spec, value.item, now) };
    case 'present':
      return { op: 'exists', key };
    case 'wildcard':
      if (spec.type === 'number' || spec.type === 'time' || spec.type === 'boolean') {
        throw new QueryError(`Wildcards apply to text; ${key} is a ${spec.type} (position ${value.start})`, value.start, `a ${spec.type}`);
      }
      return { op: 'like', key, pattern: value.pattern };
    case 'exact':
      return exact(spec, value.value, value, now);
    case 'compare': {
      const bound = scalar(spec, value.value, value, now);
      const side = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' }[value.op];
      return { op: 'range', key, [side]: bound };
    }
    case 'range': {
      const range: Filter & { op: 'range' } = { op: 'range', key };
      if (value.from !== null) range.gte = scalar(spec, value.from, value, now);
      if (value.to !== null) range.lte = scalar(spec, value.to, value, now);
      return range;
    }
  }
}

/** What `key:value` accepts for a boolean attribute. */
const BOOLEANS: Record<string, number> = { true: 1, yes: 1, '1': 1, false: 0, no: 0, '0': 0 };

function exact(spec: AttributeSpec, text: string, span: Span, now: number): Filter {
  if (spec.type === 'text' || spec.type === 'country') return { op: 'eq', key: spec.key, value: text };
  if (spec.type === 'boolean') {
    const value = BOOLEANS[text.trim().toLowerCase()];
    if (value === undefined) {
      throw new QueryError(`Expected true or false for ${spec.key} at position ${span.start}, found "${text}"`, span.start, 'true or false');
    }
    return { op: 'eq', key: spec.key, value };
  }
  // A date alone names the whole (UTC) day it starts.
  if (spec.type === 'time' && isWholeDay(text)) {
    const start = scalar(spec, text, span, now);
    return { op: 'range', key: spec.key, gte: start, lt: start + DAY_MS };
  }
  return { op: 'eq', key: spec.key, value: scalar(spec, text, span, now) };
}

/** A number or a time as a number; text keys have no order here. */
function scalar(spec: AttributeSpec, text: string, span: Span, now: number): number {
  if (spec.type === 'number') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      throw new QueryError(`Expected a number for ${spec.key} at position ${span.start}, found "${text}"`, span.start, 'a number');
    }
    return n;
  }
  if (spec.type === 'time') {
    const t = parseTime(text, now);
    if (t === null) {
      throw new QueryError(
        `Expected a time for ${spec.key} at position ${span.start} (2025-03-01, 2025-03-01T12:00:00Z or now-30d), found "${text}"`,
        span.start,
        'a time',
      );
    }
    return t;
  }
  throw new QueryError(
    `Comparisons and ranges apply to numbers and times; ${spec.key} is ${spec.type === 'boolean' ? 'true or false' : 'text'} (position ${span.start})`,
    span.start,
    spec.type === 'boolean' ? 'true or false' : 'a text value',
  );
}
