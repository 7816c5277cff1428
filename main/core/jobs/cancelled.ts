/**
 * The core's one cancellation error. Everything that stops because a job was cancelled (the
 * readers between chunks, the parser and writer threads between batches, the writer waiting for
 * the store's lock, a job cancelled while queued) throws this, and callers tell a cancel from a
 * failure with `isCancelled`. Its `code` is the contract's error code for it.
 */
export class CancelledError extends Error {
  readonly code = 'cancelled';

  constructor(message = 'Import cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function isCancelled(err: unknown): err is CancelledError {
  return err instanceof CancelledError;
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
