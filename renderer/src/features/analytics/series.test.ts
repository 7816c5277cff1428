import { describe, expect, it } from 'vitest';
import type { SessionVolume } from '../../../../common/analytics';
import { pivotVolume, seriesLabel, volumeCsv } from './series';

const plain: SessionVolume = {
  interval: 'day',
  from: '2025-03-01T00:00:00.000Z',
  to: '2025-03-04T00:00:00.000Z',
  points: [
    { bucket: '2025-03-01', sessions: 4 },
    { bucket: '2025-03-02', sessions: 0 },
    { bucket: '2025-03-03', sessions: 7 },
  ],
};

const brokenDown: SessionVolume = {
  interval: 'week',
  from: '2025-03-03T00:00:00.000Z',
  to: '2025-03-17T00:00:00.000Z',
  breakdown: 'last_country_code',
  values: ['FR', 'a.b', null, 'other'],
  // Out of bucket order on purpose: rows come out sorted by bucket.
  points: [
    { bucket: '2025-03-10', value: 'FR', sessions: 2 },
    { bucket: '2025-03-10', value: 'a.b', sessions: 0 },
    { bucket: '2025-03-10', value: null, sessions: 1 },
    { bucket: '2025-03-10', value: 'other', sessions: 5 },
    { bucket: '2025-03-03', value: 'FR', sessions: 3 },
    { bucket: '2025-03-03', value: 'a.b', sessions: 4 },
    { bucket: '2025-03-03', value: null, sessions: 0 },
    { bucket: '2025-03-03', value: 'other', sessions: 1 },
  ],
};

describe('seriesLabel', () => {
  it('names none and other, and labels the rest', () => {
    expect(seriesLabel(null)).toBe('(none)');
    expect(seriesLabel('other')).toBe('Other');
    expect(seriesLabel('FR', (v) => `country ${v}`)).toBe('country FR');
    expect(seriesLabel('FR')).toBe('FR');
  });
});

describe('pivotVolume', () => {
  it('keeps one sessions series without a breakdown, zero buckets included', () => {
    const { series, rows, total } = pivotVolume(plain);
    expect(series).toEqual([{ key: 'sessions', label: 'Sessions' }]);
    expect(rows).toEqual([
      { bucket: '2025-03-01', total: 4, sessions: 4 },
      { bucket: '2025-03-02', total: 0, sessions: 0 },
      { bucket: '2025-03-03', total: 7, sessions: 7 },
    ]);
    expect(total).toBe(11);
  });

  it('gives each breakdown value a positional key (no dots for recharts) in the core order', () => {
    const { series, rows, total } = pivotVolume(brokenDown, (v) => v.toLowerCase());
    expect(series.map((s) => [s.key, s.value, s.label])).toEqual([
      ['s0', 'FR', 'fr'],
      ['s1', 'a.b', 'a.b'],
      ['s2', null, '(none)'],
      ['s3', 'other', 'Other'],
    ]);
    expect(rows).toEqual([
      { bucket: '2025-03-03', total: 8, s0: 3, s1: 4, s2: 0, s3: 1 },
      { bucket: '2025-03-10', total: 8, s0: 2, s1: 0, s2: 1, s3: 5 },
    ]);
    expect(total).toBe(16);
  });

  it('has no rows for a volume without points', () => {
    expect(pivotVolume({ ...plain, points: [] })).toEqual({ series: [{ key: 'sessions', label: 'Sessions' }], rows: [], total: 0 });
  });
});

describe('volumeCsv', () => {
  it('writes bucket,sessions without a breakdown', () => {
    expect(volumeCsv(pivotVolume(plain))).toBe('bucket,sessions\r\n2025-03-01,4\r\n2025-03-02,0\r\n2025-03-03,7\r\n');
  });

  it('writes one column per series headed by the stored value, then the total', () => {
    // The display label (a country's name) stays out of the file: codes as stored.
    expect(volumeCsv(pivotVolume(brokenDown, () => 'France'))).toBe(
      'bucket,FR,a.b,(none),Other,total\r\n2025-03-03,3,4,0,1,8\r\n2025-03-10,2,0,1,5,8\r\n',
    );
  });

  it('quotes and guards headers a spreadsheet would misread', () => {
    const odd: SessionVolume = {
      ...brokenDown,
      values: ['a,"b"', '=1+1'],
      points: [
        { bucket: '2025-03-03', value: 'a,"b"', sessions: 1 },
        { bucket: '2025-03-03', value: '=1+1', sessions: 2 },
      ],
    };
    expect(volumeCsv(pivotVolume(odd))).toBe(`bucket,"a,""b""",'=1+1,total\r\n2025-03-03,1,2,3\r\n`);
  });
});
