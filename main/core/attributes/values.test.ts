import { describe, expect, it } from 'vitest';
import { fromStored, inferType, parseIsoTime, toStored } from './values';

const utc = Date.UTC;

describe('toStored', () => {
  it('trims text and turns blanks into null', () => {
    expect(toStored('  gold ', 'text')).toBe('gold');
    expect(toStored('   ', 'text')).toBeNull();
    expect(toStored('', 'text')).toBeNull();
    expect(toStored(null, 'text')).toBeNull();
    expect(toStored(42.5, 'text')).toBe('42.5');
    expect(toStored(true, 'text')).toBe('true');
  });

  it('reads plain numbers and refuses everything else', () => {
    expect(toStored('42', 'number')).toBe(42);
    expect(toStored(' -3.25 ', 'number')).toBe(-3.25);
    expect(toStored('+.5', 'number')).toBe(0.5);
    expect(toStored('7.', 'number')).toBe(7);
    expect(toStored('1.5e3', 'number')).toBe(1500);
    expect(toStored('2E-2', 'number')).toBe(0.02);
    expect(toStored(19.99, 'number')).toBe(19.99);
    for (const bad of ['1,234.50', '$5', '0x10', 'Infinity', '', ' ', '1e999', '12abc', '.', '-', '1 000', 'NaN']) {
      expect(toStored(bad, 'number'), bad).toBeNull();
    }
    expect(toStored(Number.NaN, 'number')).toBeNull();
    expect(toStored(Number.POSITIVE_INFINITY, 'number')).toBeNull();
    expect(toStored(true, 'number')).toBeNull();
  });

  it('reads booleans as 1/0 from the usual words, any case', () => {
    for (const yes of ['true', 'TRUE', 'True', '1', 'yes', 'YES', 'y', 'Y', 't', 'T', ' true ']) expect(toStored(yes, 'boolean'), yes).toBe(1);
    for (const no of ['false', 'FALSE', '0', 'no', 'No', 'n', 'N', 'f', 'F']) expect(toStored(no, 'boolean'), no).toBe(0);
    for (const bad of ['maybe', '2', '', 'yes!', 'on', 'off']) expect(toStored(bad, 'boolean'), bad).toBeNull();
    expect(toStored(true, 'boolean')).toBe(1);
    expect(toStored(false, 'boolean')).toBe(0);
    expect(toStored(1, 'boolean')).toBe(1);
    expect(toStored(0, 'boolean')).toBe(0);
    expect(toStored(2, 'boolean')).toBeNull();
  });

  it('passes times given as ms through', () => {
    expect(toStored(1_709_648_000_000, 'time')).toBe(1_709_648_000_000);
    expect(toStored(-86_400_000, 'time')).toBe(-86_400_000);
    expect(toStored(Number.NaN, 'time')).toBeNull();
    expect(toStored(9e15, 'time')).toBeNull();
    expect(toStored(true, 'time')).toBeNull();
    // Digits in text are not guessed to be seconds or ms.
    expect(toStored('1709648000000', 'time')).toBeNull();
  });
});

describe('times in text', () => {
  it('reads ISO 8601 with Z or an offset', () => {
    expect(toStored('2024-03-05T14:30:00Z', 'time')).toBe(utc(2024, 2, 5, 14, 30));
    expect(toStored('2024-03-05T14:30:00.123Z', 'time')).toBe(utc(2024, 2, 5, 14, 30, 0, 123));
    expect(toStored('2024-03-05T14:30:00+01:00', 'time')).toBe(utc(2024, 2, 5, 13, 30));
    expect(toStored('2024-03-05T14:30:00-0530', 'time')).toBe(utc(2024, 2, 5, 20, 0));
    expect(toStored('2024-03-05T14:30:00+02', 'time')).toBe(utc(2024, 2, 5, 12, 30));
    expect(toStored('2024-03-05 14:30:00 +01:00', 'time')).toBe(utc(2024, 2, 5, 13, 30));
    expect(toStored('2024-03-05 14:30:00 UTC', 'time')).toBe(utc(2024, 2, 5, 14, 30));
    expect(toStored('2024-03-01T00:30:00+01:00', 'time')).toBe(utc(2024, 1, 29, 23, 30));
    expect(toStored('2024-03-05T14:30:00 Z', 'time')).toBe(utc(2024, 2, 5, 14, 30));
    expect(toStored('2024-03-05t14:30z', 'time')).toBe(utc(2024, 2, 5, 14, 30));
    expect(toStored('2024-03-05Z', 'time')).toBe(utc(2024, 2, 5));
  });

  it('reads a time without an offset as UTC, and a date alone as UTC midnight', () => {
    expect(toStored('2024-03-05', 'time')).toBe(utc(2024, 2, 5));
    expect(toStored('2024-03-05 14:30:00', 'time')).toBe(utc(2024, 2, 5, 14, 30));
    expect(toStored('2024-03-05T14:30', 'time')).toBe(utc(2024, 2, 5, 14, 30));
    expect(toStored('2024-03-05 14:30:07.5', 'time')).toBe(utc(2024, 2, 5, 14, 30, 7, 500));
    expect(toStored('2024-03-05T14:30:07,123456789', 'time')).toBe(utc(2024, 2, 5, 14, 30, 7, 123));
    expect(toStored('2024/03/05 14:30', 'time')).toBe(utc(2024, 2, 5, 14, 30));
    expect(toStored(' 2024-03-05 ', 'time')).toBe(utc(2024, 2, 5));
  });

  it('never depends on the machine time zone', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'Asia/Kolkata', 'UTC']) {
        // Node applies a changed TZ at once: local-time APIs (Date.parse without an offset) would follow it.
        process.env.TZ = tz;
        expect(parseIsoTime('2024-07-01T12:00:00'), tz).toBe(1_719_835_200_000);
        expect(parseIsoTime('2024-07-01'), tz).toBe(1_719_792_000_000);
        expect(fromStored(1_719_835_200_000, 'time'), tz).toBe('2024-07-01T12:00:00.000Z');
      }
      process.env.TZ = 'America/New_York';
      expect(Date.parse('2024-07-01T12:00:00')).not.toBe(1_719_835_200_000);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('handles leap years and years before 1970 and 100', () => {
    expect(parseIsoTime('2024-02-29')).toBe(utc(2024, 1, 29));
    expect(parseIsoTime('2000-02-29')).toBe(utc(2000, 1, 29));
    expect(parseIsoTime('1969-12-31T23:59:59Z')).toBe(-1000);
    expect(parseIsoTime('0050-06-15')).toBe(new Date('0050-06-15T00:00:00Z').getTime());
    expect(parseIsoTime('9999-12-31T23:59:59.999Z')).toBe(new Date('9999-12-31T23:59:59.999Z').getTime());
  });

  it('refuses anything that is not a real date-time', () => {
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2024-13-01',
      '2024-04-31',
      '2024-00-10',
      '2024-03-05T24:00',
      '2024-03-05T14:60',
      '2024-03-05T14:30:60',
      '2024-03-05+01:00',
      '2024-03-05T14:30+25:00',
      '2024-03-05T14',
      '2024-03-05T14:30:',
      '2024-03-05T14:30:00.',
      '2024-03-05T14:30:00.1234567890Z',
      '2024-03-05T14:30:00+01:',
      '2024-03-05T14:30:00+1',
      '2024-03-05T14:30:00 ZZ',
      '2024-03-05T1a:30',
      '03/05/2024',
      '2024-3-5',
      '2024/03-05',
      '2024-03-05 tomorrow',
      'March 5, 2024',
      '',
    ]) {
      expect(toStored(bad, 'time'), bad).toBeNull();
    }
  });
});

