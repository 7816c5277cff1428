/** Writing to stdout with backpressure, so `--all` over a million rows keeps memory flat. */
import type { Writable } from 'node:stream';

export function writeOut(text: string, stream: Writable = process.stdout): Promise<void> {
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve) => stream.once('drain', resolve));
}
