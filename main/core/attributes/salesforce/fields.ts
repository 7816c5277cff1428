/**
 * Salesforce field types → attribute types, and record values → RawValue. Salesforce's JSON
 * gives numbers and booleans typed; dates as `YYYY-MM-DD` and datetimes as
 * `2025-03-01T12:34:56.000+0000` (always UTC in the REST API), which become ms since epoch
 * without ever consulting the machine's time zone.
 */
import type { ValueType } from '../../../../common/attributes';
import type { RawValue } from '../connector';

const NUMBER_TYPES = new Set(['currency', 'double', 'int', 'percent', 'long']);
const TIME_TYPES = new Set(['date', 'datetime']);

/** string, email, id, reference, picklist, phone, url, textarea, time, address… are text. */
export function valueTypeOf(salesforceType: string): ValueType {
  if (NUMBER_TYPES.has(salesforceType)) return 'number';
  if (salesforceType === 'boolean') return 'boolean';
  if (TIME_TYPES.has(salesforceType)) return 'time';
  return 'text';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3})\d*)?(Z|[+-]\d{2}:?\d{2})$/;

/** A Salesforce date or datetime as ms since epoch, or null when it is neither. */
export function parseSalesforceTime(text: string): number | null {
  const date = DATE.exec(text);
  if (date) return Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
  const dt = DATETIME.exec(text);
  if (!dt) return null;
  const [, y, mo, d, h, mi, s, frac = '0', zone = 'Z'] = dt;
  const ms = Number(frac.padEnd(3, '0'));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone === 'Z') return local;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return local - sign * offsetMinutes * 60_000;
}

/** One record value as the connector hands it over, per the field's Salesforce type. */
export function toRawValue(value: unknown, salesforceType: string): RawValue {
  if (value === null || value === undefined) return null;
  switch (valueTypeOf(salesforceType)) {
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : String(value).toLowerCase() === 'true';
    case 'time':
      // An unparseable time stays text rather than becoming a wrong date.
      return typeof value === 'string' ? (parseSalesforceTime(value) ?? value) : null;
    case 'text':
      // Compound fields (address, location) arrive as objects.
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
