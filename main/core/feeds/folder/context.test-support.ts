/**
 * For the url and folder pullers' tests: a temporary store with one feed row, and a PullContext
 * whose importFiles is the core's real import (worker threads, one transaction per file).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedKind } from '../../../../common/feeds';
import { runImport } from '../../ingest/run-import';
import { openStore, type Db } from '../../store/open';
import type { FeedRecord, PullContext, PullProgress } from '../pull-context';

export interface FeedTestStore {
  dir: string;
  dbPath: string;
  db: Db;
  feed: FeedRecord;
  /** Every progress a pull reported. */
  progress: PullProgress[];
  context(overrides?: Partial<PullContext>): PullContext;
  users(): string[];
  cleanup(): void;
}

export function feedTestStore(kind: FeedKind, settings: Record<string, string | number>): FeedTestStore {
  const dir = mkdtempSync(join(tmpdir(), 'profile-desk-feed-'));
  const dbPath = join(dir, 'profiles.db');
  const db = openStore(dbPath);
  const now = Date.now();
  const id = Number(
    db
      .prepare('INSERT INTO feeds (name, kind, settings, schedule, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('test feed', kind, JSON.stringify(settings), JSON.stringify('manual'), now, now).lastInsertRowid,
  );
  const feed: FeedRecord = { id, name: 'test feed', kind, settings, schedule: 'manual', paused: false, createdAt: now };
  const privateDir = join(dir, 'feeds');
  mkdirSync(privateDir, { mode: 0o700 });
  const progress: PullProgress[] = [];
  return {
    dir,
    dbPath,
    db,
    feed,
    progress,
    context: (overrides = {}) => ({
      feed,
      secrets: {},
      trigger: 'manual',
      runId: 0,
      db,
      dbPath,
      privateDir,
      signal: new AbortController().signal,
      now: Date.now,
      progress: (p) => progress.push(p),
      importFiles: (paths, options) => runImport({ dbPath, files: paths, signal: options.signal, onProgress: options.onProgress }),
      ...overrides,
    }),
    users: () => db.prepare('SELECT user_id FROM users ORDER BY user_id').pluck().all() as string[],
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const T0 = Date.UTC(2025, 2, 1, 12, 0, 0);

/** NDJSON of one view event per user (`u1`, `u2`, …), a minute apart. */
export function ndjsonOfUsers(ids: string[]): string {
  return (
    ids
      .map((id, i) =>
        JSON.stringify({
          type: 'view',
          date: T0 + i * 60_000,
          application: { id: 'app-1' },
          session: { id: `s-${id}`, type: 'user' },
          view: { id: `v-${id}`, url: `https://app.example.com/${id}` },
          usr: { id },
        }),
      )
      .join('\n') + '\n'
  );
}
