/** Checking the files given to `import` before anything is imported, with reasons in words. */
import { accessSync, constants, statSync } from 'node:fs';
import { fileErrorReason } from '../core/file-errors';

/** Why a path cannot be imported, or null when it is a readable regular file. */
export function unreadableReason(path: string): string | null {
  try {
    const info = statSync(path);
    if (info.isDirectory()) return 'is a folder, not a file';
    // Not FIFOs or devices either: the core's readers seek (positional reads).
    if (!info.isFile()) return 'is not a regular file (pipes and devices cannot be imported)';
    // stat only needs the folder's permission; reading needs the file's.
    accessSync(path, constants.R_OK);
    return null;
  } catch (err) {
    return fileErrorReason(err);
  }
}
