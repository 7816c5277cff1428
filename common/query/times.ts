/**
 * Time values of the query language: ISO dates and times (UTC unless they carry an offset),
 * relative times from `now` (`now-30d`, `now-6M`, `now-12h`), and ms since epoch. `now` is
 * passed in, so one query evaluates it once.
 */

const RELATIVE_RE = /^now(?:([+-])(\d{1,6})([smhdwMy]))?$/;
const DATE_RE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** ms since epoch, or null when `text` is not a time. */
export function parseTime(text: string, now: number): number | null {
  const relative = RELATIVE_RE.exec(text);
  if (relative) {
    const [, sign, amount, unit] = relative;
    if (!sign) return now;
    const n = Number(amount) * (sign === '-' ? -1 : 1);
    if (unit === 'M' || unit === 'y') return addMonths(now, unit === 'y' ? n * 12 : n);
    return now + n * UNIT_MS[unit!]!;
  }
  const date = DATE_RE.exec(text);
  if (date) return utc(Number(date[1]), Number(date[2]), Number(date[3] ?? 1), 0, 0, 0, 0);
  const dateTime = DATE_TIME_RE.exec(text);
  if (dateTime) {
    const [, y, mo, d, h, mi, s, frac, zone] = dateTime;
    const base = utc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), Math.round(Number(frac ?? 0) * 1000));
    return base === null ? null : base - zoneOffsetMs(zone);
  }
  if (/^\d{1,15}$/.test(text)) return Number(text);
  return null;
}

/** Calendar arithmetic in UTC; the day is clamped to the target month (Aug 31 − 6M = Feb 28/29). */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** Date.UTC that refuses out-of-range fields (2025-02-30 is not a date) instead of rolling over. */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  const valid = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  return valid ? t : null;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** Whether a time value names a whole day (a date), so `key:2025-03-01` means that day. */
export function isWholeDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}
