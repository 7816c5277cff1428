/**
 * Files the browser sends with `POST /api/upload`. A browser cannot name host paths, and the
 * host must not let a web page import arbitrary files, so uploads land in a private temp folder
 * and the store is the core's `ImportSources`: `imports.start` accepts only the ids handed out
 * here. Each upload is claimed by at most one job and deleted when that job finishes;
 * everything left is deleted on shutdown, and by the next start when the host was killed.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { MAX_IMPORT_PATHS } from '../../common/contract';
import { formatSize } from './size';
import { ApiError } from '../core/dispatcher';
import type { ImportSources } from '../core/types';
import { OWNER_FILE, UPLOADS_PREFIX, removeOrphanedUploads } from './upload-orphans';

/** 20 GB: bigger than any export an analyst pulls, small enough to stop a runaway disk fill. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1000 ** 3;

export interface UploadOptions {
  /** Folder the uploads folder is made in; the system temp folder by default. */
  parent?: string;
  /** Largest single upload (default 20 GB). */
  maxBytes?: number;
  /**
   * Uploads received but not yet claimed by an import. The renderer uploads every dropped file
   * before one `imports.start`, so the default is what one call may take.
   */
  maxWaiting?: number;
}

/** A refused upload, with the HTTP status that says why. */
export class UploadRefused extends Error {
  constructor(
    readonly status: 413 | 429,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

/** The client stopped sending before the end of the file (a cancelled upload). */
export class UploadInterrupted extends Error {}

export interface UploadStore extends ImportSources {
  /** Streams the request body to a new file; resolves with its upload id. Throws UploadRefused. */
  receive(req: IncomingMessage, name: string | null): Promise<string>;
  dispose(): Promise<void>;
}

interface Upload {
  path: string;
  dir: string;
  claimed: boolean;
}

const ID_RE = /^[0-9a-f]{32}$/;

/** Keeps a file name only: no folders, no control characters, never `.` or `..`. */
export function sanitizeName(raw: string | null): string {
  const name = [...basename((raw ?? '').replace(/\\/g, '/'))]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .slice(-200);
  return name === '' || name === '.' || name === '..' ? 'upload' : name;
}

export async function createUploadStore(options: UploadOptions = {}): Promise<UploadStore> {
  const parent = options.parent ?? tmpdir();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const maxWaiting = options.maxWaiting ?? MAX_IMPORT_PATHS;
  await removeOrphanedUploads(parent);
  // mkdtemp creates the folder with mode 0700: other local users cannot read uploads.
  const root = await mkdtemp(join(parent, UPLOADS_PREFIX));
  // The next start removes this folder if this process dies without cleaning up.
  await writeFile(join(root, OWNER_FILE), String(process.pid), { mode: 0o600 });
  const uploads = new Map<string, Upload>();
  const byPath = new Map<string, string>();
  let receiving = 0;

  const waiting = (): number => receiving + [...uploads.values()].filter((u) => !u.claimed).length;
  const remove = (id: string): void => {
    const upload = uploads.get(id);
    if (!upload) return;
    uploads.delete(id);
    byPath.delete(upload.path);
    void rm(upload.dir, { recursive: true, force: true }).catch(() => {});
  };
  const idsOf = (paths: string[]): string[] =>
    paths.map((p) => byPath.get(p)).filter((id): id is string => id !== undefined);

  return {
    async receive(req, name) {
      if (waiting() >= maxWaiting) {
        throw new UploadRefused(429, `At most ${maxWaiting} uploaded files can wait for an import; import or reload first`);
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBytes) throw tooLarge(maxBytes);
      const id = randomBytes(16).toString('hex');
      const dir = join(root, id);
      const path = join(dir, sanitizeName(name));
      receiving++;
      try {
        await mkdir(dir, { mode: 0o700 });
        await writeBody(req, path, maxBytes);
      } catch (err) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      } finally {
        receiving--;
      }
      uploads.set(id, { path, dir, claimed: false });
      byPath.set(path, id);
      return id;
    },
    temporary: true,
    resolve(name) {
      const upload = ID_RE.test(name) ? uploads.get(name) : undefined;
      if (!upload || upload.claimed) {
        throw new ApiError(
          'invalid_input',
          `Invalid input for imports.start: ${JSON.stringify(name.slice(0, 80))} is not an unused upload id ` +
            '(in the browser, files are sent with POST /api/upload first)',
        );
      }
      upload.claimed = true;
      return upload.path;
    },
    watchFolder() {
      throw new ApiError(
        'forbidden',
        'A web page cannot name folders on this computer: add watched folders in the app, or with `profile-desk feeds add`',
      );
    },
    display(path) {
      // Upload paths end in <root>/<id>/<file name>: the file name is what the user chose.
      return dirname(dirname(path)) === root ? basename(path) : path;
    },
    release(paths) {
      for (const id of idsOf(paths)) uploads.get(id)!.claimed = false;
    },
    finished(paths) {
      for (const id of idsOf(paths)) remove(id);
    },
    async dispose() {
      uploads.clear();
      byPath.clear();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function tooLarge(maxBytes: number): UploadRefused {
  return new UploadRefused(413, `The file is larger than the upload limit (${formatSize(maxBytes)}; serve --max-upload raises it)`);
}

/**
 * Writes the body to `path`, refusing more than `maxBytes`. The request is not destroyed on
 * refusal (that would cut the socket before the 413 is sent); the rest of it is discarded and
 * the response closes the connection.
 */
function writeBody(req: IncomingMessage, path: string, maxBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let failed = false;
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      req.unpipe(out);
      req.resume();
      out.destroy();
      // The partial file is deleted by the caller; wait until it is closed (Windows).
      if (out.closed) reject(err);
      else out.once('close', () => reject(err));
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(tooLarge(maxBytes));
    });
    req.on('error', fail);
    req.on('close', () => {
      if (!req.complete) fail(new UploadInterrupted('The upload was interrupted'));
    });
    out.on('error', fail);
    out.on('finish', () => {
      if (!failed) resolve();
    });
    req.pipe(out);
  });
}

