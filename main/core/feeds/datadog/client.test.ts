import { describe, expect, it } from 'vitest';
import { ApiError } from '../../dispatcher';
import { describeWindow, isoMs, searchBody, searchRumPage } from './client';

const WINDOW = { query: '*', from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 0, 2) };
const KEYS = { apiKey: 'k-api', appKey: 'k-app' };

function answering(status: number, body: string): typeof fetch {
  return (async () => new Response(body, { status, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
}

const search = (fetch: typeof globalThis.fetch) =>
  searchRumPage('https://api.datadoghq.eu/', KEYS, WINDOW, null, { signal: new AbortController().signal, fetch, sleep: async () => undefined });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('searchRumPage (answers the test server does not give)', () => {
  it('posts to {base}/api/v2/rum/events/search without a double slash', async () => {
    const urls: string[] = [];
    const fetch = (async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response('{"data":[],"meta":{"status":"done"}}');
    }) as typeof globalThis.fetch;
    expect(await search(fetch)).toEqual({ items: [], after: null });
    expect(urls).toEqual(['https://api.datadoghq.eu/api/v2/rum/events/search']);
  });

  it('ignores a cursor given with an empty page', async () => {
    expect(await search(answering(200, '{"data":[],"meta":{"page":{"after":"abc"}}}'))).toEqual({ items: [], after: null });
    expect(await search(answering(200, '{"data":[{"id":"1"}],"meta":{"page":{"after":"abc"}}}'))).toEqual({ items: [{ id: '1' }], after: 'abc' });
  });

  it('fails with source_failed on a body that is not JSON or has no data list', async () => {
    const notJson = await failure(search(answering(200, '<html>502 Bad Gateway</html>')));
    expect(notJson.code).toBe('source_failed');
    expect(notJson.message).toBe('Datadog answered something other than JSON: <html>502 Bad Gateway</html>');
    const noData = await failure(search(answering(200, '{"meta":{}}')));
    expect(noData.code).toBe('source_failed');
    expect(noData.message).toMatch(/without a data list/);
  });

  it('reads errors given as objects and bodies that are not JSON', async () => {
    const objects = await failure(search(answering(400, '{"errors":[{"title":"Invalid query","detail":"unexpected token"}]}')));
    expect(objects.message).toBe('Datadog refused the request (400): Invalid query: unexpected token');
    const text = await failure(search(answering(418, 'teapot')));
    expect(text.code).toBe('source_failed');
    expect(text.message).toBe('Datadog answered 418: teapot');
  });
});

describe('helpers', () => {
  it('writes times with milliseconds and builds the body without keys', () => {
    expect(isoMs(Date.UTC(2025, 0, 1))).toBe('2025-01-01T00:00:00.000Z');
    expect(describeWindow(WINDOW)).toBe('"*" from 2025-01-01T00:00:00.000Z to 2025-01-02T00:00:00.000Z');
    expect(searchBody(WINDOW, 'c1', 500)).toEqual({
      filter: { query: '*', from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' },
      page: { limit: 500, cursor: 'c1' },
      sort: 'timestamp',
    });
  });
});
