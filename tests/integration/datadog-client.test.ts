/**
 * The feed's Datadog client (main/core/feeds/datadog/client.ts) against the local RUM Events API
 * (tests/servers/datadog.ts): pages followed by cursor, every event once, the faults Datadog
 * answers (429 with a reset, 5xx, partial pages, refused keys, bad queries, expired cursors) and
 * keys that never leave the headers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/dispatcher';
import { searchRumPage, type RumSearchPage, type SearchOptions, type SearchWindow } from '../../main/core/feeds/datadog/client';
import type { HttpWait } from '../../main/core/feeds/http';
import { CancelledError } from '../../main/core/jobs/cancelled';
import { rumEvents, syntheticsSessions } from '../servers/datadog-data';
import { startDatadogServer, type DatadogTestServer } from '../servers/datadog';

const START = Date.UTC(2025, 2, 1, 8, 0, 0, 0);
const DAY = 86_400_000;
const USERS = 12;
const EVENTS = rumEvents({ users: USERS, sessionsPerUser: 3, eventsPerSession: 8, start: START, spanMs: DAY, seed: 7 });
const WINDOW: SearchWindow = { query: '*', from: START, to: START + DAY };

let dd: DatadogTestServer;
let waits: HttpWait[];
let sleeps: number[];

function options(extra: Partial<SearchOptions> = {}): SearchOptions {
  return {
    signal: new AbortController().signal,
    limit: 100,
    sleep: async (ms) => void sleeps.push(ms),
    onWait: (w) => waits.push(w),
    ...extra,
  };
}

const keys = (): { apiKey: string; appKey: string } => ({ apiKey: dd.apiKey, appKey: dd.appKey });

/** Every page of a window, following cursors. */
async function pullAll(window: SearchWindow, extra: Partial<SearchOptions> = {}): Promise<RumSearchPage[]> {
  const pages: RumSearchPage[] = [];
  let cursor: string | null = null;
  do {
    const page = await searchRumPage(dd.url, keys(), window, cursor, options(extra));
    pages.push(page);
    cursor = page.after;
  } while (cursor);
  return pages;
}

const itemIds = (pages: RumSearchPage[]): string[] => pages.flatMap((p) => p.items.map((i) => (i as { id: string }).id));

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

beforeEach(async () => {
  dd = await startDatadogServer({ events: EVENTS });
  waits = [];
  sleeps = [];
});

afterEach(async () => {
  await dd.close();
});

