// Streaming readers for RUM event files: NDJSON, JSON arrays, API pages, single events and
// mixes of them, each optionally gzip-compressed. See read.ts for the loop and detect.ts for
// how the format is chosen.

import { readRecordsWith, type ReadOptions } from './read';
import type { SourceRecord } from './records';

export { NotEventsError } from './errors';
export type { SourceRecord } from './records';
export type { ReadOptions } from './read';

/** Streams the records of one file in batches. Memory must not grow with file size. */
export function readRecords(path: string, options?: ReadOptions): AsyncGenerator<SourceRecord[]> {
  return readRecordsWith(path, options);
}
