/**
 * Pulling a watched folder (ARCHITECTURE.md §11): each completely written file not seen before
 * is imported with its own import (one transaction each, so one bad file fails alone) and
 * recorded in `feed_files`, imported or failed; a failed file is listed, not retried until it
 * changes.
 */
import { formatBytes } from '../../../../common/format';
import type { ImportSummary } from '../../../../common/types';
import { displaySummary } from '../../import-sources';
import { CancelledError, throwIfCancelled } from '../../jobs/cancelled';
import type { ImportSources } from '../../types';
import { abortableSleep } from '../http';
import type { PullContext, PullOutcome, Puller } from '../pull-context';
import { mergeSummaries } from './merge-summaries';
import { sameVersion, scanFolder, type FolderEntry } from './scan';
import { recordSeenFile, unseenFiles } from './seen-files';

/** How long a file's size and mtime must stay unchanged before it counts as completely written. */
export const DEFAULT_SETTLE_MS = 2000;

export interface FolderPullOptions {
  settleMs?: number;
  /** Waits `ms` (tests make it instant); rejects with CancelledError on abort. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * The files of the folder not seen before and completely written: listed twice, `settleMs`
 * apart, and kept when neither size nor mtime changed in between.
 */
export async function readyUnseenFiles(
  context: Pick<PullContext, 'db' | 'feed' | 'signal'>,
  folder: string,
  options: FolderPullOptions = {},
): Promise<FolderEntry[]> {
  const first = unseenFiles(context.db, context.feed.id, await scanFolder(folder));
  if (first.length === 0) return [];
  await (options.sleep ?? abortableSleep)(options.settleMs ?? DEFAULT_SETTLE_MS, context.signal);
  const second = new Map((await scanFolder(folder)).map((e) => [e.name, e]));
  return first.filter((e) => {
    const now = second.get(e.name);
    return now !== undefined && sameVersion(now, e);
  });
}

/** Shows a file by its name (the folder is the feed's), never by the host path. */
function byName(entry: FolderEntry): ImportSources {
  return { resolve: (name) => name, display: (path) => (path === entry.path ? entry.name : path) };
}

export function makeFolderPuller(options: FolderPullOptions = {}): Puller {
  return async (ctx) => {
    const folder = String(ctx.feed.settings.path ?? '');
    const files = await readyUnseenFiles(ctx, folder, options);
    const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0);
    const summaries: ImportSummary[] = [];
    const outcome: PullOutcome = { pages: 0, events: 0, imported: 0, skipped: 0, from: null, to: null, notModified: false, files: 0, failedFiles: 0 };
    let bytesBefore = 0;
    for (const file of files) {
      throwIfCancelled(ctx.signal);
      // imported and skipped: what earlier files committed, so a cancelled pull is recorded with them.
      const done = { pages: 0, coveredTo: null, file: file.name, totalBytes, imported: outcome.imported, skipped: outcome.skipped };
      const eventsBefore = outcome.events;
      ctx.progress({ ...done, events: eventsBefore, bytes: bytesBefore, state: 'running' });
      const raw = await ctx.importFiles([file.path], {
        signal: ctx.signal,
        onProgress: (p) => ctx.progress({ ...done, events: eventsBefore + p.events, bytes: bytesBefore + p.bytes, state: p.state }),
      });
      // A cancelled file left the store as it was: not seen, so the next pull takes it.
      if (raw.cancelled) throw new CancelledError('Pull cancelled');
      const summary = displaySummary(byName(file), [file.path], raw);
      summaries.push(summary);
      bytesBefore += file.bytes;
      const result = summary.files[0];
      if (result?.status === 'failed') {
        outcome.failedFiles += 1;
        await recordSeenFile(ctx.db, ctx.feed.id, file, { status: 'failed', events: 0, error: result.error ?? 'the import failed' }, ctx.now());
      } else {
        outcome.files += 1;
        await recordSeenFile(ctx.db, ctx.feed.id, file, { status: 'imported', events: summary.records }, ctx.now());
      }
      outcome.events += summary.records;
      outcome.imported += summary.imported;
      outcome.skipped += summary.skipped;
    }
    return files.length === 0 ? outcome : { ...outcome, summary: mergeSummaries(summaries) };
  };
}

export const pullFolder: Puller = makeFolderPuller();

/** "3 event files waiting in /path (1.2 MB)", or the folder's trouble as ApiError('source_failed'). */
export async function testFolder(path: string): Promise<string> {
  const files = await scanFolder(path);
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  if (files.length === 0) return `No event files in ${path} yet; files dropped there will be imported`;
  return `${files.length} event file${files.length === 1 ? '' : 's'} in ${path} (${formatBytes(bytes)})`;
}
