// Errors shared by the readers. Kept apart from index.ts so every module can import them
// without an import cycle through the public entry point.

import { safeMessage } from './excerpt';
import { fileErrorReason } from '../../file-errors';

/**
 * The file as a whole cannot be read as RUM events (not JSON, binary, empty, corrupt gzip,
 * missing). `line` is the 1-based line the problem was found on, or 0 when it concerns the
 * whole file (missing file, corrupt gzip stream, empty file).
 */
export class NotEventsError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'NotEventsError';
  }
}

/**
 * Error reasons end up in import reports: keep them to one short line, with any text of the
 * file they quote escaped and short (see excerpt.ts).
 */
export function shortReason(prefix: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const oneLine = safeMessage(msg).replace(/\s+/g, ' ');
  return `${prefix}: ${oneLine.length > 160 ? `${oneLine.slice(0, 157)}...` : oneLine}`;
}

/** Maps fs open/read failures to messages an analyst can act on. */
export function fileError(file: string, err: unknown): NotEventsError {
  return new NotEventsError(file, 0, `${file}: ${fileErrorReason(err)}`);
}
