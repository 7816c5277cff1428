/**
 * From the Analytics controls to a `sessions.volume` input, checked here first so a typo shows
 * under its field at once (the core re-validates): the query against the user attributes (custom
 * ones included), the range's ends as times the core reads (`2025-03-01`, `now-30d`).
 */
import type { Interval } from '../../../../common/analytics';
import type { MethodInput } from '../../../../common/contract';
import { USER_ATTRIBUTES, type AttributeSpec } from '../../../../common/keys';
import { parseTime, QueryError, queryToFilter } from '../../../../common/query';

export type ChartKind = 'line' | 'bar';

export interface AnalyticsControls {
  query: string;
  segment: string | null;
  interval: Interval;
  /** As typed; empty for the core's default (the last 90 days of the store's data). */
  from: string;
  to: string;
  breakdown: string | null;
  top: number;
}

export const DEFAULT_CONTROLS: AnalyticsControls = {
  query: '',
  segment: null,
  interval: 'day',
  from: '',
  to: '',
  breakdown: null,
  top: 5,
};

export interface ControlErrors {
  query?: string;
  from?: string;
  to?: string;
}

export type VolumeRequest =
  | { ok: true; input: MethodInput<'sessions.volume'> }
  | { ok: false; errors: ControlErrors };

/**
 * Whether a breakdown by this attribute reads as a chart: built-in text, country and number ones
 * (times have too many values); custom booleans and custom text with few distinct values (the
 * core marks those `lowCardinality` at each sync). A
 * custom number or time (a revenue, a sign-up date) would be one series per value.
 */
export function isBreakdownAttribute(spec: AttributeSpec): boolean {
  if (spec.group !== 'custom') return spec.type !== 'time';
  return spec.type === 'boolean' || (spec.type === 'text' && spec.lowCardinality === true);
}

/** The attributes a breakdown can use, of a user attribute list. */
export function breakdownAttributes(attributes: readonly AttributeSpec[]): AttributeSpec[] {
  return attributes.filter(isBreakdownAttribute);
}

/** The built-in ones. */
export const BREAKDOWN_ATTRIBUTES: readonly AttributeSpec[] = breakdownAttributes(USER_ATTRIBUTES);

/** The query's error as one line with its position, or undefined when it reads. */
export function queryError(query: string, now: number = Date.now(), attributes: readonly AttributeSpec[] = USER_ATTRIBUTES): string | undefined {
  try {
    queryToFilter(query, { attributes, now });
    return undefined;
  } catch (err) {
    if (err instanceof QueryError) return err.message;
    throw err;
  }
}

function timeError(text: string, now: number): string | undefined {
  if (text.trim() === '' || parseTime(text.trim(), now) !== null) return undefined;
  return 'Use a date (2025-03-01), a time, or a relative time (now-30d)';
}

/** The `sessions.volume` input for the controls, or their errors; `attributes`: the user attributes a query may name. */
export function buildVolumeRequest(
  controls: AnalyticsControls,
  now: number = Date.now(),
  attributes: readonly AttributeSpec[] = USER_ATTRIBUTES,
): VolumeRequest {
  const errors: ControlErrors = {
    query: queryError(controls.query, now, attributes),
    from: timeError(controls.from, now),
    to: timeError(controls.to, now),
  };
  const from = controls.from.trim();
  const to = controls.to.trim();
  if (!errors.from && !errors.to && from && to && parseTime(from, now)! > parseTime(to, now)!) {
    errors.to = 'The range ends before it starts';
  }
  if (errors.query || errors.from || errors.to) {
    return { ok: false, errors: Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) as ControlErrors };
  }
  const query = controls.query.trim();
  return {
    ok: true,
    input: {
      interval: controls.interval,
      ...(query ? { query } : {}),
      ...(controls.segment ? { segment: controls.segment } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(controls.breakdown ? { breakdown: controls.breakdown, top: controls.top } : {}),
    },
  };
}
