/** Checking the files given to `import` before anything is imported, with reasons in words. */
import { accessSync, constants, statSync } from 'node:fs';

/** What a failed stat or access means for someone who typed the path. */
export function fileErrorReason(err: unknown): string {
  const { code, message } = (err ?? {}) as NodeJS.ErrnoException;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'no such file (a part of the path is a file, not a folder)';
    case 'ELOOP':
      return 'too many symbolic links (a link loop?)';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return `cannot read it (${code ?? (message || String(err))})`;
  }
}

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
