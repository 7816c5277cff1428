/**
 * Files the browser sends with `POST /api/upload`. A browser cannot name host paths, and the
 * host must not let a web page import arbitrary files, so uploads land in a private temp dir
 * and `imports.start` accepts only the ids handed out here. Each upload is claimed by at most
 * one job and deleted when that job finishes; everything left is deleted on shutdown.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

interface Upload {
  path: string;
  dir: string;
  claimedBy: string | null;
}

export interface UploadStore {
  /** Streams the request body to a new file; resolves with its upload id. */
  receive(req: IncomingMessage, name: string | null): Promise<string>;
  /** Host path of an unclaimed upload, or undefined. */
  pathOf(id: string): string | undefined;
  /** Reserves uploads for a job being started (`pending` until its id is known). */
  claim(ids: string[]): void;
  release(ids: string[]): void;
  attachJob(jobId: string, ids: string[]): void;
  /** Deletes the uploads of a finished job. */
  jobFinished(jobId: string): void;
  /** Replaces temp paths in a payload by the uploaded file names. */
  redact<T>(value: T): T;
  dispose(): Promise<void>;
}

const ID_RE = /^[0-9a-f]{32}$/;
const PENDING = '\0pending';

/** Keeps a file name only: no folders, no control characters, never `.` or `..`. */
export function sanitizeName(raw: string | null): string {
  const name = [...basename((raw ?? '').replace(/\\/g, '/'))]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .slice(-200);
  return name === '' || name === '.' || name === '..' ? 'upload' : name;
}

export async function createUploadStore(): Promise<UploadStore> {
  // mkdtemp creates the folder with mode 0700: other local users cannot read uploads.
  const root = await mkdtemp(join(tmpdir(), 'profile-desk-uploads-'));
  const uploads = new Map<string, Upload>();
  const jobs = new Map<string, string[]>();
  // A fast job may finish before imports.start returns its id; remember recent finishes.
  const finished = new Set<string>();
  const escaped = (root + sep).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const tempPathRe = new RegExp(`${escaped}[0-9a-f]{32}[/\\\\]`, 'g');

  const remove = (ids: string[]): void => {
    for (const id of ids) {
      const upload = uploads.get(id);
      if (!upload) continue;
      uploads.delete(id);
      void rm(upload.dir, { recursive: true, force: true }).catch(() => {});
    }
  };

  const redactDeep = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(tempPathRe, '');
    if (Array.isArray(value)) return value.map(redactDeep);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
    }
    return value;
  };

  return {
    async receive(req, name) {
      const id = randomBytes(16).toString('hex');
      const dir = join(root, id);
      const path = join(dir, sanitizeName(name));
      await mkdir(dir, { mode: 0o700 });
      try {
        await pipeline(req, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      } catch (err) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
      uploads.set(id, { path, dir, claimedBy: null });
      return id;
    },
    pathOf(id) {
      if (!ID_RE.test(id)) return undefined;
      const upload = uploads.get(id);
      return upload && upload.claimedBy === null ? upload.path : undefined;
    },
    claim(ids) {
      for (const id of ids) {
        const upload = uploads.get(id);
        if (upload) upload.claimedBy = PENDING;
      }
    },
    release(ids) {
      for (const id of ids) {
        const upload = uploads.get(id);
        if (upload) upload.claimedBy = null;
      }
    },
    attachJob(jobId, ids) {
      if (finished.has(jobId)) {
        remove(ids);
        return;
      }
      for (const id of ids) {
        const upload = uploads.get(id);
        if (upload) upload.claimedBy = jobId;
      }
      jobs.set(jobId, ids);
    },
    jobFinished(jobId) {
      const ids = jobs.get(jobId);
      if (ids) {
        jobs.delete(jobId);
        remove(ids);
        return;
      }
      finished.add(jobId);
      if (finished.size > 200) finished.delete(finished.values().next().value as string);
    },
    redact(value) {
      return redactDeep(value) as typeof value;
    },
    async dispose() {
      uploads.clear();
      jobs.clear();
      await rm(root, { recursive: true, force: true });
    },
  };
}
