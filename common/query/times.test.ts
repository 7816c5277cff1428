import { describe, expect, it } from 'vitest';
import { isWholeDay, parseTime } from './times';

const NOW = Date.UTC(2025, 7, 31, 15, 30, 0, 250); // 2025-08-31T15:30:00.250Z
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

describe('parseTime', () => {
  it('reads relative times from one now', () => {
    expect(iso(parseTime('now', NOW))).toBe('2025-08-31T15:30:00.250Z');
    expect(iso(parseTime('now-12h', NOW))).toBe('2025-08-31T03:30:00.250Z');
    expect(iso(parseTime('now-30d', NOW))).toBe('2025-08-01T15:30:00.250Z');
    expect(iso(parseTime('now-1w', NOW))).toBe('2025-08-24T15:30:00.250Z');
    expect(iso(parseTime('now-15m', NOW))).toBe('2025-08-31T15:15:00.250Z');
    expect(iso(parseTime('now+1d', NOW))).toBe('2025-09-01T15:30:00.250Z');
  });

  it('does calendar months and years, clamping the day', () => {
    expect(iso(parseTime('now-6M', NOW))).toBe('2025-02-28T15:30:00.250Z');
    expect(iso(parseTime('now-1y', NOW))).toBe('2024-08-31T15:30:00.250Z');
    expect(iso(parseTime('now-18M', Date.UTC(2025, 0, 15)))).toBe('2023-07-15T00:00:00.000Z');
  });

  it('reads dates as UTC midnight and times as UTC unless they carry an offset', () => {
    expect(iso(parseTime('2025-03-01', NOW))).toBe('2025-03-01T00:00:00.000Z');
    expect(iso(parseTime('2025-03', NOW))).toBe('2025-03-01T00:00:00.000Z');
    expect(iso(parseTime('2025-03-01T10:20', NOW))).toBe('2025-03-01T10:20:00.000Z');
    expect(iso(parseTime('2025-03-01T10:20:30.5Z', NOW))).toBe('2025-03-01T10:20:30.500Z');
    expect(iso(parseTime('2025-03-01T10:20:30+02:00', NOW))).toBe('2025-03-01T08:20:30.000Z');
    expect(iso(parseTime('2025-03-01T10:20:30-0130', NOW))).toBe('2025-03-01T11:50:30.000Z');
    expect(parseTime('1700000000000', NOW)).toBe(1_700_000_000_000);
  });

  it('refuses what is not a time', () => {
    for (const bad of ['2025-02-30', '2025-13-01', 'yesterday', 'now-5x', 'now-', '2025-03-01T25:00', '']) {
      expect(parseTime(bad, NOW), bad).toBeNull();
    }
  });

  it('knows a whole day from a time', () => {
    expect(isWholeDay('2025-03-01')).toBe(true);
    expect(isWholeDay('2025-03-01T00:00')).toBe(false);
    expect(isWholeDay('now-1d')).toBe(false);
  });
});
