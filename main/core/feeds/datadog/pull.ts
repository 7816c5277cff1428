/**
 * Pulls a Datadog feed (ARCHITECTURE.md §11), on the feed worker thread with a connection of
 * its own. Pages of the RUM Events API, oldest first, each folded by the import's own rules
 * (normalise + BatchBuilder, as for files) and committed in ONE transaction with the feed's
 * checkpoint: a crash, a kill, a cancel or an error leaves the store and the checkpoint at the
 * last committed page, and the next pull resumes there. The rules are idempotent (detail rows
 * keyed by their ids), so the overlap a resume or the lookback re-reads counts nothing twice.
 */
import type { DatadogSite } from '../../../../common/feeds';
import { parseTime } from '../../../../common/query';
import { ApiError } from '../../dispatcher';
import { BatchBuilder, type Batch } from '../../ingest/batch';
import { normalise } from '../../ingest/normalise';
import { MergeEffect, StoreWriter } from '../../ingest/writer';
import { CancelledError } from '../../jobs/cancelled';
import type { Db } from '../../store/open';
import { beginWrite } from '../../store/write-lock';
import type { PullOutcome, PullProgress } from '../pull-context';
import { afterPage, readCheckpoint, restartFrom, startingPoint, writeCheckpoint, type Checkpoint, type SearchWindow } from './checkpoint';
import { searchRumPage, type RumSearchPage } from './client';
import { datadogApiBase } from './sites';
import { STORE_WAIT, waitText } from '../http';

/** The API's largest page. */
export const PAGE_LIMIT = 1000;

export interface DatadogSettings {
  site: DatadogSite;
  baseUrl?: string;
  query: string;
  /** The first pull's start (ISO or relative, as saved). */
  from: string;
  lookbackMinutes: number;
}

export interface DatadogPullOptions {
  db: Db;
  feedId: number;
  /** The pull's `feed_runs` row, whose counts are committed with each page (a killed run shows what it committed). */
  runId: number;
  settings: DatadogSettings;
  keys: { apiKey: string; appKey: string };
  signal: AbortSignal;
  /** When the pull started (the host's clock): a fresh window ends there, and a relative start counts from it. */
  startedAt: number;
  now: () => number;
  onProgress: (p: PullProgress) => void;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** One page of API items as a batch, and the latest event time in it. */
export function pageBatch(items: unknown[]): { batch: Batch; latest: number | null } {
  const builder = new BatchBuilder();
  let latest: number | null = null;
  items.forEach((item, index) => {
    builder.records++;
    const result = normalise(item);
    if (result.kind === 'event') {
      builder.add(result.event);
      if (latest === null || result.event.time > latest) latest = result.event.time;
    } else if (result.kind === 'excluded') builder.excluded++;
    else builder.skipped.push({ file: 'Datadog', line: index + 1, reason: result.reason });
  });
  return { batch: builder.build(0), latest };
}

export async function pullDatadogFeed(o: DatadogPullOptions): Promise<PullOutcome> {
  const { db, feedId, settings, signal } = o;
  const base = datadogApiBase(settings.site, settings.baseUrl);
  const lookbackMs = settings.lookbackMinutes * 60_000;
  const firstFrom = parseTime(settings.from, o.startedAt);
  if (firstFrom === null) throw new ApiError('invalid_input', `feed.from: "${settings.from}" is not a time`);

  let checkpoint: Checkpoint = readCheckpoint(db, feedId);
  let { window, cursor } = startingPoint(checkpoint, firstFrom, lookbackMs, o.startedAt);
  const startedFrom = window.from;
  // An expired cursor is met once per pull: the window restarts from the committed high water.
  let restarted = false;
  const counts = { pages: 0, events: 0, imported: 0, skipped: 0 };
  let waiting = false;
  const progress = (state: 'running' | 'waiting', waitingFor?: string): void => {
    waiting = state === 'waiting';
    o.onProgress({ ...counts, coveredTo: checkpoint.highWater, coveredFrom: startedFrom, state, waitingFor, file: 'Datadog' });
  };
  progress('running');

  for (;;) {
    if (signal.aborted) throw new CancelledError('Pull cancelled');
    let page: RumSearchPage;
    try {
      page = await searchRumPage(
        base,
        o.keys,
        { query: settings.query, from: window.from, to: window.to },
        cursor,
        { signal, limit: PAGE_LIMIT, onWait: (wait) => progress('waiting', waitText(wait)) },
      );
    } catch (err) {
      if (signal.aborted) throw new CancelledError('Pull cancelled');
      if (cursor !== null && !restarted && err instanceof ApiError && err.code === 'bad_query') {
        restarted = true;
        window = { from: restartFrom(checkpoint, firstFrom, lookbackMs), to: o.now() };
        cursor = null;
        continue;
      }
      throw err;
    }
    if (waiting) progress('running');
    const next = page.items.length > 0 ? page.after : null;
    checkpoint = await commitPage(db, { feedId, runId: o.runId, startedFrom }, page.items, checkpoint, window, next, {
      cancelled: () => signal.aborted,
      onWaiting: () => progress('waiting', STORE_WAIT),
      counts,
    });
    progress('running');
    if (next === null) break;
    cursor = next;
  }
  return { ...counts, from: iso(startedFrom), to: iso(window.to), notModified: false, files: 0, failedFiles: 0 };
}

/**
 * Applies one page's events and moves the checkpoint past it, in one transaction (waiting for
 * another process's writer, as imports do). Returns the committed checkpoint.
 */
async function commitPage(
  db: Db,
  pull: { feedId: number; runId: number; startedFrom: number },
  items: unknown[],
  checkpoint: Checkpoint,
  window: SearchWindow,
  next: string | null,
  o: { cancelled: () => boolean; onWaiting: () => void; counts: { pages: number; events: number; imported: number; skipped: number } },
): Promise<Checkpoint> {
  const { batch, latest } = pageBatch(items);
  const after = afterPage(checkpoint, window, next, latest);
  await beginWrite(db, { cancelled: o.cancelled, onWaiting: o.onWaiting });
  try {
    const writer = new StoreWriter(db);
    const effect = new MergeEffect();
    writer.apply(batch, effect);
    writer.flush(effect);
    writeCheckpoint(db, pull.feedId, after);
    const c = o.counts;
    const counted = { pages: c.pages + 1, events: c.events + batch.records, imported: c.imported + batch.imported, skipped: c.skipped + batch.skipped.length };
    db.prepare('UPDATE feed_runs SET pages = ?, events = ?, imported = ?, skipped = ?, from_ms = ?, to_ms = ? WHERE id = ?').run(
      counted.pages,
      counted.events,
      counted.imported,
      counted.skipped,
      pull.startedFrom,
      after.highWater,
      pull.runId,
    );
    db.exec('COMMIT');
    Object.assign(c, counted);
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return after;
}
