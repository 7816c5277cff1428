import { describe, expect, it } from 'vitest';
import { sourceTypeName, toRawValue, valueTypeOf } from './types';

describe('Snowflake types', () => {
  it('maps column types to attribute types', () => {
    for (const t of ['NUMBER', 'DECIMAL', 'INT', 'FLOAT', 'DOUBLE', 'REAL', 'number(38,2)']) expect(valueTypeOf(t), t).toBe('number');
    expect(valueTypeOf('BOOLEAN')).toBe('boolean');
    for (const t of ['DATE', 'TIMESTAMP_NTZ', 'TIMESTAMP_LTZ', 'TIMESTAMP_TZ']) expect(valueTypeOf(t), t).toBe('time');
    for (const t of ['TEXT', 'VARIANT', 'OBJECT', 'ARRAY', 'BINARY', 'TIME', 'GEOGRAPHY']) expect(valueTypeOf(t), t).toBe('text');
  });

  it('names the source type as Snowflake spells it', () => {
    expect(sourceTypeName('NUMBER', 38, 2)).toBe('NUMBER(38,2)');
    expect(sourceTypeName('NUMBER', 38, null)).toBe('NUMBER(38,0)');
    expect(sourceTypeName('TIMESTAMP_NTZ', null, null)).toBe('TIMESTAMP_NTZ');
  });

  it('hands values over as the connector interface says', () => {
    expect(toRawValue(null)).toBeNull();
    expect(toRawValue(undefined)).toBeNull();
    expect(toRawValue(12.5)).toBe(12.5);
    expect(toRawValue(Number.NaN)).toBeNull();
    expect(toRawValue(Number.POSITIVE_INFINITY)).toBeNull();
    expect(toRawValue(12n)).toBe(12);
    expect(toRawValue(true)).toBe(true);
    expect(toRawValue('x')).toBe('x');
    expect(toRawValue(new Date(Date.UTC(2025, 2, 1)))).toBe(Date.UTC(2025, 2, 1));
    expect(toRawValue(new Date(Number.NaN))).toBeNull();
    expect(toRawValue(Buffer.from([0xca, 0xfe]))).toBe('cafe');
    expect(toRawValue({ a: 1 })).toBe('{"a":1}');
    expect(toRawValue({ toJSON: () => '12:30:00' })).toBe('12:30:00');
  });
});
