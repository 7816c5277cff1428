/**
 * From the Analytics controls to a `sessions.volume` input, checked here first so a typo shows
 * under its field at once (the core re-validates): the query against the user attributes, the
 * range's ends as times the core reads (`2025-03-01`, `now-30d`).
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

/** The attributes a breakdown can use: text, country and number ones (times have too many values). */
export const BREAKDOWN_ATTRIBUTES: readonly AttributeSpec[] = USER_ATTRIBUTES.filter((a) => a.type !== 'time');

/** The query's error as one line with its position, or undefined when it reads. */
export function queryError(query: string, now: number = Date.now()): string | undefined {
  try {
    queryToFilter(query, { attributes: USER_ATTRIBUTES, now });
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

export function buildVolumeRequest(controls: AnalyticsControls, now: number = Date.now()): VolumeRequest {
  const errors: ControlErrors = {
    query: queryError(controls.query, now),
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
