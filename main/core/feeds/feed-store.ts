/**
 * Saved feeds and their pull history (ARCHITECTURE.md §11). Non-secret settings are stored as
 * JSON; the secrets (`apiKey`, `appKey`, `header:<Name>`) only sealed by the host's cipher, the
 * one connections use. Clients get FeedInfo (handlers/feeds.ts), which names the secrets that
 * are set and never holds one.
 */
import { isAbsolute } from 'node:path';
import type { Schedule } from '../../../common/attributes';
import type { FeedDefinition, FeedKind, FeedRun, FeedTrigger } from '../../../common/feeds';
import { parseTime } from '../../../common/query';
import { isAlive } from '../attributes/sync';
import { ApiError } from '../dispatcher';
import type { SecretCipher } from '../secrets/secrets';
import type { Db } from '../store/open';
import type { FeedRecord, PullOutcome } from './pull-context';

interface FeedRow {
  id: number;
  name: string;
  kind: FeedKind;
  settings: string;
  secrets: string | null;
  schedule: string;
  paused: number;
  cursor: string | null;
  high_water: number | null;
  covered_from: number | null;
  created_at: number;
}

interface RunRow {
  id: number;
  trigger: FeedTrigger;
  status: FeedRun['status'];
  started_at: number;
  finished_at: number | null;
  duration_ms: number | null;
  pages: number;
  events: number;
  imported: number;
  skipped: number;
  from_ms: number | null;
  to_ms: number | null;
  not_modified: number;
  files: number;
  failed_files: number;
  error: string | null;
}

/** A checked feed, ready to be written (inside the write lock). */
export interface PreparedFeed {
  current: FeedRecord | undefined;
  name: string;
  kind: FeedKind;
  settings: Record<string, string | number>;
  secrets: Record<string, string>;
  schedule: Schedule;
  paused: boolean;
}

/** How far a feed's pulls have got, for FeedInfo. */
export interface FeedState {
  coveredFrom: number | null;
  highWater: number | null;
  resumable: boolean;
}

export const HEADER_SECRET = 'header:';

const invalid = (field: string, message: string): ApiError => new ApiError('invalid_input', `${field}: ${message}`, { field });

/** Settings that decide which events a pull reads: changing one starts the feed over. */
const SEARCH_SETTINGS: Record<FeedKind, string[]> = { datadog: ['site', 'baseUrl', 'query'], url: ['url'], folder: ['path'] };

