/**
 * Session volume for the Analytics chart (ARCHITECTURE.md §8): sessions per day or ISO week
 * (Monday, UTC) for the users matching a filter, optionally broken down by one user attribute.
 *
 * A session is one session id. It counts once, in the bucket of its earliest event among the
 * matching users' events (a session shared by two users counts once), and it is attributed to
 * the user of that earliest event for the breakdown. Sessions of other users don't count.
 */
import { OTHER_VALUE, type Interval, type SessionVolume } from '../../../common/analytics';
import type { Filter } from '../../../common/filter';
import { ApiError } from '../dispatcher';
import type { Db } from '../store/open';
import { compileFilter, specOf, TABLES, valueSql, type ProfileTable } from './compile';

export const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday. */
const MONDAY_SHIFT_DAYS = 3;
/** Without an explicit range: the last 90 days of the store's data. */
export const DEFAULT_RANGE_DAYS = 90;

export type { Interval, SessionVolume } from '../../../common/analytics';

export interface SessionVolumeRequest {
  filter: Filter | null;
  interval: Interval;
  /** ms; the range covers every bucket from the one holding `from` to the one holding `to`. */
  from?: number;
  to?: number;
  /** A user attribute to break the volume down by. */
  breakdown?: string;
  /** With a breakdown: the values kept by total sessions; the rest is "other". */
  top?: number;
}

const bucketDays = (interval: Interval): number => (interval === 'day' ? 1 : 7);

/** The start (ms) of the bucket holding `ms`. */
export function bucketStart(ms: number, interval: Interval): number {
  const day = Math.floor(ms / DAY_MS);
  if (interval === 'day') return day * DAY_MS;
  return (day - ((((day + MONDAY_SHIFT_DAYS) % 7) + 7) % 7)) * DAY_MS;
}

export function sessionVolume(db: Db, request: SessionVolumeRequest, t: ProfileTable = TABLES.user): SessionVolume {
  const { interval } = request;
  const step = bucketDays(interval) * DAY_MS;
  // The store's latest session start: a scan of every session, so only when the range needs it.
  const rangeEnd = request.to ?? ((db.prepare('SELECT max(start) FROM user_sessions').pluck().get() as number | null) ?? Date.now());
  const to = bucketStart(rangeEnd, interval);
  const from = bucketStart(request.from ?? rangeEnd - (DEFAULT_RANGE_DAYS - 1) * DAY_MS, interval);
  if (from > to) throw new ApiError('invalid_input', 'The range starts after it ends ("from" is later than "to")');
  const end = to + step;
  if ((end - from) / step > 100_000) throw new ApiError('invalid_input', 'The range holds too many buckets (at most 100,000)');

  const where = compileFilter(t, request.filter);
  const breakdown = request.breakdown === undefined ? null : specOf(t, request.breakdown);
  if (breakdown?.type === 'time') {
    throw new ApiError('invalid_input', `Break down by a text or number attribute; ${breakdown.key} is a time`);
  }
  // The bare column beside min() comes from the row holding the minimum (SQLite's rule): the
  // user of the session's earliest event.
  const rows = db
    .prepare(
      `SELECT bucket, value, count(*) AS sessions FROM (
         -- Bound numbers arrive as REAL: CAST makes the division a floor.
         SELECT CAST((min(s.start) - ?) / ? AS INTEGER) AS bucket, u.value AS value, min(s.start) AS first
         FROM (SELECT user_id, ${breakdown ? valueSql(t, breakdown) : 'NULL'} AS value FROM users WHERE ${where.sql}) u
         JOIN user_sessions s ON s.user_id = u.user_id
         GROUP BY s.session_id
         HAVING first >= ? AND first < ?
       ) GROUP BY bucket, value`,
    )
    .all(from, step, ...where.params, from, end) as Array<{ bucket: number; value: string | number | null; sessions: number }>;
  // Booleans are stored as 1/0 and shown as true/false, like everywhere else.
  if (breakdown?.type === 'boolean') for (const r of rows) if (r.value !== null) r.value = String(Number(r.value) !== 0);

  const buckets = Array.from({ length: (end - from) / step }, (_, i) => isoDay(from + i * step));
  const range = { interval, from: new Date(from).toISOString(), to: new Date(end).toISOString() };
  if (!breakdown) {
    const counts = new Array<number>(buckets.length).fill(0);
    for (const r of rows) counts[r.bucket] = (counts[r.bucket] ?? 0) + r.sessions;
    return { ...range, points: buckets.map((bucket, i) => ({ bucket, sessions: counts[i]! })) };
  }
  return { ...range, breakdown: breakdown.key, ...breakDown(rows, buckets, request.top ?? 5) };
}

function breakDown(
  rows: Array<{ bucket: number; value: string | number | null; sessions: number }>,
  buckets: string[],
  top: number,
): Pick<SessionVolume, 'values' | 'points'> {
  const totals = new Map<string, number>();
  let hasNone = false;
  for (const r of rows) {
    if (r.value === null) hasNone = true;
    else totals.set(String(r.value), (totals.get(String(r.value)) ?? 0) + r.sessions);
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
  const kept = new Set(ranked.slice(0, top));
  const values: Array<string | null> = [...kept, ...(hasNone ? [null] : []), ...(ranked.length > top ? [OTHER_VALUE] : [])];
  const series = new Map(values.map((v) => [v, new Array<number>(buckets.length).fill(0)]));
  for (const r of rows) {
    const value = r.value === null ? null : kept.has(String(r.value)) ? String(r.value) : OTHER_VALUE;
    series.get(value)![r.bucket]! += r.sessions;
  }
  const points = buckets.flatMap((bucket, i) => values.map((value) => ({ bucket, value, sessions: series.get(value)![i]! })));
  return { values, points };
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
