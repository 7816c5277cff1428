import { describe, expect, it } from 'vitest';
import { basename, EMPTY, formatBytes, formatDuration, formatEta, formatNumber, formatRate, plural } from './format';

describe('format', () => {
  it('formats durations from milliseconds to hours', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_540)).toBe('4.5 s');
    expect(formatDuration(9_960)).toBe('10 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(59_600)).toBe('1 min 00 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(null)).toBe(EMPTY);
    expect(formatDuration(-1)).toBe(EMPTY);
  });

  it('formats ETAs, rates and sizes', () => {
    expect(formatEta(65_000)).toBe('1:05');
    expect(formatEta(3_910_000)).toBe('1:05:10');
    expect(formatEta(null)).toBe('…');
    expect(formatRate(123_456)).toBe('123k/s');
    expect(formatRate(1500)).toBe('1.5k/s');
    expect(formatRate(0)).toBe('0/s');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 ** 3)).toBe('20 GB');
  });

  it('counts and pluralises in the locale, and takes basenames', () => {
    const thousands = new Intl.NumberFormat().format(2345);
    expect(formatNumber(2345)).toBe(thousands);
    expect(formatNumber(null)).toBe(EMPTY);
    expect(plural(1, 'user')).toBe('1 user');
    expect(plural(2345, 'user')).toBe(`${thousands} users`);
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
    expect(basename('/tmp/a/b.ndjson.gz')).toBe('b.ndjson.gz');
    expect(basename('C:\\x\\y.json')).toBe('y.json');
  });
});