export class FeedStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: SecretCipher,
    private readonly now: () => number,
  ) {}

  list(): FeedRecord[] {
    return (this.db.prepare('SELECT * FROM feeds ORDER BY name COLLATE NOCASE').all() as FeedRow[]).map(toRecord);
  }

  find(name: string): FeedRecord | undefined {
    const row = this.db.prepare('SELECT * FROM feeds WHERE name = ? COLLATE NOCASE').get(name) as FeedRow | undefined;
    return row && toRecord(row);
  }

  byId(id: number): FeedRecord | undefined {
    const row = this.db.prepare('SELECT * FROM feeds WHERE id = ?').get(id) as FeedRow | undefined;
    return row && toRecord(row);
  }

  get(name: string): FeedRecord {
    const feed = this.find(name);
    if (!feed) throw new ApiError('not_found', `No feed named "${name}"`, { name });
    return feed;
  }

  state(id: number): FeedState {
    const row = this.db.prepare('SELECT cursor, high_water, covered_from FROM feeds WHERE id = ?').get(id) as FeedRow | undefined;
    return { coveredFrom: row?.covered_from ?? null, highWater: row?.high_water ?? null, resumable: (row?.cursor ?? null) !== null };
  }

  /** The feed's secrets, opened (for a pull or a test on the host thread; never for a client). */
  secretsOf(feed: FeedRecord): Record<string, string> {
    const sealed = this.db.prepare('SELECT secrets FROM feeds WHERE id = ?').pluck().get(feed.id) as string | null | undefined;
    if (!sealed) return {};
    try {
      return JSON.parse(this.cipher.decrypt(sealed)) as Record<string, string>;
    } catch (err) {
      throw new ApiError('auth_failed', `The saved secrets of the feed "${feed.name}" can't be opened on this machine (${(err as Error).message}): enter them again`);
    }
  }

  /** Which secrets are set, by name only; none when they can't be opened here. */
  secretNames(feed: FeedRecord): string[] {
    try {
      return Object.keys(this.secretsOf(feed)).sort();
    } catch {
      return [];
    }
  }

  /**
   * Checks a new or edited feed (`current`: its saved name); an edit keeps the secrets left out
   * (a url feed's headers: given, they replace them all). Does not check the name is free: `write` does.
   */
  prepare(def: FeedDefinition, currentName?: string): PreparedFeed {
    const current = currentName === undefined ? undefined : this.get(currentName);
    if (current && current.kind !== def.kind) throw invalid('feed.kind', `"${current.name}" is a ${current.kind} feed; it can't become a ${def.kind} feed`);
    const kept = current ? this.secretsOf(current) : {};
    const base = { current, name: def.name, kind: def.kind, schedule: def.schedule, paused: def.paused };
    switch (def.kind) {
      case 'datadog': {
        if (parseTime(def.from, this.now()) === null) {
          throw invalid('feed.from', `"${def.from}" is not a time (try 2025-03-01, 2025-03-01T12:00:00Z or now-7d)`);
        }
        const secrets = { apiKey: def.apiKey ?? kept.apiKey, appKey: def.appKey ?? kept.appKey };
        if (!secrets.apiKey) throw invalid('feed.apiKey', 'a Datadog feed needs an API key');
        if (!secrets.appKey) throw invalid('feed.appKey', 'a Datadog feed needs an application key (with rum_apps_read)');
        const settings: Record<string, string | number> = { site: def.site, query: def.query, from: def.from, lookbackMinutes: def.lookbackMinutes };
        if (def.baseUrl) settings.baseUrl = def.baseUrl;
        return { ...base, settings, secrets: secrets as Record<string, string> };
      }
      case 'url': {
        const secrets = def.headers
          ? Object.fromEntries(Object.entries(def.headers).map(([name, value]) => [`${HEADER_SECRET}${name}`, value]))
          : Object.fromEntries(Object.entries(kept).filter(([k]) => k.startsWith(HEADER_SECRET)));
        return { ...base, settings: { url: def.url }, secrets };
      }
      case 'folder':
        if (!isAbsolute(def.path)) throw invalid('feed.path', `"${def.path}" is not an absolute folder path`);
        return { ...base, settings: { path: def.path }, secrets: {} };
    }
  }

  /** Inserts or updates a prepared feed. Call inside the write lock. */
  write(p: PreparedFeed): FeedRecord {
    const clash = this.find(p.name);
    if (clash && clash.id !== p.current?.id) throw invalid('feed.name', `a feed named "${clash.name}" exists already`);
    const sealed = Object.keys(p.secrets).length ? this.cipher.encrypt(JSON.stringify(p.secrets)) : null;
    const at = this.now();
    const values = [p.name, JSON.stringify(p.settings), sealed, JSON.stringify(p.schedule), p.paused ? 1 : 0];
    if (p.current) {
      this.db.prepare('UPDATE feeds SET name = ?, settings = ?, secrets = ?, schedule = ?, paused = ?, updated_at = ? WHERE id = ?').run(...values, at, p.current.id);
      const was = p.current.settings;
      if (SEARCH_SETTINGS[p.kind].some((key) => was[key] !== p.settings[key])) this.startOver(p.current.id);
      return this.byId(p.current.id)!;
    }
    const id = this.db
      .prepare('INSERT INTO feeds (name, kind, settings, secrets, schedule, paused, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(p.name, p.kind, ...values.slice(1), at, at).lastInsertRowid;
    return this.byId(Number(id))!;
  }

  /** Another query or place: the old checkpoint and validators describe other events. */
  private startOver(id: number): void {
    this.db
      .prepare(
        `UPDATE feeds SET cursor = NULL, window_from = NULL, window_to = NULL, high_water = NULL, covered_from = NULL,
         etag = NULL, last_modified = NULL, content_hash = NULL WHERE id = ?`,
      )
      .run(id);
  }

  /** Call inside the write lock. */
  setPaused(id: number, paused: boolean): void {
    this.db.prepare('UPDATE feeds SET paused = ?, updated_at = ? WHERE id = ?').run(paused ? 1 : 0, this.now(), id);
  }

  /** Removes a feed with its history and seen files (the profiles it imported stay). Call inside the write lock. */
  remove(id: number): void {
    this.db.prepare('DELETE FROM feed_files WHERE feed_id = ?').run(id);
    this.db.prepare('DELETE FROM feed_runs WHERE feed_id = ?').run(id);
    this.db.prepare('DELETE FROM feeds WHERE id = ?').run(id);
  }

  /** Call inside the write lock. */
  startRun(feedId: number, trigger: FeedTrigger): number {
    return Number(
      this.db
        .prepare(`INSERT INTO feed_runs (feed_id, trigger, status, started_at, pid) VALUES (?, ?, 'running', ?, ?)`)
        .run(feedId, trigger, this.now(), process.pid).lastInsertRowid,
    );
  }

  /** Records how a run ended, with what it did (a failed or cancelled one: as far as it got). Call inside the write lock. */
  finishRun(runId: number, status: 'ok' | 'failed' | 'cancelled', outcome: PullOutcome, error: string | null): void {
    const at = this.now();
    this.db
      .prepare(
        `UPDATE feed_runs SET status = ?, finished_at = ?, duration_ms = ? - started_at, pages = ?, events = ?, imported = ?, skipped = ?,
         from_ms = ?, to_ms = ?, not_modified = ?, files = ?, failed_files = ?, error = ?, report = ? WHERE id = ?`,
      )
      .run(
        status,
        at,
        at,
        outcome.pages,
        outcome.events,
        outcome.imported,
        outcome.skipped,
        isoToMs(outcome.from),
        isoToMs(outcome.to),
        outcome.notModified ? 1 : 0,
        outcome.files,
        outcome.failedFiles,
        error,
        outcome.summary ? JSON.stringify(outcome.summary) : null,
        runId,
      );
  }

  run(runId: number): FeedRun | null {
    const row = this.db.prepare('SELECT * FROM feed_runs WHERE id = ?').get(runId) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  runs(feedId: number, limit: number): FeedRun[] {
    return feedRuns(this.db, feedId, limit);
  }

  lastRun(feedId: number): FeedRun | null {
    return this.runs(feedId, 1)[0] ?? null;
  }
}

/** A feed's pulls, newest first (also read by the folder watcher, which has no FeedStore). */
export function feedRuns(db: Db, feedId: number, limit: number): FeedRun[] {
  const rows = db.prepare('SELECT * FROM feed_runs WHERE feed_id = ? ORDER BY started_at DESC, id DESC LIMIT ?').all(feedId, limit) as RunRow[];
  return rows.map(toRun);
}

/**
 * Runs left 'running' by a process that is gone (killed mid-pull) are marked failed; their
 * feed's checkpoint stays, so the next pull resumes. Call inside the write lock.
 */
export function sweepInterruptedPulls(db: Db, now: number): void {
  const runs = db.prepare(`SELECT id, pid FROM feed_runs WHERE status = 'running'`).all() as Array<{ id: number; pid: number | null }>;
  for (const run of runs) {
    if (run.pid === process.pid || (run.pid !== null && isAlive(run.pid))) continue;
    db.prepare(`UPDATE feed_runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ?`).run(
      now,
      'Interrupted: the app or the command running it stopped (the next pull resumes where it was)',
      run.id,
    );
  }
}

function toRecord(row: FeedRow): FeedRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    settings: JSON.parse(row.settings) as Record<string, string | number>,
    schedule: JSON.parse(row.schedule) as Schedule,
    paused: row.paused === 1,
    createdAt: row.created_at,
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const isoToMs = (text: string | null): number | null => (text === null ? null : Date.parse(text));

function toRun(r: RunRow): FeedRun {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    durationMs: r.duration_ms,
    pages: r.pages,
    events: r.events,
    imported: r.imported,
    skipped: r.skipped,
    from: iso(r.from_ms),
    to: iso(r.to_ms),
    notModified: r.not_modified === 1,
    files: r.files,
    failedFiles: r.failed_files,
    error: r.error,
  };
}
