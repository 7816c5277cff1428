/**
 * The feeds' one HTTP request: Node's global fetch (undici) with the retries a pulled feed needs.
 * - 429: waited out (X-RateLimit-Reset seconds, as Datadog sends; else Retry-After; else
 *   backoff), up to `maxRateLimitWaits` times: a rate limit is normal traffic, not a failure.
 * - 5xx, network errors and per-attempt timeouts: retried `retries` times with jittered
 *   exponential backoff, then an HttpError saying what happened.
 * - Any other status is returned: the caller decides about 4xx.
 * - An abort (the job's cancel) rejects with CancelledError, also during a wait.
 * Errors name the host only: a URL's query string or a header may hold a secret.
 * Requests are replayed as they are, so `init.body` must be replayable (a string or bytes).
 */
import { CancelledError } from '../jobs/cancelled';

export interface HttpWait {
  reason: 'rate_limited' | 'server_error' | 'network' | 'timeout';
  waitMs: number;
  /** 1 for the first wait of its kind (rate limits and failures are counted apart). */
  attempt: number;
}

export interface HttpOptions {
  signal: AbortSignal;
  /** Retries of 5xx and network errors, with exponential backoff from baseDelayMs (default 4 retries, 1000 ms, jittered). 429s are waited out (X-RateLimit-Reset seconds, else Retry-After, else backoff) up to maxRateLimitWaits (default 20) times. */
  retries?: number;
  baseDelayMs?: number;
  maxRateLimitWaits?: number;
  /** Per-attempt timeout until the response's headers arrive (default 60 s); the body is the caller's to read. */
  timeoutMs?: number;
  /**
   * The timeout also covers reading the body (a page that must come whole): when it fires, the
   * body's read rejects and the caller may retry. Off by default: a large download may take longer.
   */
  timeoutIncludesBody?: boolean;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onWait?: (wait: HttpWait) => void;
  /** Jitter's source, [0, 1) (tests). */
  random?: () => number;
}

/** Retries exhausted, or the server could not be reached. `status` is the last HTTP status, null for network errors. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const DEFAULTS = { retries: 4, baseDelayMs: 1000, maxRateLimitWaits: 20, timeoutMs: 60_000 };
/** No single wait longer than this, whatever a server asks (a clock skew, a bogus header). */
const MAX_WAIT_MS = 15 * 60_000;

