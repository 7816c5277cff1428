/**
 * The bench's data sets (cached in .bench-data/ by data.ts). Full and quick runs have the same
 * shape, the quick one at about a tenth of the size so every part is exercised in minutes.
 *
 * - importSet: the import-vs-floor-vs-DuckDB case (many events per user).
 * - usersSet: a million users (few events each); the grid, export and sync parts use its
 *   store, and its import is the "flat with users" comparison against importSet.
 * - scaleSet: 10M events for the peak-RSS budget. A million users (10 events each, a month
 *   of a large app): the most per-user state an importer must hold, so the worst case of
 *   "any number of users", and the scale the issue names.
 */
import type { DataSet } from './data';

export interface BenchConfig {
  importSet: DataSet;
  usersSet: DataSet;
  scaleSet: DataSet;
  /** Names the cached grid store: users-<label>.db. */
  label: string;
  syncRows: number;
}

export const CONFIG: { full: BenchConfig; quick: BenchConfig } = {
  full: {
    importSet: { users: 50_000, events: 1_000_000, seed: 1 },
    usersSet: { users: 1_000_000, events: 2_500_000, seed: 2 },
    scaleSet: { users: 1_000_000, events: 10_000_000, seed: 3 },
    label: '1m',
    syncRows: 1_000_000,
  },
  quick: {
    importSet: { users: 5_000, events: 100_000, seed: 1 },
    usersSet: { users: 100_000, events: 250_000, seed: 2 },
    scaleSet: { users: 100_000, events: 1_000_000, seed: 3 },
    label: '100k',
    syncRows: 100_000,
  },
};
