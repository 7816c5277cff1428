import type { ImportProgress } from '../ingest/run-import';

/**
 * Events per second so far, and the time left extrapolated from the work done so far: bytes
 * read for an import, rows written for an export.
 */
export function progressRates(
  p: ImportProgress & { rows?: number; totalRows?: number },
  elapsedMs: number,
): { eventsPerSec: number; etaMs: number | null } {
  if (p.totalRows !== undefined && p.rows !== undefined) p = { ...p, bytes: p.rows, totalBytes: p.totalRows };
  const elapsed = Math.max(1, elapsedMs);
  const bytesPerMs = p.bytes / elapsed;
  return {
    eventsPerSec: Math.round((p.events / elapsed) * 1000),
    etaMs: bytesPerMs > 0 && p.totalBytes > 0 ? Math.max(0, Math.round((p.totalBytes - p.bytes) / bytesPerMs)) : null,
  };
}