describe('fromStored', () => {
  it('gives each type its API form', () => {
    expect(fromStored(utc(2024, 2, 5, 14, 30, 0, 5), 'time')).toBe('2024-03-05T14:30:00.005Z');
    expect(fromStored(1, 'boolean')).toBe(true);
    expect(fromStored(0, 'boolean')).toBe(false);
    expect(fromStored(12.5, 'number')).toBe(12.5);
    expect(fromStored(7n, 'number')).toBe(7);
    expect(fromStored('gold', 'text')).toBe('gold');
    expect(fromStored(3, 'text')).toBe('3');
  });

  it('returns null for absent or unreadable values', () => {
    for (const type of ['text', 'number', 'boolean', 'time'] as const) {
      expect(fromStored(null, type)).toBeNull();
      expect(fromStored(undefined, type)).toBeNull();
      expect(fromStored({}, type)).toBeNull();
    }
    expect(fromStored('abc', 'number')).toBeNull();
    expect(fromStored(5, 'boolean')).toBeNull();
    expect(fromStored(1e300, 'time')).toBeNull();
  });

  it('round-trips what toStored produced', () => {
    const cases = [
      ['2024-03-05T14:30:00+01:00', 'time', '2024-03-05T13:30:00.000Z'],
      ['yes', 'boolean', true],
      ['-4.5e1', 'number', -45],
      [' x ', 'text', 'x'],
    ] as const;
    for (const [raw, type, api] of cases) expect(fromStored(toStored(raw, type), type)).toBe(api);
  });
});

describe('inferType', () => {
  it('finds numbers, booleans, times and text', () => {
    expect(inferType(['1', '2.5', '-3', null, ''])).toBe('number');
    expect(inferType(['true', 'false', 'TRUE'])).toBe('boolean');
    expect(inferType(['yes', 'no', '1', '0'])).toBe('boolean');
    expect(inferType(['Y', 'N', 'n'])).toBe('boolean');
    expect(inferType(['2024-03-05', '2024-03-06T10:00:00Z', '2024-03-07 08:00'])).toBe('time');
    expect(inferType(['gold', 'silver'])).toBe('text');
    expect(inferType(['1', 'two'])).toBe('text');
    expect(inferType(['2024-03-05', 'soon'])).toBe('text');
    expect(inferType(['1', '2024-03-05'])).toBe('text');
  });

  it('takes a column of 0 and 1 as a number unless its name says it is a flag', () => {
    expect(inferType(['0', '1', '1'])).toBe('number');
    expect(inferType(['0', '1', '1'], 'seats')).toBe('number');
    expect(inferType(['0', '1'], 'is_active')).toBe('boolean');
    expect(inferType(['0', '1'], 'HAS_TRIAL')).toBe('boolean');
    expect(inferType(['0', '1'], 'isActive')).toBe('boolean');
    expect(inferType(['0', '1'], 'island')).toBe('number');
    expect(inferType(['0', '1', '2'], 'is_active')).toBe('number');
  });

  it('keeps ids and zip codes as text', () => {
    expect(inferType(['02134', '10001'])).toBe('text');
    expect(inferType(['12345678901234567', '1'])).toBe('text');
    expect(inferType(['0.5', '0', '10'])).toBe('number');
    expect(inferType(['123456789012345'])).toBe('number');
  });

  it('is text with no values, and follows typed values', () => {
    expect(inferType([])).toBe('text');
    expect(inferType([null, '  '])).toBe('text');
    expect(inferType([true, false, null])).toBe('boolean');
    expect(inferType([3, 4.5])).toBe('number');
  });
});
