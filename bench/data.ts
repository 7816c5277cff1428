/**
 * Bench data under .bench-data/ (gitignored), generated once and reused. File names carry the
 * parameters and a fingerprint of the code that produced them (the generator for event
 * files; the core's store and ingest code for imported stores), so a change rebuilds them
 * instead of measuring stale data.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatNumber } from '../common/format';
import { writeEventsFile } from '../main/core/sample/generator';
import { log } from './child';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DATA_DIR = join(ROOT, '.bench-data');

export interface DataSet {
  users: number;
  events: number;
  seed: number;
}

export interface EventsFile {
  path: string;
  events: number;
  bytes: number;
  /** Seconds spent generating it in this run; null when cached. */
  generated: number | null;
}

/** Hash of the non-test sources under the given folders (relative to the repo root). */
export function fingerprint(...dirs: string[]): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.test\.tsx?$/.test(name)) h.update(relative(ROOT, p)).update(readFileSync(p));
    }
  };
  for (const d of dirs) walk(join(ROOT, d));
  return h.digest('hex').slice(0, 8);
}

/** Removes files in DATA_DIR starting with `prefix` except `keep` (older fingerprints). */
function removeStale(prefix: string, keep: string): void {
  for (const name of readdirSync(DATA_DIR)) {
    if (name.startsWith(prefix) && !name.startsWith(keep)) rmSync(join(DATA_DIR, name), { force: true });
  }
}

export async function ensureEvents(d: DataSet): Promise<EventsFile> {
  mkdirSync(DATA_DIR, { recursive: true });
  const prefix = `events-u${d.users}-e${d.events}-s${d.seed}-`;
  const name = `${prefix}${fingerprint('main/core/sample')}.ndjson`;
  const path = join(DATA_DIR, name);
  const meta = `${path}.json`;
  if (existsSync(path) && existsSync(meta)) {
    return { path, ...(JSON.parse(readFileSync(meta, 'utf8')) as { events: number; bytes: number }), generated: null };
  }
  removeStale(prefix, name);
  log(`generating ${name} (${formatNumber(d.events)} events, ${formatNumber(d.users)} users)…`);
  const t0 = performance.now();
  // Written aside and renamed: an interrupted run never leaves a truncated file behind.
  const r = await writeEventsFile(`${path}.tmp`, { ...d, gzip: false });
  renameSync(`${path}.tmp`, path);
  writeFileSync(meta, JSON.stringify(r));
  return { path, ...r, generated: (performance.now() - t0) / 1000 };
}

/** The fingerprint of the code that writes a store: its schema and the importer. */
export const coreFingerprint = (): string => fingerprint('main/core/store', 'main/core/ingest');

/** A cached artefact: valid while the key in its marker file (`<file>.json`) is accepted. */
export interface Cached<T> {
  path: string;
  hit: T | null;
  save(info: T): void;
  remove(): void;
}

/** `accept` decides whether a saved key still fits (default: equal to `key`). */
export function cached<T>(fileName: string, key: string, accept = (saved: string): boolean => saved === key): Cached<T> {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, fileName);
  const marker = `${path}.json`;
  let hit: T | null = null;
  if (existsSync(path) && existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { key: string; info: T };
    if (accept(m.key)) hit = m.info;
  }
  return {
    path,
    hit,
    save: (info) => writeFileSync(marker, JSON.stringify({ key, info })),
    remove: () => {
      removeDb(path);
      rmSync(marker, { force: true });
    },
  };
}

/** Deletes a SQLite or DuckDB file with its journal files. */
export function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '.wal']) rmSync(path + suffix, { force: true });
}
