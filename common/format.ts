/**
 * Numbers, sizes, durations and plurals as people read them, written once for the renderer,
 * the CLI and the bench. Plain code (no DOM, no Node): counts follow the reader's locale
 * (the browser's, or the terminal's LANG). Formatters are built once: Intl constructors are slow.
 */

const numberFormat = new Intl.NumberFormat();

/** The dash shown for an absent value. */
export const EMPTY = '—';

/** "2,345" in the reader's locale; the dash when there is no number. */
export function formatNumber(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? EMPTY : numberFormat.format(value);
}

/** "1 user", "2,345 users". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${numberFormat.format(count)} ${count === 1 ? singular : pluralForm}`;
}

/** "850 ms", "4.5 s", "42 s", "3 min 05 s", "1 h 02 min"; the dash when there is none. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return EMPTY;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  // Tenths while they still matter (a short import), whole seconds and minutes after.
  if (ms < 9950) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

/** Short ETA, e.g. "0:42", "1:05:10"; "…" while it is unknown. */
export function formatEta(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '…';
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** "512 B", "1.5 KB", "12 MB" (binary multiples, as file managers on most systems show them). */
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

/** The last segment of a path or upload name, on any platform's separators. */
export function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
