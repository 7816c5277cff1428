import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../jobs/cancelled';
import { fetchWithRetry, HttpError, rateLimitWaitMs, waitText, type HttpOptions, type HttpWait } from './http';

type Answer = Response | Error | 'hang';

/** A fetch answering from a script, recording each call. */
function scriptedFetch(answers: Answer[]): { fetch: typeof fetch; calls: Array<{ url: string; init: RequestInit }> } {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fake = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const answer = answers.shift();
    if (answer === undefined) throw new Error('the script ran out of answers');
    if (answer instanceof Response) return answer;
    if (answer instanceof Error) throw answer;
    // 'hang': never answers until the attempt's signal aborts (timeout or cancel)
    return new Promise<Response>((_, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
    });
  }) as typeof fetch;
  return { fetch: fake, calls };
}

function harness(answers: Answer[], extra: Partial<HttpOptions> = {}) {
  const scripted = scriptedFetch(answers);
  const sleeps: number[] = [];
  const waits: HttpWait[] = [];
  const controller = new AbortController();
  const options: HttpOptions = {
    signal: controller.signal,
    fetch: scripted.fetch,
    sleep: async (ms) => void sleeps.push(ms),
    onWait: (w) => waits.push(w),
    random: () => 0.5, // no jitter: backoff is exactly base * 2^(n-1)
    ...extra,
  };
  return { ...scripted, sleeps, waits, controller, options };
}

const refused = (): Error => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });

