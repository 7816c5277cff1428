/**
 * What a watched folder holds that could be imported: its regular files (not recursive) whose
 * names don't mark them as hidden or still being written by a browser, a copy tool or an editor.
 * Whether a candidate is completely written is decided by watching its size and mtime
 * (settle-tracker.ts for the watcher, pull-folder.ts for a pull).
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../dispatcher';

/** One version of a file: a file that changes (size or mtime) is a new version, seen anew. */
export interface FolderEntry {
  name: string;
  path: string;
  bytes: number;
  /** Whole milliseconds, as kept in `feed_files.mtime_ms`. */
  mtimeMs: number;
}

/** Suffixes of files still being written (downloads, copies, editors' backups). */
const IN_PROGRESS_SUFFIXES = ['.part', '.tmp', '.crdownload', '.download', '~'];

export function isCandidateName(name: string): boolean {
  if (name.startsWith('.')) return false;
  const lower = name.toLowerCase();
  return !IN_PROGRESS_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

export function sameVersion(a: Pick<FolderEntry, 'bytes' | 'mtimeMs'>, b: Pick<FolderEntry, 'bytes' | 'mtimeMs'>): boolean {
  return a.bytes === b.bytes && a.mtimeMs === b.mtimeMs;
}

/** The folder's trouble in one line, naming it. */
export function folderError(folder: string, err: unknown): ApiError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new ApiError('source_failed', `The folder ${folder} does not exist (was it moved or removed?)`);
    case 'ENOTDIR':
      return new ApiError('source_failed', `${folder} is not a folder`);
    case 'EACCES':
    case 'EPERM':
      return new ApiError('source_failed', `The folder ${folder} cannot be read (permission denied)`);
    default:
      return new ApiError('source_failed', `The folder ${folder} cannot be read (${code ?? String(err)})`);
  }
}

/**
 * The folder's candidate files, by name. Throws ApiError('source_failed') when the folder is
 * missing, not a folder or unreadable. Files that vanish while being listed are left out.
 */
export async function scanFolder(folder: string): Promise<FolderEntry[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (err) {
    throw folderError(folder, err);
  }
  const found: FolderEntry[] = [];
  for (const entry of entries) {
    // Links are followed (a link to a regular file is one); folders, sockets and pipes are not files.
    if (!(entry.isFile() || entry.isSymbolicLink()) || !isCandidateName(entry.name)) continue;
    const path = join(folder, entry.name);
    try {
      const info = await stat(path);
      if (info.isFile()) found.push({ name: entry.name, path, bytes: info.size, mtimeMs: Math.trunc(info.mtimeMs) });
    } catch {
      // Removed or renamed since the listing (a writer moving `x.part` to `x`): the next scan sees it.
    }
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

