/**
 * A url feed's response body, streamed to a private file (the import reads files) and hashed as
 * it goes. Written as `.part` and renamed when complete, so a crash never leaves a file that
 * looks whole. fetch has already undone a `Content-Encoding: gzip`; a gzip body served as is
 * (`events.ndjson.gz`) stays gzip, and the readers recognise it by its magic bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ApiError } from '../../dispatcher';
import { CancelledError } from '../../jobs/cancelled';

export interface Download {
  path: string;
  bytes: number;
  /** sha256 of the bytes, hex. */
  sha256: string;
}

export async function downloadBody(
  response: Response,
  privateDir: string,
  options: { signal: AbortSignal; shown: string; onBytes?: (bytes: number) => void },
): Promise<Download> {
  mkdirSync(privateDir, { recursive: true, mode: 0o700 });
  const base = join(privateDir, `url-${randomUUID()}`);
  const part = `${base}.part`;
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      options.onBytes?.(bytes);
      done(null, chunk);
    },
  });
  try {
    const body = response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([]);
    await pipeline(body, meter, createWriteStream(part, { flags: 'wx', mode: 0o600 }), { signal: options.signal });
    const path = `${base}.events`;
    await rename(part, path);
    return { path, bytes, sha256: hash.digest('hex') };
  } catch (err) {
    await rm(part, { force: true });
    if (options.signal.aborted) throw new CancelledError('Pull cancelled');
    if (err instanceof ApiError) throw err;
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ApiError('source_failed', `${options.shown}: the download broke off after ${bytes} bytes (${reason})`);
  }
}
