/**
 * The tables of the local Snowflake test server and how their values travel on the wire
 * (CONNECTORS.md): every rowset value is a string or null, types are lower case, FIXED carries
 * its scale, BOOLEAN is "1"/"0", DATE is days since epoch, TIMESTAMP_* is "<sec>.<9-digit nanos>",
 * VARIANT is JSON text.
 */

/** A value as a test writes it: times as ms since epoch, a Date or an ISO string; VARIANT as any JSON value. */
export type CellValue = string | number | boolean | null | Date | Record<string, unknown> | unknown[];

export interface SnowflakeColumnSpec {
  name: string;
  /** Snowflake's type: NUMBER(38,0), NUMBER(38,2), FLOAT, TEXT, BOOLEAN, DATE, TIMESTAMP_NTZ, TIMESTAMP_LTZ, VARIANT. */
  type: string;
}

export interface SnowflakeTableSpec {
  database: string;
  schema: string;
  name: string;
  /** BASE TABLE (default) or VIEW, as INFORMATION_SCHEMA.TABLES says. */
  kind?: 'BASE TABLE' | 'VIEW';
  columns: SnowflakeColumnSpec[];
  rows: CellValue[][];
}

/** A column's type as INFORMATION_SCHEMA.COLUMNS and the result's rowtype describe it. */
export interface ColumnType {
  /** INFORMATION_SCHEMA.COLUMNS.DATA_TYPE. */
  dataType: string;
  precision: number | null;
  scale: number | null;
  /** The rowtype's lower-case type. */
  wire: 'fixed' | 'real' | 'text' | 'boolean' | 'date' | 'timestamp_ntz' | 'timestamp_ltz' | 'variant';
}

export function columnType(type: string): ColumnType {
  const t = type.trim().toUpperCase();
  const number = /^(?:NUMBER|DECIMAL|NUMERIC)(?:\((\d+)(?:,\s*(\d+))?\))?$/.exec(t);
  if (number) return { dataType: 'NUMBER', precision: Number(number[1] ?? 38), scale: Number(number[2] ?? 0), wire: 'fixed' };
  if (/^(?:INT|INTEGER|BIGINT|SMALLINT)$/.test(t)) return { dataType: 'NUMBER', precision: 38, scale: 0, wire: 'fixed' };
  if (/^(?:FLOAT|DOUBLE|REAL)$/.test(t)) return { dataType: 'FLOAT', precision: null, scale: null, wire: 'real' };
  if (/^(?:TEXT|VARCHAR|STRING)(?:\(\d+\))?$/.test(t)) return { dataType: 'TEXT', precision: null, scale: null, wire: 'text' };
  if (t === 'BOOLEAN') return { dataType: 'BOOLEAN', precision: null, scale: null, wire: 'boolean' };
  if (t === 'DATE') return { dataType: 'DATE', precision: null, scale: null, wire: 'date' };
  if (t === 'TIMESTAMP_NTZ' || t === 'TIMESTAMP') return { dataType: 'TIMESTAMP_NTZ', precision: null, scale: 9, wire: 'timestamp_ntz' };
  if (t === 'TIMESTAMP_LTZ') return { dataType: 'TIMESTAMP_LTZ', precision: null, scale: 9, wire: 'timestamp_ltz' };
  if (t === 'VARIANT') return { dataType: 'VARIANT', precision: null, scale: null, wire: 'variant' };
  throw new Error(`test server: unsupported column type ${type}`);
}

const DAY_MS = 86_400_000;

function toMs(value: CellValue): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    // A bare date or a time without an offset is UTC, as TIMESTAMP_NTZ means it.
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new Error(`test server: not a time: ${value}`);
    return ms;
  }
  throw new Error(`test server: not a time: ${JSON.stringify(value)}`);
}

/** One cell as the rowset carries it. */
export function encodeCell(value: CellValue, type: ColumnType): string | null {
  if (value === null || value === undefined) return null;
  switch (type.wire) {
    case 'fixed': {
      const n = Number(value);
      return type.scale ? n.toFixed(type.scale) : String(Math.trunc(n));
    }
    case 'real':
      return String(Number(value));
    case 'text':
      return String(value);
    case 'boolean':
      return value ? '1' : '0';
    case 'date':
      return String(Math.floor(toMs(value) / DAY_MS));
    case 'timestamp_ntz':
    case 'timestamp_ltz': {
      const ms = toMs(value);
      const sec = Math.floor(ms / 1000);
      return `${sec}.${String((ms - sec * 1000) * 1_000_000).padStart(9, '0')}`;
    }
    case 'variant':
      return JSON.stringify(value);
  }
}

/** A value's sort key: numbers and times compare as numbers, the rest as text; nulls sort last. */
export function sortKey(value: CellValue, type: ColumnType): number | string | null {
  if (value === null || value === undefined) return null;
  switch (type.wire) {
    case 'fixed':
    case 'real':
      return Number(value);
    case 'boolean':
      return value ? 1 : 0;
    case 'date':
    case 'timestamp_ntz':
    case 'timestamp_ltz':
      return toMs(value);
    case 'variant':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

export function compareKeys(a: number | string | null, b: number | string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function tableKey(database: string, schema: string, name: string): string {
  return `${database}\u0000${schema}\u0000${name}`;
}
