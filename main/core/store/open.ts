/**
 * Opens the store: one SQLite file in WAL mode (readers never wait for the import's writer),
 * with the committed migrations applied.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBusy } from './write-lock';

export type Db = Database.Database;

/**
 * The page size of a new store (SQLite fixes it when the file gets its first page; a store
 * made with another keeps it). Bulk imports scan the users table once per sort index: with 16
 * KB pages instead of 4 KB they read and write a quarter as many pages through the WAL.
 * Measured on 2.5M events / 1M users, 2 cores: the end of the import 54 -> 42 s (27 index
 * builds 16.5 -> 11 s, search index 5.3 -> 4.0 s); 32 and 64 KB gave no more.
 */
export const PAGE_SIZE = 16_384;

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
  const created = !options.readonly && createPrivately(dbPath);
  const db = new Database(dbPath, {
    readonly: options.readonly ?? false,
    nativeBinding: options.nativeBinding,
  });
  // A no-op on a store that has pages; set by every opener, so whichever opener of a new
  // store writes its first page gives it this size.
  if (!options.readonly) db.pragma(`page_size = ${PAGE_SIZE}`);
  enableWal(db);
  // SQLite gives the WAL and shared-memory files the database file's mode; made sure here.
  if (created) for (const suffix of ['-wal', '-shm']) chmodIfPresent(dbPath + suffix);
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32768');
  // Statistics from a sample of each index are enough to choose between index and sort.
  db.pragma('analysis_limit = 1000');
  if (!options.readonly && !options.skipMigrations) {
    applyMigrations(db, options.migrationsFolder ?? defaultMigrationsFolder());
  }
  return db;
}

/**
 * The store holds what analysts' users did: readable by this user only. Creates the folders
 * that are missing (0700; folders that exist, like a chosen /tmp, keep their mode) and an empty
 * database file (0600) for SQLite to fill. Returns whether the file was created.
 */
function createPrivately(dbPath: string): boolean {
  if (dbPath === ':memory:' || dbPath === '' || dbPath.startsWith('file:') || existsSync(dbPath)) return false;
  mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(dbPath, 'wx', 0o600));
    return true;
  } catch (err) {
    // Another opener created it a moment ago: it is theirs to have made private.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

function chmodIfPresent(path: string): void {
  try {
    chmodSync(path, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Switching a new store to WAL needs an exclusive lock. Two openers of a new store can each hold
 * a shared one while wanting it, and SQLite then fails one at once instead of calling the busy
 * handler (waiting could deadlock). A moment later the other has switched it: try again.
 */
function enableWal(db: Db): void {
  const ATTEMPTS = 100;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (!isBusy(err) || attempt === ATTEMPTS) throw err;
      Atomics.wait(pause, 0, 0, 10); // opening is synchronous: a short pause in place
    }
  }
}

/**
 * Two processes opening a new store at the same moment (the app and the CLI, two CLI imports)
 * both find it unmigrated: drizzle reads the applied migrations before its transaction, so the
 * one that loses the race fails on the tables the other has just created, its transaction
 * rolled back. A second pass reads them as applied and does nothing; a real failure fails
 * every pass and is thrown.
 */
function applyMigrations(db: Db, migrationsFolder: string): void {
  const ATTEMPTS = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(drizzle(db), { migrationsFolder });
      return;
    } catch (err) {
      if (attempt === ATTEMPTS || db.inTransaction) throw err;
    }
  }
}

/**
 * `PRAGMA optimize` after an import: it may want to write fresh statistics, and must not wait
 * on (or fail because of) another process's import holding the write lock. Skipped then: the
 * next import's optimize does it.
 */
export function optimizeIfFree(db: Db): void {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  // Nor may its commit checkpoint the import's WAL here, on the app's thread: the import's
  // writer thread does that (ingest/worker.ts).
  db.pragma('wal_autocheckpoint = 0');
  try {
    db.pragma('optimize');
  } catch (err) {
    if (!isBusy(err)) throw err;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
    db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  }
}
