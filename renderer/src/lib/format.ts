/**
 * Display formatting: the analyst's locale and time zone, countries as names, muted dashes for
 * absent values (rendered by the callers). Formatters are built once: Intl constructors are slow.
 */

const numberFormat = new Intl.NumberFormat();
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSecondsFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
let regionNames: Intl.DisplayNames | null = null;
try {
  regionNames = new Intl.DisplayNames(undefined, { type: 'region' });
} catch {
  regionNames = null;
}

/** The dash shown for an absent value. */
export const EMPTY = '—';

export function formatNumber(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? EMPTY : numberFormat.format(value);
}

/** "1 user", "2,345 users". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${numberFormat.format(count)} ${count === 1 ? singular : pluralForm}`;
}

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value == null || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Local date and time, e.g. "Mar 4, 2025, 2:05 PM". */
export function formatDateTime(value: string | number | null | undefined, seconds = false): string {
  const date = toDate(value);
  if (!date) return EMPTY;
  return (seconds ? dateTimeSecondsFormat : dateTimeFormat).format(date);
}

/** Local date only, e.g. "Mar 4, 2025". */
export function formatDate(value: string | number | null | undefined): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : EMPTY;
}

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600 * 1000],
  ['month', 30 * 24 * 3600 * 1000],
  ['week', 7 * 24 * 3600 * 1000],
  ['day', 24 * 3600 * 1000],
  ['hour', 3600 * 1000],
  ['minute', 60 * 1000],
  ['second', 1000],
];

/** Relative age, e.g. "3 days ago", "in 2 hours". */
export function formatRelative(value: string | number | null | undefined, now: number = Date.now()): string {
  const date = toDate(value);
  if (!date) return '';
  const diff = date.getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') {
      return relativeFormat.format(Math.round(diff / ms), unit);
    }
  }
  return '';
}

/** Country name from an ISO code, or the code itself when unknown. */
export function countryName(code: string | null | undefined): string {
  if (!code) return EMPTY;
  const upper = code.toUpperCase();
  try {
    const name = regionNames?.of(upper);
    return name && name !== upper ? name : upper;
  } catch {
    return upper;
  }
}

/** "France (FR)": the name, with the stored code kept visible. */
export function formatCountry(code: string | null | undefined): string {
  if (!code) return EMPTY;
  const name = countryName(code);
  return name === code.toUpperCase() ? name : `${name} (${code.toUpperCase()})`;
}

/** "1 h 02 min", "3 min 20 s", "850 ms". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return EMPTY;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

/** Short ETA, e.g. "0:42", "1:05:10". */
export function formatEta(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '…';
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}

/** "12.3k/s" style rate. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '0/s';
  if (perSecond >= 1_000_000) return `${(perSecond / 1_000_000).toFixed(1)}M/s`;
  if (perSecond >= 1000) return `${(perSecond / 1000).toFixed(perSecond >= 100_000 ? 0 : 1)}k/s`;
  return `${Math.round(perSecond)}/s`;
}

/** The last segment of a path or upload name (summaries show basenames only). */
export function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
