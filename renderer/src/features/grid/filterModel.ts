/**
 * Column filter models (what each column's filter UI edits) and their translation into the one
 * `Filter` of common/filter.ts. The grid keeps these models; the datasource only ever sends the
 * translated `Filter`.
 */
import { and, type Filter } from '../../../../common/filter';
import type { AttributeSpec } from '../../../../common/keys';
import { formatNumber } from '../../../../common/format';
import { formatCountry, formatDateTime } from '../../lib/format';
import { formatBoolean } from '../attributes/values';

export type TextMode = 'contains' | 'equals' | 'startsWith' | 'notContains' | 'present' | 'absent';

export type ColumnFilterModel =
  | { kind: 'text'; mode: TextMode; value: string }
  | { kind: 'number'; min: number | null; max: number | null }
  /** Bounds in ms since epoch, inclusive; `preset` only names a relative choice for display. */
  | { kind: 'time'; from: number | null; to: number | null; preset?: string }
  | { kind: 'set'; values: string[] };

export type FilterModelMap = Record<string, ColumnFilterModel | null | undefined>;

export const TEXT_MODES: ReadonlyArray<{ value: TextMode; label: string; needsValue: boolean }> = [
  { value: 'contains', label: 'Contains', needsValue: true },
  { value: 'equals', label: 'Equals', needsValue: true },
  { value: 'startsWith', label: 'Starts with', needsValue: true },
  { value: 'notContains', label: 'Does not contain', needsValue: true },
  { value: 'present', label: 'Has a value', needsValue: false },
  { value: 'absent', label: 'Is empty', needsValue: false },
];

const needsValue = (mode: TextMode): boolean => TEXT_MODES.find((m) => m.value === mode)?.needsValue ?? true;

/** A model that would filter nothing (empty input) counts as no filter. */
export function isActive(model: ColumnFilterModel | null | undefined): model is ColumnFilterModel {
  if (!model) return false;
  switch (model.kind) {
    case 'text':
      return !needsValue(model.mode) || model.value.trim() !== '';
    case 'number':
      return model.min != null || model.max != null;
    case 'time':
      return model.from != null || model.to != null;
    case 'set':
      return model.values.length > 0;
  }
}

/** The `Filter` for one column, or null when the model filters nothing. */
export function columnFilter(key: string, model: ColumnFilterModel | null | undefined): Filter | null {
  if (!isActive(model)) return null;
  switch (model.kind) {
    case 'text': {
      const value = model.value.trim();
      switch (model.mode) {
        case 'contains':
          return { op: 'contains', key, value };
        case 'equals':
          return { op: 'eq', key, value };
        case 'startsWith':
          return { op: 'like', key, pattern: `${value}*` };
        case 'notContains':
          return { op: 'not', item: { op: 'contains', key, value } };
        case 'present':
          return { op: 'exists', key };
        case 'absent':
          return { op: 'not', item: { op: 'exists', key } };
      }
      break;
    }
    case 'number':
    case 'time': {
      const lo = model.kind === 'number' ? model.min : model.from;
      const hi = model.kind === 'number' ? model.max : model.to;
      return {
        op: 'range',
        key,
        ...(lo != null ? { gte: lo } : {}),
        ...(hi != null ? { lte: hi } : {}),
      };
    }
    case 'set':
      return model.values.length === 1
        ? { op: 'eq', key, value: model.values[0]! }
        : { op: 'in', key, values: [...model.values] };
  }
  return null;
}

/** The column filters combined (AND, in a stable key order); the search box's query travels beside it. */
export function gridFilter(models: FilterModelMap, exceptKey?: string): Filter | null {
  const columns = Object.keys(models)
    .filter((key) => key !== exceptKey)
    .sort()
    .map((key) => columnFilter(key, models[key]));
  return and(...columns);
}

/**
 * What the grid asks the core for: the search box's query (the language of common/query, parsed
 * and re-validated by the core) and the column filters, ANDed there.
 */
export interface GridSelection {
  query?: string;
  filter: Filter | null;
}

export function gridSelection(query: string, models: FilterModelMap, exceptKey?: string): GridSelection {
  const filter = gridFilter(models, exceptKey);
  const trimmed = query.trim();
  return trimmed ? { query: trimmed, filter } : { filter };
}

const DAY = 24 * 3600 * 1000;

export const TIME_PRESETS: ReadonlyArray<{ value: string; label: string; ms: number }> = [
  { value: '24h', label: 'Last 24 hours', ms: DAY },
  { value: '7d', label: 'Last 7 days', ms: 7 * DAY },
  { value: '30d', label: 'Last 30 days', ms: 30 * DAY },
  { value: '90d', label: 'Last 90 days', ms: 90 * DAY },
];

/** A set filter's value as the grid shows it: countries by name, booleans as Yes/No. */
export function displayValue(spec: AttributeSpec, value: string): string {
  if (spec.type === 'country') return formatCountry(value);
  if (spec.type === 'boolean') return formatBoolean(value);
  return value;
}

/** A short human description for the active-filter chips, e.g. "Last country: France (FR)". */
export function describeFilter(spec: AttributeSpec, model: ColumnFilterModel): string {
  switch (model.kind) {
    case 'text': {
      const mode = TEXT_MODES.find((m) => m.value === model.mode)?.label.toLowerCase() ?? model.mode;
      return needsValue(model.mode) ? `${spec.label} ${mode} “${model.value.trim()}”` : `${spec.label} ${mode}`;
    }
    case 'number': {
      if (model.min != null && model.max != null) return `${spec.label}: ${formatNumber(model.min)}–${formatNumber(model.max)}`;
      return model.min != null ? `${spec.label} ≥ ${formatNumber(model.min)}` : `${spec.label} ≤ ${formatNumber(model.max)}`;
    }
    case 'time': {
      const preset = TIME_PRESETS.find((p) => p.value === model.preset);
      if (preset) return `${spec.label}: ${preset.label.toLowerCase()}`;
      if (model.from != null && model.to != null) return `${spec.label}: ${formatDateTime(model.from)} – ${formatDateTime(model.to)}`;
      return model.from != null ? `${spec.label} after ${formatDateTime(model.from)}` : `${spec.label} before ${formatDateTime(model.to)}`;
    }
    case 'set': {
      const shown = model.values.slice(0, 2).map((v) => displayValue(spec, v));
      const more = model.values.length > 2 ? ` +${model.values.length - 2}` : '';
      return `${spec.label}: ${shown.join(', ')}${more}`;
    }
  }
}
