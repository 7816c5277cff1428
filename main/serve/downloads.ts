/**
 * Exports in the browser host. A web page cannot name host files, so `exports.start` accepts
 * only the target `download` (or `download:NAME.csv`): the core writes into a private temp
 * folder, and the file is then fetched once with `GET /api/download/<id>` and deleted. A
 * failed or cancelled export is deleted at once; everything left is deleted on shutdown, and by
 * the next start when the host was killed.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../core/dispatcher';
import type { ExportDestination, ExportTargets } from '../core/types';
import { sendError } from './http';
import { DOWNLOADS_PREFIX, OWNER_FILE, removeOrphanedUploads } from './upload-orphans';
import { sanitizeName } from './uploads';

export const DOWNLOAD_TARGET = 'download';
const DEFAULT_NAME = 'export.csv';
const ID_RE = /^[0-9a-f]{32}$/;

interface Download {
  path: string;
  dir: string;
  name: string;
  /** The export has finished and written the file; until then there is nothing to send. */
  ready: boolean;
}

export interface DownloadStore extends ExportTargets {
  /** Answers `GET /api/download/<id>` (the token already checked): the file once, then deleted. */
  send(res: ServerResponse, id: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * `Content-Disposition` for a file name (RFC 6266): a plain ASCII `filename` for old clients,
 * and `filename*` in UTF-8 percent-encoding when the name has anything else.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  if (fallback === name) return `attachment; filename="${name}"`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The file name a target asks for, `export.csv` when it names none. Throws for other targets. */
export function downloadName(target: string): string {
  if (target === DOWNLOAD_TARGET) return DEFAULT_NAME;
  if (target.startsWith(`${DOWNLOAD_TARGET}:`)) {
    const name = sanitizeName(target.slice(DOWNLOAD_TARGET.length + 1));
    return name === 'upload' ? DEFAULT_NAME : name;
  }
  throw new ApiError('forbidden', 'The browser host exports only as downloads (target "download" or "download:NAME.csv")');
}

export async function createDownloadStore(options: { parent?: string } = {}): Promise<DownloadStore> {
  const parent = options.parent ?? tmpdir();
  await removeOrphanedUploads(parent, Date.now(), DOWNLOADS_PREFIX);
  // mode 0700: other local users cannot read the exports.
  const root = await mkdtemp(join(parent, DOWNLOADS_PREFIX));
  await writeFile(join(root, OWNER_FILE), String(process.pid), { mode: 0o600 });
  const downloads = new Map<string, Download>();
  let disposed = false;

  const remove = (id: string): void => {
    const download = downloads.get(id);
    if (!download) return;
    downloads.delete(id);
    void rm(download.dir, { recursive: true, force: true }).catch(() => {});
  };

  return {
    open(target) {
      const name = downloadName(target);
      if (disposed) throw new ApiError('forbidden', 'The browser host is shutting down');
      const id = randomBytes(16).toString('hex');
      const dir = join(root, id);
      // Synchronous: open returns the destination the core writes to at once.
      mkdirSync(dir, { mode: 0o700 });
      // The file on disk has a fixed name: the user's name travels only in the header.
      const download: Download = { path: join(dir, 'export.csv'), dir, name, ready: false };
      downloads.set(id, download);
      return { path: download.path, display: name, download: id };
    },
    finished(destination: ExportDestination, ok) {
      const id = destination.download;
      const download = id === undefined ? undefined : downloads.get(id);
      if (!download) return;
      if (ok) download.ready = true;
      else remove(id!);
    },
    async send(res, id) {
      const download = ID_RE.test(id) ? downloads.get(id) : undefined;
      if (!download || !download.ready) {
        return sendError(res, 404, 'not_found', 'No such download (each export is downloaded once)');
      }
      // One download per export: a second request for it finds nothing.
      downloads.delete(id);
      try {
        const size = (await stat(download.path)).size;
        res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Length': size,
          'Content-Disposition': contentDisposition(download.name),
          'Cache-Control': 'no-store',
        });
        await pipeline(createReadStream(download.path), res);
      } finally {
        await rm(download.dir, { recursive: true, force: true }).catch(() => {});
      }
    },
    async dispose() {
      disposed = true;
      downloads.clear();
      await rm(root, { recursive: true, force: true });
    },
  };
}
