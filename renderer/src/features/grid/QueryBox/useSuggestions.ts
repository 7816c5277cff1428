import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { kindPlural, valuesMethod } from '../../../../../common/entities';
import type { AttributeSpec, ProfileKind } from '../../../../../common/keys';
import { call, useEvent } from '../../../api';
import { findSpec, formatBoolean, useAttributes } from '../../attributes';
import { formatCountry } from '../../../lib/format';
import { matchKeys, matchValues, type CompletionContext } from './completion';

/** `segment:NAME` is offered beside the attributes (common/query/to-filter.ts). */
const SEGMENT_KEY = 'segment';
const FETCH_DELAY_MS = 120;
const VALUE_LIMIT = 50;

export interface Suggestion {
  /** What is written into the query. */
  value: string;
  /** Written as is (a comparison like `>now-7d`), not quoted as a value. */
  raw?: boolean;
  /** Shown beside the value: the attribute's label, a count… */
  detail?: string;
  label: string;
}

interface ValueCount {
  value: string;
  count: number;
}

/** Time values are typed relative to now far more than as dates. */
const RELATIVE_TIMES = ['now-24h', 'now-7d', 'now-30d', 'now-90d', 'now-6M', 'now-1y'];

export function keySuggestions(attributes: readonly AttributeSpec[], prefix: string): Suggestion[] {
  const specs = new Map(attributes.map((a) => [a.key, a]));
  return matchKeys(prefix, [...specs.keys(), SEGMENT_KEY]).map((key) => {
    const spec = specs.get(key);
    return {
      value: key,
      label: `${key}:`,
      // A custom attribute says where it comes from.
      detail: spec ? (spec.source ? `${spec.label} · ${spec.source}` : spec.label) : 'Saved segment',
    };
  });
}

/** A boolean's two values, as the language writes them. */
export function booleanSuggestions(prefix: string): Suggestion[] {
  return matchValues(prefix, [
    { value: 'true', count: 0 },
    { value: 'false', count: 0 },
  ]).map((v) => ({ value: v.value, label: v.value, detail: formatBoolean(v.value) }));
}

function timeSuggestions(afterComparator: boolean, prefix: string): Suggestion[] {
  const values = afterComparator ? RELATIVE_TIMES : RELATIVE_TIMES.flatMap((t) => (t === 'now-6M' || t === 'now-1y' ? [`<${t}`] : [`>${t}`]));
  return values.filter((v) => v.toLowerCase().includes(prefix.toLowerCase())).map((v) => ({ value: v, raw: true, label: v }));
}

const countLabel = (n: number | null): string | undefined => (n === null ? undefined : n.toLocaleString());

/**
 * What to offer at the cursor: keys while a key is typed; after `key:`, that attribute's most
 * frequent values (`*.values`, narrowed on the server as the value is typed for attributes with
 * many values), relative times for times, saved segment names after `segment:`.
 */
export function useSuggestions(kind: ProfileKind, context: CompletionContext | null, enabled: boolean): Suggestion[] {
  const attributes = useAttributes(kind);
  const spec: AttributeSpec | undefined =
    context?.kind === 'value' ? findSpec(attributes, context.key.replace(/^@/, '').toLowerCase()) : undefined;
  const wantsValues = enabled && spec !== undefined && (spec.type === 'text' || spec.type === 'country');
  const wantsSegments = enabled && context?.kind === 'value' && context.key === SEGMENT_KEY;
  // Few distinct values: fetched once, narrowed here. Many (emails…): narrowed by the server.
  const serverPrefix = wantsValues && !spec.lowCardinality && context?.kind === 'value' ? context.prefix : '';
  const [request] = useDebouncedValue(wantsValues ? JSON.stringify([spec.key, serverPrefix]) : null, FETCH_DELAY_MS);

  const [values, setValues] = useState<{ request: string; list: ValueCount[] } | null>(null);
  useEffect(() => {
    if (request === null) return;
    let live = true;
    const [key, contains] = JSON.parse(request) as [string, string];
    const filter = contains ? { op: 'contains' as const, key, value: contains } : null;
    call(valuesMethod(kind), { key, filter, limit: VALUE_LIMIT }).then(
      (r) => live && setValues({ request, list: r.values }),
      // No suggestions is the right answer when values can't be read.
      () => live && setValues({ request, list: [] }),
    );
    return () => {
      live = false;
    };
  }, [kind, request]);

  const [segments, setSegments] = useState<ValueCount[] | null>(null);
  const [segmentsStale, setSegmentsStale] = useState(true);
  useEvent('segments.changed', () => setSegmentsStale(true));
  useEffect(() => {
    if (!wantsSegments || !segmentsStale) return;
    setSegmentsStale(false);
    call('segments.list', { entity: kindPlural(kind) }).then(
      (r) => setSegments(r.segments.map((s) => ({ value: s.name, count: s.count ?? -1 }))),
      () => setSegments([]),
    );
  }, [kind, wantsSegments, segmentsStale]);

  return useMemo(() => {
    if (!enabled || context === null) return [];
    if (context.kind === 'key') return keySuggestions(attributes, context.prefix);
    if (context.key === SEGMENT_KEY) {
      return matchValues(context.prefix, segments ?? []).map((s) => ({ value: s.value, label: s.value, detail: countLabel(s.count < 0 ? null : s.count) }));
    }
    if (!spec) return [];
    if (spec.type === 'time') return timeSuggestions(context.comparator !== '', context.prefix);
    if (spec.type === 'boolean') return context.comparator === '' ? booleanSuggestions(context.prefix) : [];
    if (spec.type === 'number' || values === null) return [];
    return matchValues(context.prefix, values.list).map((v) => ({
      value: v.value,
      label: spec.type === 'country' ? formatCountry(v.value) : v.value,
      detail: v.count.toLocaleString(),
    }));
  }, [enabled, context, attributes, segments, spec, values]);
}