describe('fetchWithRetry', () => {
  it('returns a 2xx at once and passes the request through', async () => {
    const h = harness([new Response('ok', { status: 200 })]);
    const res = await fetchWithRetry('https://api.example.com/x', { method: 'POST', body: '{}' }, h.options);
    expect(await res.text()).toBe('ok');
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]!.init.method).toBe('POST');
    expect(h.sleeps).toEqual([]);
  });

  it('returns a 4xx other than 429 for the caller to judge', async () => {
    const h = harness([new Response('{"errors":["Forbidden"]}', { status: 403 })]);
    const res = await fetchWithRetry('https://api.example.com/x', {}, h.options);
    expect(res.status).toBe(403);
    expect(h.calls).toHaveLength(1);
  });

  it('waits out a 429 for X-RateLimit-Reset seconds, then continues', async () => {
    const limited = new Response('{"errors":["Too many requests"]}', {
      status: 429,
      headers: { 'X-RateLimit-Limit': '300', 'X-RateLimit-Period': '3600', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '7', 'Retry-After': '99' },
    });
    const h = harness([limited, new Response('ok')]);
    const res = await fetchWithRetry('https://api.example.com/x', {}, h.options);
    expect(res.status).toBe(200);
    expect(h.sleeps).toEqual([7000]);
    expect(h.waits).toEqual([{ reason: 'rate_limited', waitMs: 7000, attempt: 1 }]);
  });

  it('does not count 429s against the retries, but gives up after maxRateLimitWaits', async () => {
    const many = Array.from({ length: 4 }, () => new Response('', { status: 429, headers: { 'Retry-After': '2' } }));
    const h = harness(many, { retries: 0, maxRateLimitWaits: 3 });
    const err = await fetchWithRetry('https://api.example.com/x', {}, h.options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(429);
    expect((err as HttpError).message).toBe('api.example.com kept answering 429 (rate limited) after 3 waits');
    expect(h.sleeps).toEqual([2000, 2000, 2000]);
  });

  it('retries 5xx with exponential backoff, then returns the success', async () => {
    const h = harness([new Response('', { status: 500 }), new Response('', { status: 502 }), new Response('done')], { baseDelayMs: 100 });
    const res = await fetchWithRetry('https://api.example.com/x', {}, h.options);
    expect(await res.text()).toBe('done');
    expect(h.sleeps).toEqual([100, 200]);
    expect(h.waits.map((w) => [w.reason, w.attempt])).toEqual([
      ['server_error', 1],
      ['server_error', 2],
    ]);
  });

  it('jitters the backoff within ±25%', async () => {
    const h = harness([new Response('', { status: 503 }), new Response('', { status: 503 }), new Response('ok')], { random: () => 0, baseDelayMs: 1000 });
    await fetchWithRetry('https://api.example.com/x', {}, h.options);
    expect(h.sleeps).toEqual([750, 1500]);
  });

  it('fails with HttpError naming the host and the status once the retries are spent', async () => {
    const h = harness(
      Array.from({ length: 5 }, () => new Response('', { status: 503 })),
      {},
    );
    const err = await fetchWithRetry('https://api.datadoghq.com/api/v2/rum/events/search?api_key=SECRET', {}, h.options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(503);
    expect((err as HttpError).message).toBe('api.datadoghq.com answered 503 five times');
    expect((err as HttpError).message).not.toContain('SECRET');
    expect(h.calls).toHaveLength(5);
  });

  it('retries network errors and names the reason when they persist', async () => {
    const h = harness([refused(), new Response('ok')]);
    const res = await fetchWithRetry('http://127.0.0.1:9/x', {}, h.options);
    expect(res.status).toBe(200);
    expect(h.waits[0]).toMatchObject({ reason: 'network', attempt: 1 });

    const h2 = harness([refused(), refused(), refused()], { retries: 2 });
    const err = await fetchWithRetry('http://127.0.0.1:9/x', {}, h2.options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBeNull();
    expect((err as HttpError).message).toBe('could not reach 127.0.0.1:9: ECONNREFUSED');
  });

  it('times out an attempt that gets no answer, retries it, and says so when all time out', async () => {
    const h = harness(['hang', new Response('late but fine')], { timeoutMs: 20 });
    const res = await fetchWithRetry('https://slow.example.com/x', {}, h.options);
    expect(await res.text()).toBe('late but fine');
    expect(h.waits[0]).toMatchObject({ reason: 'timeout', attempt: 1 });

    const h2 = harness(['hang', 'hang'], { timeoutMs: 20, retries: 1 });
    const err = await fetchWithRetry('https://slow.example.com/x', {}, h2.options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toBe('slow.example.com did not answer within 20 ms (twice)');
  });

  it('with timeoutIncludesBody, a body that stalls is aborted after the timeout; without, it is left to the caller', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"data":'); // and never the rest
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const signal = new AbortController().signal;
    try {
      const res = await fetchWithRetry(`http://127.0.0.1:${port}/`, {}, { signal, timeoutMs: 100, timeoutIncludesBody: true });
      await expect(res.text()).rejects.toThrow();
      const open = await fetchWithRetry(`http://127.0.0.1:${port}/`, {}, { signal, timeoutMs: 100 });
      const outcome = await Promise.race([open.text().then(() => 'read', () => 'failed'), new Promise((r) => setTimeout(() => r('still reading'), 400))]);
      expect(outcome).toBe('still reading');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('rejects with CancelledError when aborted during a request', async () => {
    const h = harness(['hang']);
    const pending = fetchWithRetry('https://api.example.com/x', {}, h.options);
    setTimeout(() => h.controller.abort(), 10);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });

  it('rejects with CancelledError when aborted during a wait (the default sleep)', async () => {
    const h = harness([new Response('', { status: 429, headers: { 'X-RateLimit-Reset': '3600' } })], { sleep: undefined });
    const pending = fetchWithRetry('https://api.example.com/x', {}, h.options);
    setTimeout(() => h.controller.abort(), 20);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const h = harness([new Response('ok')]);
    h.controller.abort();
    await expect(fetchWithRetry('https://api.example.com/x', {}, h.options)).rejects.toBeInstanceOf(CancelledError);
    expect(h.calls).toHaveLength(0);
  });

  it('reaches a real server with the global fetch and reports a refused connection', async () => {
    const server = createServer((_req, res) => res.end('real'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const signal = new AbortController().signal;
    try {
      const res = await fetchWithRetry(`http://127.0.0.1:${port}/`, {}, { signal });
      expect(await res.text()).toBe('real');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const err = await fetchWithRetry(`http://127.0.0.1:${port}/`, {}, { signal, retries: 1, sleep: async () => undefined }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as Error).message).toBe(`could not reach 127.0.0.1:${port}: ECONNREFUSED`);
  });
});

describe('rateLimitWaitMs', () => {
  it('prefers X-RateLimit-Reset, then Retry-After seconds or date, else null', () => {
    expect(rateLimitWaitMs(new Headers({ 'X-RateLimit-Reset': '12', 'Retry-After': '3' }))).toBe(12_000);
    expect(rateLimitWaitMs(new Headers({ 'Retry-After': '3' }))).toBe(3000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(rateLimitWaitMs(new Headers({ 'Retry-After': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now)).toBe(5000);
    expect(rateLimitWaitMs(new Headers({ 'X-RateLimit-Reset': 'soon' }))).toBeNull();
    expect(rateLimitWaitMs(new Headers())).toBeNull();
  });
});

describe('waitText', () => {
  it('says what a pull waits for, in whole seconds (at least 1)', () => {
    expect(waitText({ reason: 'rate_limited', waitMs: 12_400, attempt: 1 })).toBe('rate limited (12 s)');
    expect(waitText({ reason: 'server_error', waitMs: 900, attempt: 1 })).toBe('retrying after a server error (1 s)');
    expect(waitText({ reason: 'network', waitMs: 0, attempt: 2 })).toBe('retrying after a network error (1 s)');
    expect(waitText({ reason: 'timeout', waitMs: 2000, attempt: 1 })).toBe('asking again for a partial page (2 s)');
  });
});
