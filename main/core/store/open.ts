/**
 * Opens the store: one SQLite file in WAL mode (readers never wait for the import's writer),
 * with the committed migrations applied.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

export interface OpenOptions {
  migrationsFolder?: string;
  /** better-sqlite3 built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  readonly?: boolean;
  /** For a second connection to a store whose opener already migrated it (the import worker). */
  skipMigrations?: boolean;
}

/**
 * Beside the bundle when built (the build copies the folder next to it); beside this file when
 * run from source (tests, tsx).
 */
export function defaultMigrationsFolder(): string {
  return `${dirname(fileURLToPath(import.meta.url))}/migrations`;
}

export function openStore(dbPath: string, options: OpenOptions = {}): Db {
  if (!options.readonly) mkdirSync(dirname(dbPath), { recursive: true });
  const db = new Database(dbPath, {
    readonly: options.readonly ?? false,
    nativeBinding: options.nativeBinding,
  });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32768');
  // Statistics from a sample of each index are enough to choose between index and sort.
  db.pragma('analysis_limit = 1000');
  if (!options.readonly && !options.skipMigrations) {
    migrate(drizzle(db), { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder() });
  }
  return db;
}
