import { describe, expect, it } from 'vitest';
import { parseSalesforceTime, toRawValue, valueTypeOf } from './fields';

describe('valueTypeOf', () => {
  it('maps Salesforce field types to attribute types', () => {
    for (const t of ['currency', 'double', 'int', 'percent', 'long']) expect(valueTypeOf(t)).toBe('number');
    expect(valueTypeOf('boolean')).toBe('boolean');
    expect(valueTypeOf('date')).toBe('time');
    expect(valueTypeOf('datetime')).toBe('time');
    for (const t of ['string', 'email', 'id', 'reference', 'picklist', 'multipicklist', 'phone', 'url', 'textarea', 'time', 'address', 'combobox']) {
      expect(valueTypeOf(t)).toBe('text');
    }
  });
});

describe('parseSalesforceTime', () => {
  it('reads datetimes in UTC whatever their offset, and dates as UTC midnight', () => {
    expect(parseSalesforceTime('2025-03-01T12:34:56.789+0000')).toBe(Date.UTC(2025, 2, 1, 12, 34, 56, 789));
    expect(parseSalesforceTime('2025-03-01T12:34:56.000Z')).toBe(Date.UTC(2025, 2, 1, 12, 34, 56));
    expect(parseSalesforceTime('2025-03-01T12:34:56+0130')).toBe(Date.UTC(2025, 2, 1, 11, 4, 56));
    expect(parseSalesforceTime('2025-03-01T12:34:56.5-05:00')).toBe(Date.UTC(2025, 2, 1, 17, 34, 56, 500));
    expect(parseSalesforceTime('1969-12-31')).toBe(-86_400_000);
    expect(parseSalesforceTime('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });

  it('gives null for anything else (no guessing in the local time zone)', () => {
    expect(parseSalesforceTime('2025-03-01T12:34:56')).toBeNull();
    expect(parseSalesforceTime('March 1, 2025')).toBeNull();
    expect(parseSalesforceTime('')).toBeNull();
  });
});

describe('toRawValue', () => {
  it('keeps each type', () => {
    expect(toRawValue(12.5, 'currency')).toBe(12.5);
    expect(toRawValue('7', 'int')).toBe(7);
    expect(toRawValue('n/a', 'double')).toBeNull();
    expect(toRawValue(true, 'boolean')).toBe(true);
    expect(toRawValue('false', 'boolean')).toBe(false);
    expect(toRawValue('2025-01-02T03:04:05.000+0000', 'datetime')).toBe(Date.UTC(2025, 0, 2, 3, 4, 5));
    expect(toRawValue('2025-01-02', 'date')).toBe(Date.UTC(2025, 0, 2));
    expect(toRawValue('a@b.c', 'email')).toBe('a@b.c');
    expect(toRawValue(42, 'string')).toBe('42');
    expect(toRawValue({ city: 'Paris', country: 'FR' }, 'address')).toBe('{"city":"Paris","country":"FR"}');
  });

  it('gives null for null and missing values of every type', () => {
    for (const t of ['currency', 'boolean', 'date', 'string']) {
      expect(toRawValue(null, t)).toBeNull();
      expect(toRawValue(undefined, t)).toBeNull();
    }
  });

  it('leaves an unreadable time as its text rather than a wrong date', () => {
    expect(toRawValue('someday', 'datetime')).toBe('someday');
  });
});
