/**
 * The "Load sample data" data set: generated on demand (a few MB of gzip NDJSON in about a
 * second) instead of shipping a file, and identical on every machine thanks to the fixed seed.
 */
import { writeEventsFile } from './generator';

export const SAMPLE = { users: 3000, events: 60000, seed: 42 } as const;

const DAY = 86_400_000;

export interface SampleOptions {
  /**
   * End of the covered 90 days, ms since epoch. Default: the generator's fixed period
   * (2025-01-01 → 2025-04-01), so the file is byte-identical everywhere. A host may pass
   * `Date.now()` to make the sample look recent (e.g. for `last_seen:>now-30d`).
   */
  endMs?: number;
}

export async function writeSampleData(path: string, options: SampleOptions = {}): Promise<{ events: number; bytes: number }> {
  const days = 90;
  const startMs = options.endMs === undefined ? undefined : options.endMs - days * DAY;
  return writeEventsFile(path, { ...SAMPLE, days, startMs, gzip: path.endsWith('.gz') });
}
