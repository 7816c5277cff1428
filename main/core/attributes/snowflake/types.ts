/**
 * Snowflake's column types as attribute types, and the driver's values as the connector hands
 * them over (connector.ts RawValue): numbers stay numbers, booleans booleans, DATE and
 * TIMESTAMP_* become ms since epoch (the driver reads TIMESTAMP_NTZ and DATE as UTC whatever
 * the machine's zone), VARIANT arrives as its JSON text (fetchAsString), the rest as text.
 */
import type { ValueType } from '../../../../common/attributes';
import type { RawValue } from '../connector';

const NUMBER_TYPES = new Set([
  'NUMBER', 'DECIMAL', 'NUMERIC', 'INT', 'INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT', 'BYTEINT',
  'FLOAT', 'FLOAT4', 'FLOAT8', 'DOUBLE', 'DOUBLE PRECISION', 'REAL',
]);
const TIME_TYPES = new Set(['DATE', 'DATETIME', 'TIMESTAMP', 'TIMESTAMP_NTZ', 'TIMESTAMP_LTZ', 'TIMESTAMP_TZ']);

/** The attribute type a column of this INFORMATION_SCHEMA.COLUMNS.DATA_TYPE takes by default. */
export function valueTypeOf(dataType: string): ValueType {
  const t = dataType.trim().toUpperCase().replace(/\(.*$/, '');
  if (NUMBER_TYPES.has(t)) return 'number';
  if (t === 'BOOLEAN') return 'boolean';
  if (TIME_TYPES.has(t)) return 'time';
  return 'text';
}

/** The type as Snowflake spells it in DDL: `NUMBER(38,2)`, `TIMESTAMP_NTZ`, `TEXT`. */
export function sourceTypeName(dataType: string, precision: unknown, scale: unknown): string {
  const t = dataType.trim().toUpperCase();
  if (t === 'NUMBER' && precision !== null && precision !== undefined) return `NUMBER(${Number(precision)},${Number(scale ?? 0)})`;
  return t;
}

export function toRawValue(value: unknown): RawValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // NaN and ±inf (FLOAT allows them) have no place in a number attribute.
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return Number(value);
    default:
      break;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? null : ms;
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  // TIME values and structured types the driver built: their own text form.
  const text = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  return typeof text === 'string' ? text : JSON.stringify(text);
}
