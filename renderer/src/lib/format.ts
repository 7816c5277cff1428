/**
 * Display formatting only the UI needs: dates in the analyst's locale and time zone, relative
 * ages, countries as names. Numbers, sizes, durations and plurals are shared with the CLI and
 * the bench in common/format.ts. Formatters are built once: Intl constructors are slow.
 */
import { EMPTY } from '../../../common/format';

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
