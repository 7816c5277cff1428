/** File-system failures in words, for the import's messages and the CLI's checks alike. */

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
