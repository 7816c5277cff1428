import type { ImportProgress } from '../ingest/run-import';

/** Events per second so far, and the time left extrapolated from the bytes read so far. */
export function progressRates(p: ImportProgress, elapsedMs: number): { eventsPerSec: number; etaMs: number | null } {
  const elapsed = Math.max(1, elapsedMs);
  const bytesPerMs = p.bytes / elapsed;
  return {
    eventsPerSec: Math.round((p.events / elapsed) * 1000),
    etaMs: bytesPerMs > 0 && p.totalBytes > 0 ? Math.max(0, Math.round((p.totalBytes - p.bytes) / bytesPerMs)) : null,
  };
}
