import { describe, expect, it } from 'vitest';
import { basename, formatBytes, formatCountry, formatDuration, formatEta, formatRate, formatRelative, plural } from './format';

describe('format', () => {
  it('names countries and keeps the code', () => {
    expect(formatCountry('fr')).toBe('France (FR)');
    expect(formatCountry(null)).toBe('—');
    expect(formatCountry('QQ')).toBe('QQ');
  });

  it('formats durations, ETAs, rates and sizes', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatEta(65_000)).toBe('1:05');
    expect(formatEta(null)).toBe('…');
    expect(formatRate(123_456)).toBe('123k/s');
    expect(formatRate(1500)).toBe('1.5k/s');
    expect(formatBytes(1536)).toBe('1.5 KB');
  });

  it('says relative ages', () => {
    const now = Date.parse('2025-01-10T00:00:00Z');
    expect(formatRelative('2025-01-07T00:00:00Z', now)).toBe('3 days ago');
    expect(formatRelative(null, now)).toBe('');
  });

  it('pluralises and takes basenames', () => {
    expect(plural(1, 'user')).toBe('1 user');
    expect(plural(2345, 'user')).toBe('2,345 users');
    expect(basename('/tmp/a/b.ndjson.gz')).toBe('b.ndjson.gz');
    expect(basename('C:\\x\\y.json')).toBe('y.json');
  });
});
