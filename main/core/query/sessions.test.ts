/**
 * Session volume against an independent computation in plain JavaScript over the same rows:
 * bucket edges at midnight and on Mondays, a session shared by users, filters, breakdowns.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open';
import { bucketStart, sessionVolume, type Interval } from './sessions';

const dir = mkdtempSync(join(tmpdir(), 'profile-desk-sessions-'));
const db = openStore(join(dir, 'sessions.db'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const DAY = 86_400_000;
const T = (iso: string): number => Date.parse(iso);

interface U { id: string; country: string | null; sessions: Array<[string, number]> }
const USERS: U[] = [
  { id: 'a', country: 'FR', sessions: [['s1', T('2025-03-02T23:59:59.999Z')], ['s2', T('2025-03-03T00:00:00.000Z')]] },
  // s1 is shared with a, starting later for b: it counts once, on a's day.
  { id: 'b', country: 'DE', sessions: [['s1', T('2025-03-03T10:00:00Z')], ['s3', T('2025-03-09T12:00:00Z')]] },
  { id: 'c', country: null, sessions: [['s4', T('2025-03-10T00:00:00Z')], ['s5', T('2025-03-05T08:00:00Z')]] },
  { id: 'd', country: 'US', sessions: [['s6', T('2025-03-04T08:00:00Z')], ['s7', T('2025-03-04T09:00:00Z')], ['s8', T('2025-01-01T00:00:00Z')]] },
  { id: 'e', country: 'IT', sessions: [['s9', T('2025-03-06T08:00:00Z')]] },
];

const insertUser = db.prepare('INSERT INTO users (user_id, first_seen, last_seen, last_country_code, session_count) VALUES (?, 0, 0, ?, ?)');
const insertSession = db.prepare('INSERT INTO user_sessions (user_id, session_id, start, "end") VALUES (?, ?, ?, ?)');
db.transaction(() => {
  for (const u of USERS) {
    insertUser.run(u.id, u.country, u.sessions.length);
    for (const [sid, start] of u.sessions) insertSession.run(u.id, sid, start, start + 60_000);
  }
})();

/** The reference: earliest start per session among the given users, bucketed by hand. */
function expected(users: U[], interval: Interval, from: number, to: number): Map<string, number> {
  const first = new Map<string, number>();
  for (const u of users) for (const [sid, start] of u.sessions) first.set(sid, Math.min(first.get(sid) ?? Infinity, start));
  const counts = new Map<string, number>();
  const step = interval === 'day' ? DAY : 7 * DAY;
  for (let b = from; b <= to; b += step) counts.set(new Date(b).toISOString().slice(0, 10), 0);
  for (const start of first.values()) {
    const day = new Date(start);
    const back = interval === 'day' ? 0 : (day.getUTCDay() + 6) % 7; // days since Monday
    const key = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - back)).toISOString().slice(0, 10);
    if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
  }
  return counts;
}

const asMap = (points: Array<{ bucket: string; sessions: number }>): Map<string, number> => new Map(points.map((p) => [p.bucket, p.sessions]));

describe('sessionVolume', () => {
  it('buckets by UTC day, a session once in the bucket of its earliest event, empty days as 0', () => {
    const from = T('2025-03-01T00:00:00Z');
    const to = T('2025-03-10T00:00:00Z');
    const result = sessionVolume(db, { filter: null, interval: 'day', from, to: to + 5000 });
    expect(asMap(result.points)).toEqual(expected(USERS, 'day', from, to));
    expect(result.points.find((p) => p.bucket === '2025-03-02')?.sessions).toBe(1); // s1 at 23:59:59.999
    expect(result.points.find((p) => p.bucket === '2025-03-03')?.sessions).toBe(1); // s2 at midnight
    expect(result.points.find((p) => p.bucket === '2025-03-01')?.sessions).toBe(0);
    expect(result.from).toBe('2025-03-01T00:00:00.000Z');
    expect(result.to).toBe('2025-03-11T00:00:00.000Z');
  });

  it('buckets by ISO week starting Monday', () => {
    const from = T('2025-02-24T00:00:00Z');
    const result = sessionVolume(db, { filter: null, interval: 'week', from: T('2025-02-26T00:00:00Z'), to: T('2025-03-12T00:00:00Z') });
    expect(result.points.map((p) => p.bucket)).toEqual(['2025-02-24', '2025-03-03', '2025-03-10']);
    expect(asMap(result.points)).toEqual(expected(USERS, 'week', from, T('2025-03-10T00:00:00Z')));
    // Sunday 03-02 23:59 belongs to the week before; Sunday 03-09 to the week of Monday 03-03.
    expect(result.points.map((p) => p.sessions)).toEqual([1, 6, 1]);
  });

  it('counts only the matching users, and a shared session by their earliest event', () => {
    const from = T('2025-03-01T00:00:00Z');
    const to = T('2025-03-10T00:00:00Z');
    const result = sessionVolume(db, { filter: { op: 'eq', key: 'last_country_code', value: 'de' }, interval: 'day', from, to });
    expect(asMap(result.points)).toEqual(expected(USERS.filter((u) => u.id === 'b'), 'day', from, to));
    expect(result.points.find((p) => p.bucket === '2025-03-03')?.sessions).toBe(1); // s1, b's own start
  });

  it('breaks down by an attribute: top N, then none, then other', () => {
    const result = sessionVolume(db, {
      filter: null,
      interval: 'week',
      from: T('2025-03-03T00:00:00Z'),
      to: T('2025-03-03T00:00:00Z'),
      breakdown: 'last_country_code',
      top: 2,
    });
    // Week of 03-03: a FR (s2), b DE (s3), c none (s5), d US (s6, s7), e IT (s9). Ties rank
    // by value, so DE is kept and FR and IT make "other".
    expect(result.values).toEqual(['US', 'DE', null, 'other']);
    expect(result.points).toEqual([
      { bucket: '2025-03-03', value: 'US', sessions: 2 },
      { bucket: '2025-03-03', value: 'DE', sessions: 1 },
      { bucket: '2025-03-03', value: null, sessions: 1 },
      { bucket: '2025-03-03', value: 'other', sessions: 2 },
    ]);
  });

  it('defaults to the last 90 days of the store, by day', () => {
    const result = sessionVolume(db, { filter: null, interval: 'day' });
    expect(result.points).toHaveLength(90);
    expect(result.points.at(-1)!.bucket).toBe('2025-03-10');
    expect(result.points.reduce((n, p) => n + p.sessions, 0)).toBe(9); // s8 on 2025-01-01 is inside too
  });

  it('refuses a range that ends before it starts and a time breakdown', () => {
    expect(() => sessionVolume(db, { filter: null, interval: 'day', from: T('2025-03-05T00:00:00Z'), to: T('2025-03-01T00:00:00Z') })).toThrow(/starts after it ends/);
    expect(() => sessionVolume(db, { filter: null, interval: 'day', breakdown: 'last_seen' })).toThrow(/is a time/);
  });

  it('finds bucket starts', () => {
    expect(new Date(bucketStart(T('2025-03-09T23:00:00Z'), 'week')).toISOString()).toBe('2025-03-03T00:00:00.000Z');
    expect(new Date(bucketStart(T('2025-03-10T00:00:00Z'), 'week')).toISOString()).toBe('2025-03-10T00:00:00.000Z');
    expect(new Date(bucketStart(T('2025-03-10T13:00:00Z'), 'day')).toISOString()).toBe('2025-03-10T00:00:00.000Z');
  });
});
