/** AG Grid column definitions built from the layout and the attribute specs (built-in and custom). */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { AttributeSpec, ProfileKind, ProfileRow } from '../../../../common/keys';
import { EMPTY, formatNumber } from '../../../../common/format';
import { countryName, formatCountry, formatDateTime, formatRelative } from '../../lib/format';
import { findSpec, formatBoolean } from '../attributes';
import { NumberFilter, SetFilter, TextFilter, TimeFilter } from './filters';
import { orderForDisplay, type GridLayout } from './layout';

/** Parameters every custom filter receives (AG Grid merges `filterParams` into its props). */
export interface ProfileFilterParams {
  kind: ProfileKind;
  spec: AttributeSpec;
}

/** Starting widths; columns without a stored width also flex to fill a wide window. */
const BASE_WIDTH: Record<AttributeSpec['type'], number> = { text: 104, number: 92, time: 186, country: 130, boolean: 84 };
const WIDTH_BY_KEY: Record<string, number> = { user_email: 160, user_name: 130, account_name: 200, user_id: 96, account_id: 120 };

/**
 * A custom attribute's label is the analyst's ("Lifetime Value"), often longer than the short
 * built-in ones: its column starts wide enough for the header and its sort and menu icons.
 */
export function startWidth(spec: AttributeSpec): number {
  const base = WIDTH_BY_KEY[spec.key] ?? BASE_WIDTH[spec.type];
  return spec.group === 'custom' ? Math.max(base, Math.ceil(spec.label.length * 7.5) + 48) : base;
}
const FLEX_BY_KEY: Record<string, number> = { user_email: 2, account_name: 2, user_name: 1.4 };

function formatValue(spec: AttributeSpec, value: unknown): string {
  if (value == null || value === '') return EMPTY;
  switch (spec.type) {
    case 'time':
      return formatDateTime(value as string);
    case 'country':
      // The name in the cell (narrow columns); "France (FR)" in the tooltip.
      return countryName(String(value));
    case 'number':
      return formatNumber(Number(value));
    case 'boolean':
      return formatBoolean(value);
    default:
      return String(value);
  }
}

function filterFor(spec: AttributeSpec): ColDef['filter'] {
  // Yes or No: a set of two values, with their counts.
  if (spec.lowCardinality || spec.type === 'boolean') return SetFilter;
  if (spec.type === 'number') return NumberFilter;
  if (spec.type === 'time') return TimeFilter;
  return TextFilter;
}

export function columnDef(kind: ProfileKind, spec: AttributeSpec, width: number | undefined, pinned: 'left' | 'right' | null): ColDef<ProfileRow> {
  const params: ProfileFilterParams = { kind, spec };
  return {
    colId: spec.key,
    field: spec.key,
    headerName: spec.label,
    headerTooltip: spec.source ? `${spec.label} (${spec.key}) · from ${spec.source}` : `${spec.label} (${spec.key})`,
    ...(width !== undefined
      ? { width, flex: undefined }
      : { width: undefined, minWidth: startWidth(spec), flex: FLEX_BY_KEY[spec.key] ?? 1 }),
    pinned,
    sortingOrder: spec.type === 'text' || spec.type === 'country' ? ['asc', 'desc', null] : ['desc', 'asc', null],
    type: spec.type === 'number' ? 'rightAligned' : undefined,
    filter: filterFor(spec),
    filterParams: params,
    valueFormatter: (p: ValueFormatterParams<ProfileRow>) => (p.data ? formatValue(spec, p.value) : ''),
    // Browser tooltips (`title`): the relative age for times, the raw value otherwise.
    tooltipValueGetter: (p) => {
      if (!p.data || p.value == null) return undefined;
      if (spec.type === 'time') return `${formatRelative(p.value as string)} · ${formatDateTime(p.value as string, true)}`;
      if (spec.type === 'country') return formatCountry(String(p.value));
      if (spec.type === 'boolean') return formatBoolean(p.value);
      return String(p.value);
    },
    cellClassRules: {
      'pd-cell-empty': (p) => p.data != null && (p.value == null || p.value === ''),
      'pd-cell-loading': (p) => p.data == null,
    },
  };
}

/** Column definitions for the visible columns, pinned ones first; a key no spec names is left out. */
export function columnDefs(kind: ProfileKind, layout: GridLayout, specs: readonly AttributeSpec[]): ColDef<ProfileRow>[] {
  return orderForDisplay(layout.columns).flatMap((c) => {
    const spec = findSpec(specs, c.key);
    return spec ? [columnDef(kind, spec, c.width, c.pinned)] : [];
  });
}

export const defaultColDef: ColDef<ProfileRow> = {
  sortable: true,
  resizable: true,
  minWidth: 80,
  suppressHeaderMenuButton: true,
};