describe('searchRumPage against the local RUM Events API', () => {
  it('follows cursors over several pages and returns every event exactly once, in time order', async () => {
    expect(EVENTS).toHaveLength((USERS * 3 + syntheticsSessions(USERS)) * 8);
    const pages = await pullAll(WINDOW);
    expect(pages.length).toBe(Math.ceil(EVENTS.length / 100));
    const ids = itemIds(pages);
    expect(ids).toHaveLength(EVENTS.length);
    expect(new Set(ids).size).toBe(EVENTS.length);
    const times = pages.flatMap((p) => p.items.map((i) => Date.parse((i as { attributes: { timestamp: string } }).attributes.timestamp)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(pages.at(-1)!.after).toBeNull();
    // Each API item carries its event (without `date`) and the time as ISO with ms.
    const first = pages[0]!.items[0] as { type: string; attributes: { attributes: Record<string, unknown>; timestamp: string } };
    expect(first.type).toBe('rum');
    expect(first.attributes.attributes.date).toBeUndefined();
    expect(first.attributes.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('sends the keys only in the headers, and from/to as ISO strings with milliseconds', async () => {
    const window = { query: '@type:(view OR action)', from: START + 1, to: START + DAY - 1 };
    await pullAll(window);
    expect(dd.requests.length).toBeGreaterThan(1);
    for (const request of dd.requests) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/api/v2/rum/events/search');
      expect(request.headers['dd-api-key']).toBe(dd.apiKey);
      expect(request.headers['dd-application-key']).toBe(dd.appKey);
      expect(request.headers['content-type']).toBe('application/json');
      const body = JSON.stringify(request.body);
      expect(body).not.toContain(dd.apiKey);
      expect(body).not.toContain(dd.appKey);
      expect(request.path).not.toContain('key');
      expect(request.body).toMatchObject({
        filter: { query: '@type:(view OR action)', from: '2025-03-01T08:00:00.001Z', to: '2025-03-02T07:59:59.999Z' },
        page: { limit: 100 },
        sort: 'timestamp',
      });
    }
    expect((dd.requests[0]!.body as { page: object }).page).not.toHaveProperty('cursor');
    expect((dd.requests[1]!.body as { page: { cursor: string } }).page.cursor).toEqual(expect.any(String));
  });

  it('narrows by the query and the window', async () => {
    const views = EVENTS.filter((e) => e.type === 'view' && (e.session as { type: string }).type === 'user');
    const pages = await pullAll({ ...WINDOW, query: '@type:view -@session.type:synthetics' });
    expect(itemIds(pages)).toHaveLength(views.length);

    const half = START + DAY / 2;
    const early = EVENTS.filter((e) => e.date >= START && e.date <= half);
    expect(itemIds(await pullAll({ ...WINDOW, to: half }))).toHaveLength(early.length);
  });

  it('waits out a 429 for X-RateLimit-Reset seconds and continues', async () => {
    dd.fail({ status: 429, resetSeconds: 7 });
    const pages = await pullAll(WINDOW);
    expect(itemIds(pages)).toHaveLength(EVENTS.length);
    expect(sleeps).toEqual([7000]);
    expect(waits).toEqual([{ reason: 'rate_limited', waitMs: 7000, attempt: 1 }]);
  });

  it('retries a 500 (and a dropped connection) and then succeeds', async () => {
    dd.fail({ status: 500 }, { drop: true });
    const pages = await pullAll(WINDOW, { baseDelayMs: 10 });
    expect(itemIds(pages)).toHaveLength(EVENTS.length);
    expect(waits.map((w) => w.reason)).toEqual(['server_error', 'network']);
  });

  it('asks again for a page whose body was cut off', async () => {
    dd.fail({ truncate: true });
    const pages = await pullAll(WINDOW, { baseDelayMs: 10 });
    expect(itemIds(pages)).toHaveLength(EVENTS.length);
    expect(waits.map((w) => w.reason)).toEqual(['network']);

    dd.fail({ truncate: true }, { truncate: true });
    const err = await refusal(searchRumPage(dd.url, keys(), WINDOW, null, options({ retries: 1 })));
    expect(err.code).toBe('source_failed');
    expect(err.message).toBe(`Datadog could not be read: the answer from ${new URL(dd.url).host} was cut off twice`);
  });

  it('fails with source_failed naming the host when 5xx persist', async () => {
    dd.fail({ status: 503 }, { status: 503 }, { status: 503 });
    const err = await refusal(searchRumPage(dd.url, keys(), WINDOW, null, options({ retries: 2 })));
    expect(err.code).toBe('source_failed');
    expect(err.message).toBe(`Datadog could not be read: ${new URL(dd.url).host} answered 503 three times`);
  });

  it('asks again for a partial page (meta.status "timeout") and never returns it', async () => {
    dd.fail({ timeout: true });
    const page = await searchRumPage(dd.url, keys(), WINDOW, null, options());
    expect(page.items).toHaveLength(100);
    expect(page.after).not.toBeNull();
    expect(dd.requests).toHaveLength(2);
    expect(waits.map((w) => [w.reason, w.attempt])).toEqual([['timeout', 1]]);

    dd.fail({ timeout: true }, { timeout: true }, { timeout: true });
    const err = await refusal(searchRumPage(dd.url, keys(), WINDOW, null, options({ timeoutRetries: 2 })));
    expect(err.code).toBe('source_failed');
    expect(err.message).toMatch(/timed out on the search 3 times/);
  });

  it('refuses wrong keys with auth_failed and the permission to check', async () => {
    const err = await refusal(searchRumPage(dd.url, { apiKey: dd.apiKey, appKey: 'wrong' }, WINDOW, null, options()));
    expect(err.code).toBe('auth_failed');
    expect(err.message).toBe('Datadog refused the keys (403): Forbidden. The application key needs the rum_apps_read permission.');
    expect(err.message).not.toContain('wrong');

    dd.fail({ status: 401, message: 'Unauthorized' });
    expect((await refusal(searchRumPage(dd.url, keys(), WINDOW, null, options()))).code).toBe('auth_failed');
  });

  it('refuses a malformed query with bad_query and Datadog\'s reason', async () => {
    const err = await refusal(searchRumPage(dd.url, keys(), { ...WINDOW, query: '@type:(view OR' }, null, options()));
    expect(err.code).toBe('bad_query');
    expect(err.message).toMatch(/^Datadog refused the request \(400\): invalid query "@type:\(view OR"/);
  });

  it('refuses an expired cursor with a 400 (bad_query)', async () => {
    const first = await searchRumPage(dd.url, keys(), WINDOW, null, options());
    expect(first.after).not.toBeNull();
    dd.expireCursors();
    const err = await refusal(searchRumPage(dd.url, keys(), WINDOW, first.after, options()));
    expect(err.code).toBe('bad_query');
    expect(err.message).toMatch(/cursor has expired/);
  });

  it('reports other 4xx as source_failed', async () => {
    const err = await refusal(searchRumPage(`${dd.url}/nowhere`, keys(), WINDOW, null, options()));
    expect(err.code).toBe('source_failed');
    expect(err.message).toBe('Datadog answered 404: Not found');
  });

  it('an empty window is one page without a cursor', async () => {
    const page = await searchRumPage(dd.url, keys(), { ...WINDOW, from: START - 2 * DAY, to: START - DAY }, null, options());
    expect(page).toEqual({ items: [], after: null });
  });

  it('sees events added between pulls when the window covers them', async () => {
    const before = itemIds(await pullAll(WINDOW)).length;
    dd.addEvents(rumEvents({ users: 2, start: START + DAY, spanMs: DAY, seed: 99 }));
    expect(itemIds(await pullAll(WINDOW))).toHaveLength(before);
    expect(itemIds(await pullAll({ ...WINDOW, to: START + 2 * DAY })).length).toBeGreaterThan(before);
  });

  it('cancels while waiting for a rate limit', async () => {
    dd.fail({ status: 429, resetSeconds: 3600 });
    const controller = new AbortController();
    const pending = searchRumPage(dd.url, keys(), WINDOW, null, { signal: controller.signal, onWait: () => controller.abort() });
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });
});
