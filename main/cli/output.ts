/** Writing to stdout with backpressure, and messages to stderr. */
import type { Writable } from 'node:stream';

/** `profile-desk: ` before every error line, so it stands out when mixed with other tools' output. */
export const ERROR_PREFIX = 'profile-desk: ';

/** Writes to stdout, waiting when the pipe is full, so `--all` over a million rows keeps memory flat. */
export function writeOut(text: string, stream: Writable = process.stdout): Promise<void> {
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve) => stream.once('drain', resolve));
}

/** One line on stderr, prefixed as an error unless another prefix is given. */
export function writeErr(line: string, prefix = ERROR_PREFIX, stream: Writable = process.stderr): void {
  stream.write(`${prefix}${line}\n`);
}
