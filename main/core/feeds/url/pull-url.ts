/**
 * Pulling a url feed (ARCHITECTURE.md §11): a conditional GET (the validators of the content
 * imported last), the body downloaded to a private file, and imported like a file unless the
 * server said 304 or sent the very bytes imported last time.
 */
import { rm } from 'node:fs/promises';
import { HEADER_SECRET } from '../feed-store';
import { waitText } from '../http';
import { ApiError } from '../../dispatcher';
import { displaySummary } from '../../import-sources';
import { CancelledError } from '../../jobs/cancelled';
import type { PullOutcome, Puller } from '../pull-context';
import { downloadBody } from './download';
import { displayUrl, getFeedUrl, type RequestOptions } from './request';
import { conditionalHeaders, readValidators, saveValidators } from './validators';

const NOTHING: PullOutcome = { pages: 0, events: 0, imported: 0, skipped: 0, from: null, to: null, notModified: false, files: 0, failedFiles: 0 };

/** The feed's headers, from its secrets `header:<Name>`. */
export function headersOf(secrets: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(secrets)) if (key.startsWith(HEADER_SECRET)) headers[key.slice(HEADER_SECRET.length)] = value;
  return headers;
}

export function makeUrlPuller(options: RequestOptions = {}): Puller {
  return async (ctx) => {
    const url = String(ctx.feed.settings.url ?? '');
    const shown = displayUrl(url);
    const before = readValidators(ctx.db, ctx.feed.id);
    const base = { events: 0, pages: 0, coveredTo: null, file: shown };
    const response = await getFeedUrl(url, { secret: headersOf(ctx.secrets), conditional: conditionalHeaders(before) }, ctx.signal, {
      ...options,
      onWait: (wait) => {
        ctx.progress({ ...base, state: 'waiting', waitingFor: waitText(wait) });
        options.onWait?.(wait);
      },
    });
    if (response.status === 304) return { ...NOTHING, notModified: true };

    const totalBytes = Number(response.headers.get('content-length')) || 0;
    const after = {
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
    const download = await downloadBody(response, ctx.privateDir, {
      signal: ctx.signal,
      shown,
      onBytes: (bytes) => ctx.progress({ ...base, bytes, totalBytes, state: 'running' }),
    });
    try {
      if (download.sha256 === before.contentHash) {
        // The same bytes as last time: already imported. The new validators save the next download.
        await saveValidators(ctx.db, ctx.feed.id, { ...after, contentHash: download.sha256 });
        return { ...NOTHING, notModified: true };
      }
      if (download.bytes === 0) {
        // An export with nothing in it yet (the importer would call an empty file no event file).
        await saveValidators(ctx.db, ctx.feed.id, { ...after, contentHash: download.sha256 });
        return { ...NOTHING, pages: 1 };
      }
      const raw = await ctx.importFiles([download.path], {
        signal: ctx.signal,
        onProgress: (p) => ctx.progress({ ...base, events: p.events, bytes: p.bytes, totalBytes: p.totalBytes, state: p.state }),
      });
      if (raw.cancelled) throw new CancelledError('Pull cancelled');
      const summary = displaySummary({ resolve: (name) => name, display: (path) => (path === download.path ? shown : path) }, [download.path], raw);
      const file = summary.files[0];
      if (file?.status === 'failed') throw new ApiError('source_failed', file.error ?? `${shown}: the import failed`);
      // Saved only now that the import has committed. A crash in between means the next pull
      // downloads and imports the same events again, which the idempotent profile rules make
      // harmless; saving first could lose them.
      await saveValidators(ctx.db, ctx.feed.id, { ...after, contentHash: download.sha256 });
      return { ...NOTHING, pages: 1, events: summary.records, imported: summary.imported, skipped: summary.skipped, summary };
    } finally {
      await rm(download.path, { force: true });
    }
  };
}

export const pullUrl: Puller = makeUrlPuller();

export { testUrl } from './probe';
