/**
 * The attribute sync bench's measurements, one per child process (each maxRSS is that work's
 * alone): Profile Desk's sync, the csv-parse floor, or the DuckDB peer.
 */
import { serveChild } from './child';
import { measureSync, type SyncBenchInput } from './sync-bench';
import { duckSync, parseCsvFloor, type SyncDuckInput } from './sync-peers';

export type SyncWork =
  | ({ work: 'profile-desk' } & SyncBenchInput)
  | { work: 'floor'; file: string }
  | ({ work: 'duckdb' } & SyncDuckInput);

serveChild(async (input: SyncWork): Promise<unknown> => {
  switch (input.work) {
    case 'profile-desk':
      return measureSync(input);
    case 'floor':
      return parseCsvFloor(input.file);
    case 'duckdb':
      return duckSync(input);
  }
});
