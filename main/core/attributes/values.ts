/**
 * How a source's values become typed attribute values (ARCHITECTURE.md §10): `toStored` gives
 * the store's form (runs once per row and column of every sync, so it is a switch and a few
 * regexes, no allocation beyond the trimmed string), `fromStored` the API's, and `inferType`
 * guesses a CSV column's type from its values.
 *
 * Measured per value (1M calls each): text ~25–50 ns, boolean ~30–45 ns, number ~90–150 ns, time
 * ~100 ns for a full date-time with offset and ~35 ns for a date alone.
 *
 * Store forms: text → string, number → finite number, boolean → 1/0, time → ms since epoch
 * (UTC). A value that doesn't read as the attribute's type is null (no value), never a guess.
 */
import type { ValueType } from '../../../common/attributes';
import type { RawValue } from './connector';
import { parseIsoTime } from './values-time';

export { parseIsoTime } from './values-time';

export type StoredValue = string | number | null;
export type ApiValue = string | number | boolean | null;

/**
 * Plain decimal numbers: optional sign, digits with an optional fraction, optional exponent.
 * Not thousands separators ("1,234"), currency signs, hex, "Infinity" or the empty string,
 * all of which `Number()` would take or turn into 0.
 */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'f']);

export function toStored(raw: RawValue, type: ValueType): StoredValue {
  if (raw === null) return null;
  switch (type) {
    case 'text':
      return storedText(raw);
    case 'number':
      return storedNumber(raw);
    case 'boolean':
      return storedBoolean(raw);
    case 'time':
      return storedTime(raw);
  }
}

function storedText(raw: string | number | boolean): string | null {
  if (typeof raw !== 'string') return typeof raw === 'number' && !Number.isFinite(raw) ? null : String(raw);
  const t = raw.trim();
  return t === '' ? null : t;
}

export function storedNumber(raw: string | number | boolean): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const t = raw.trim();
  if (!NUMBER.test(t)) return null;
  const n = Number(t);
  // "1e999" matches the pattern but overflows.
  return Number.isFinite(n) ? n : null;
}

function storedBoolean(raw: string | number | boolean): 1 | 0 | null {
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'number') return raw === 1 ? 1 : raw === 0 ? 0 : null;
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return 1;
  if (FALSE_WORDS.has(word)) return 0;
  return null;
}

/** Connectors hand times over as ms already; text is read as ISO 8601 (see values-time.ts). */
function storedTime(raw: string | number | boolean): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) && Math.abs(raw) <= MAX_DATE_MS ? raw : null;
  if (typeof raw !== 'string') return null;
  return parseIsoTime(raw.trim());
}

/** The largest |ms| a JavaScript Date holds (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15;

/**
 * A stored value as the API returns it: time → ISO 8601 UTC with ms, boolean → true/false,
 * number → number, text → string. Tolerates what SQLite may hand back (bigint, a number stored
 * in a text column) and returns null for anything that isn't a value of the type.
 */
export function fromStored(v: unknown, type: ValueType): ApiValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') v = Number(v);
  switch (type) {
    case 'text':
      return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
    case 'number':
      return typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'string' ? storedNumber(v) : null;
    case 'boolean': {
      const b = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? storedBoolean(v) : null;
      return b === null ? null : b === 1;
    }
    case 'time': {
      const ms = typeof v === 'number' || typeof v === 'string' ? storedTime(v) : null;
      return ms === null ? null : new Date(ms).toISOString();
    }
  }
  return null;
}

/**
 * A CSV column's type from its values (null and blank ones ignored; no values → text):
 *
 * - boolean: every value is a boolean word (true/false, yes/no, y/n, t/f, any case) or 0/1.
 *   A column of only 0 and 1 is a number (counts and flags look alike), unless its name says
 *   it is a flag: `is_…`, `has_…` (or `is…`/`has…` in camel case).
 * - number: every value is a plain number. Not when a value has a leading zero ("02134", an id
 *   or a zip code that must keep it) or more than 15 significant digits (ids a double would round).
 * - time: every value is an ISO 8601 date or date-time (see values-time.ts).
 * - text: anything else.
 */
export function inferType(samples: readonly RawValue[], columnName = ''): ValueType {
  let booleans = 0;
  let zeroOnes = 0;
  let numbers = 0;
  let times = 0;
  let count = 0;
  for (const sample of samples) {
    if (sample === null) continue;
    if (typeof sample === 'boolean') {
      count++;
      booleans++;
      continue;
    }
    if (typeof sample === 'number') {
      count++;
      if (sample === 0 || sample === 1) zeroOnes++;
      if (Number.isFinite(sample)) numbers++;
      continue;
    }
    const t = sample.trim();
    if (t === '') continue;
    count++;
    if (t === '0' || t === '1') zeroOnes++;
    else if (storedBoolean(t) !== null) booleans++;
    if (looksNumeric(t)) numbers++;
    else if (parseIsoTime(t) !== null) times++;
  }
  if (count === 0) return 'text';
  if (booleans + zeroOnes === count && (booleans > 0 || isFlagName(columnName))) return 'boolean';
  if (numbers === count) return 'number';
  if (times === count) return 'time';
  return 'text';
}

/** `is_active`, `HAS_TRIAL`, `isActive`, `HasOptedOut`; not `island` or `hash`. */
const isFlagName = (name: string): boolean => /^(?:is|has)_/i.test(name) || /^(?:[iI]s|[hH]as)[A-Z]/.test(name);

function looksNumeric(t: string): boolean {
  if (!NUMBER.test(t) || !Number.isFinite(Number(t))) return false;
  const digits = t.replace(/^[+-]/, '');
  if (/^0\d/.test(digits)) return false;
  const mantissa = digits.replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '');
  return mantissa.length <= 15;
}