/** Sleeps, rejecting with CancelledError as soon as the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CancelledError('Pull cancelled'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError('Pull cancelled'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function fetchWithRetry(url: string, init: RequestInit, options: HttpOptions): Promise<Response> {
  const retries = options.retries ?? DEFAULTS.retries;
  const baseDelayMs = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxRateLimitWaits = options.maxRateLimitWaits ?? DEFAULTS.maxRateLimitWaits;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const { signal } = options;
  const host = hostOf(url);
  const backoff = (n: number): number => Math.min(MAX_WAIT_MS, Math.round(baseDelayMs * 2 ** (n - 1) * (0.75 + random() * 0.5)));

  let failures = 0;
  let rateLimitWaits = 0;
  for (;;) {
    if (signal.aborted) throw new CancelledError('Pull cancelled');
    const attempt = await attemptFetch(doFetch, url, init, signal, timeoutMs, options.timeoutIncludesBody ?? false);

    if (attempt.kind === 'response') {
      const { response } = attempt;
      if (response.status === 429) {
        rateLimitWaits += 1;
        await discard(response);
        if (rateLimitWaits > maxRateLimitWaits) {
          throw new HttpError(`${host} kept answering 429 (rate limited) after ${maxRateLimitWaits} waits`, 429);
        }
        const waitMs = rateLimitWaitMs(response.headers) ?? backoff(Math.min(rateLimitWaits, 8));
        options.onWait?.({ reason: 'rate_limited', waitMs, attempt: rateLimitWaits });
        await sleep(waitMs, signal);
        continue;
      }
      if (response.status < 500) return response;
      failures += 1;
      await discard(response);
      if (failures > retries) throw new HttpError(`${host} answered ${response.status} ${timesInWords(failures)}`, response.status);
      const waitMs = backoff(failures);
      options.onWait?.({ reason: 'server_error', waitMs, attempt: failures });
      await sleep(waitMs, signal);
      continue;
    }

    failures += 1;
    if (failures > retries) {
      throw new HttpError(
        attempt.kind === 'timeout'
          ? `${host} did not answer within ${formatSeconds(timeoutMs)} (${timesInWords(failures)})`
          : `could not reach ${host}: ${attempt.reason}`,
        null,
      );
    }
    const waitMs = backoff(failures);
    options.onWait?.({ reason: attempt.kind === 'timeout' ? 'timeout' : 'network', waitMs, attempt: failures });
    await sleep(waitMs, signal);
  }
}

type Attempt = { kind: 'response'; response: Response } | { kind: 'timeout' } | { kind: 'network'; reason: string };

/** One fetch, aborted by the caller's signal or after timeoutMs without headers (or without the whole body). */
async function attemptFetch(doFetch: typeof fetch, url: string, init: RequestInit, signal: AbortSignal, timeoutMs: number, includeBody: boolean): Promise<Attempt> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  try {
    const response = await doFetch(url, { ...init, signal: AbortSignal.any([signal, timeout.signal]) });
    // Left armed for the body's read; aborting a body already read does nothing, and unref'd it keeps no process alive.
    if (includeBody && response.status < 500 && response.status !== 429) timer.unref();
    else clearTimeout(timer);
    return { kind: 'response', response };
  } catch (err) {
    clearTimeout(timer);
    if (signal.aborted) throw new CancelledError('Pull cancelled');
    if (timeout.signal.aborted) return { kind: 'timeout' };
    return { kind: 'network', reason: networkReason(err) };
  }
}

/** Datadog's X-RateLimit-Reset (seconds until the window resets), else Retry-After (seconds or an HTTP date). */
export function rateLimitWaitMs(headers: Headers, now = Date.now()): number | null {
  const reset = seconds(headers.get('x-ratelimit-reset'));
  if (reset !== null) return Math.min(MAX_WAIT_MS, reset * 1000);
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null) return null;
  const delay = seconds(retryAfter);
  if (delay !== null) return Math.min(MAX_WAIT_MS, delay * 1000);
  const at = Date.parse(retryAfter);
  return Number.isNaN(at) ? null : Math.min(MAX_WAIT_MS, Math.max(0, at - now));
}

function seconds(value: string | null): number | null {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return null;
  return Number(value);
}

/** undici's "fetch failed" hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, a TLS error…). */
function networkReason(err: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; cause?: unknown; errors?: unknown[]; message?: unknown };
    if (typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET' && e.code !== 'ERR_INVALID_URL') return e.code;
    current = e.cause ?? e.errors?.[0];
  }
  const message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
  return cause && cause !== message ? `${message} (${cause})` : message;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

const WORDS = ['zero times', 'once', 'twice', 'three times', 'four times', 'five times', 'six times', 'seven times', 'eight times', 'nine times', 'ten times'];
export const timesInWords = (n: number): string => WORDS[n] ?? `${n} times`;
const formatSeconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** What a pull waits for, in words, for its progress: "rate limited (12 s)". */
export function waitText(wait: HttpWait): string {
  const seconds = `${Math.max(1, Math.round(wait.waitMs / 1000))} s`;
  switch (wait.reason) {
    case 'rate_limited':
      return `rate limited (${seconds})`;
    case 'server_error':
      return `retrying after a server error (${seconds})`;
    case 'network':
      return `retrying after a network error (${seconds})`;
    case 'timeout':
      return `asking again for a partial page (${seconds})`;
  }
}

/** What a writer waits for while another connection holds the store's write lock. */
export const STORE_WAIT = 'another writer of the store';

