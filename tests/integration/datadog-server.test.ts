/**
 * The Datadog test server and its event generator behave like the real API and real events,
 * so that tests passing against them mean something: item shape as in the recorded fixtures,
 * the query subset, both endpoints, cursors, the rate-limit headers, faults, and the
 * generator's counts, ids and times.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { normalise } from '../../main/core/ingest/normalise';
import { rumEvents, syntheticsSessions, toNdjson, type TestRumEvent } from '../servers/datadog-data';
import { startDatadogServer, type DatadogTestServer } from '../servers/datadog';

const START = Date.UTC(2025, 4, 1);
const DAY = 86_400_000;
const FIXTURES = join(import.meta.dirname, '../fixtures/rum');

let dd: DatadogTestServer | undefined;
afterEach(async () => {
  await dd?.close();
  dd = undefined;
});

async function serve(events: object[] = rumEvents({ users: 10, start: START })): Promise<DatadogTestServer> {
  dd = await startDatadogServer({ events });
  return dd;
}

interface Page {
  data: Array<{ id: string; type: string; attributes: { attributes: TestRumEvent; timestamp: string; service?: string; tags: string[] } }>;
  meta: { status: string; page?: { after?: string }; request_id: string; elapsed: number };
  links?: { next: string };
}

async function search(server: DatadogTestServer, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Page & { errors?: string[] }; headers: Headers }> {
  const res = await fetch(`${server.url}/api/v2/rum/events/search`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'DD-API-KEY': server.apiKey, 'DD-APPLICATION-KEY': server.appKey, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Page & { errors?: string[] }, headers: res.headers };
}

const window = { from: new Date(START).toISOString(), to: new Date(START + DAY).toISOString() };

describe('Datadog test server', () => {
  it('serves items shaped like the recorded API pages', async () => {
    const recorded = JSON.parse(readFileSync(join(FIXTURES, 'api__Search-RUM-events-returns-OK-response-with-pagination_2020559724.entry0.response.json'), 'utf8')) as Page;
    const server = await serve();
    const { json } = await search(server, { filter: { query: '*', ...window }, page: { limit: 2 }, sort: 'timestamp' });
    const ours = json.data[0]!;
    const theirs = recorded.data[0]!;
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    expect(Object.keys(ours.attributes).sort()).toEqual(Object.keys(theirs.attributes).sort());
    expect(ours.type).toBe('rum');
    for (const key of ['application', 'session', 'view', 'usr', 'os', 'device', 'browser', 'type', 'service']) expect(ours.attributes.attributes).toHaveProperty(key);
    expect(ours.attributes.attributes).not.toHaveProperty('date');
    expect(ours.attributes.tags).toContain('source:browser');
    expect(json.meta.status).toBe('done');
    expect(json.links?.next).toMatch(/\/api\/v2\/rum\/events\?page%5Bcursor%5D=.+&page%5Blimit%5D=2$/);
  });

  it('filters by the supported query forms and refuses the others', async () => {
    const events = rumEvents({ users: 10, start: START });
    const server = await serve(events);
    const count = async (query: string): Promise<number> => {
      const { status, json } = await search(server, { filter: { query, ...window }, page: { limit: 1000 } });
      expect(status, query).toBe(200);
      return json.data.length;
    };
    const where = (f: (e: TestRumEvent) => boolean): number => events.filter(f).length;
    const usr = (e: TestRumEvent): Record<string, unknown> => e.usr as Record<string, unknown>;
    expect(await count('*')).toBe(events.length);
    expect(await count('@type:error')).toBe(where((e) => e.type === 'error'));
    expect(await count('@type:(view OR error)')).toBe(where((e) => e.type !== 'action'));
    expect(await count('@type:view AND -@session.type:synthetics')).toBe(where((e) => e.type === 'view' && (e.session as { type: string }).type === 'user'));
    expect(await count('-@usr.id:*')).toBe(where((e) => usr(e).id === undefined));
    expect(await count('@usr.email:*@hooli*')).toBe(where((e) => typeof usr(e).email === 'string' && /@hooli/.test(usr(e).email as string)));
    expect(await count('@usr.name:"Datadog Synthetics"')).toBe(where((e) => usr(e).name === 'Datadog Synthetics'));
    expect(await count('@application.id:nope')).toBe(0);

    for (const bad of ['foo', 'service:web-ui', '@type:(view OR', '@type:view)', '@type:(view error)', '"unclosed']) {
      const { status, json } = await search(server, { filter: { query: bad, ...window } });
      expect(status, bad).toBe(400);
      expect(json.errors?.[0]).toMatch(/^invalid query/);
    }
  });

  it('takes the time forms Datadog takes and includes both bounds', async () => {
    const now = Date.now();
    const events = [
      { type: 'view', date: now - 20 * 60_000, view: { id: 'old' } },
      { type: 'view', date: now - 5 * 60_000, view: { id: 'recent' } },
      { type: 'view', date: START, view: { id: 'start' } },
      { type: 'view', date: START + 1000, view: { id: 'end' } },
    ];
    const server = await serve(events);
    const ids = async (from: unknown, to: unknown): Promise<string[]> => {
      const { json } = await search(server, { filter: { query: '*', from, to }, sort: 'timestamp' });
      return json.data.map((d) => (d.attributes.attributes.view as { id: string }).id);
    };
    expect(await ids('now-15m', 'now')).toEqual(['recent']);
    expect(await ids('now-1h', 'now')).toEqual(['old', 'recent']);
    expect(await ids(String(START), String(START + 1000))).toEqual(['start', 'end']);
    expect(await ids(new Date(START).toISOString(), '2025-05-01T00:00:01Z')).toEqual(['start', 'end']);
    expect(await ids('2025-05-01T00:00:00.001Z', '2025-05-01T00:00:01.000Z')).toEqual(['end']);
    const { status } = await search(server, { filter: { from: 'yesterday', to: 'now' } });
    expect(status).toBe(400);
  });

  it('pages newest first by default, and through GET /api/v2/rum/events with links.next', async () => {
    const server = await serve();
    const first = await fetch(`${server.url}/api/v2/rum/events?filter[query]=*&filter[from]=${window.from}&filter[to]=${window.to}&page[limit]=5`, {
      headers: { 'DD-API-KEY': server.apiKey, 'DD-APPLICATION-KEY': server.appKey },
    });
    const page1 = (await first.json()) as Page;
    const times = page1.data.map((d) => d.attributes.timestamp);
    expect(times).toEqual([...times].sort().reverse());
    const second = await fetch(page1.links!.next, { headers: { 'DD-API-KEY': server.apiKey, 'DD-APPLICATION-KEY': server.appKey } });
    const page2 = (await second.json()) as Page;
    expect(page2.data).toHaveLength(5);
    expect(page2.data[0]!.attributes.timestamp <= times[4]!).toBe(true);
    expect(page2.data.map((d) => d.id)).not.toContain(page1.data[4]!.id);
  });

  it('refuses a cursor sent with another query, a garbled one, and a limit over 1000', async () => {
    const server = await serve();
    const { json } = await search(server, { filter: { query: '*', ...window }, page: { limit: 3 } });
    const cursor = json.meta.page!.after!;
    const other = await search(server, { filter: { query: '@type:view', ...window }, page: { limit: 3, cursor } });
    expect(other.status).toBe(400);
    expect(other.json.errors?.[0]).toMatch(/another query/);
    expect((await search(server, { filter: { query: '*', ...window }, page: { cursor: 'garbage' } })).status).toBe(400);
    expect((await search(server, { filter: { query: '*', ...window }, page: { limit: 1001 } })).status).toBe(400);
  });

  it('checks both keys and answers faults in order', async () => {
    const server = await serve();
    const body = { filter: { query: '*', ...window } };
    expect((await search(server, body, { 'DD-API-KEY': 'other' })).status).toBe(403);
    expect((await search(server, body, { 'DD-APPLICATION-KEY': 'other' })).json).toEqual({ errors: ['Forbidden'] });

    server.fail({ status: 429, resetSeconds: 4 }, { status: 502 }, { status: 400, message: 'bad thing' }, { timeout: true }, { drop: true });
    const limited = await search(server, body);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-reset')).toBe('4');
    for (const h of ['x-ratelimit-limit', 'x-ratelimit-period', 'x-ratelimit-remaining', 'x-ratelimit-name']) expect(limited.headers.get(h)).not.toBeNull();
    expect((await search(server, body)).status).toBe(502);
    expect((await search(server, body)).json).toEqual({ errors: ['bad thing'] });
    const partial = await search(server, { ...body, page: { limit: 10 } });
    expect(partial.status).toBe(200);
    expect(partial.json.meta.status).toBe('timeout');
    expect(partial.json.data).toHaveLength(5);
    expect(partial.json.meta.page).toBeUndefined();
    await expect(search(server, body)).rejects.toThrow();
    expect(server.pagesServed).toBe(0);
    expect((await search(server, body)).status).toBe(200);
    expect(server.pagesServed).toBe(1);
    expect(server.requests).toHaveLength(8);
  });

  it('delays pages when asked', async () => {
    dd = await startDatadogServer({ events: rumEvents({ users: 1, start: START }), pageDelayMs: 150 });
    const started = Date.now();
    await search(dd, { filter: { query: '*', ...window } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('rumEvents', () => {
  const events = rumEvents({ users: 40, sessionsPerUser: 2, eventsPerSession: 10, start: START, spanMs: DAY, seed: 3 });

  it('is deterministic for a seed and different for another', () => {
    expect(rumEvents({ users: 40, sessionsPerUser: 2, eventsPerSession: 10, start: START, spanMs: DAY, seed: 3 })).toEqual(events);
    expect(rumEvents({ users: 40, sessionsPerUser: 2, eventsPerSession: 10, start: START, spanMs: DAY, seed: 4 })).not.toEqual(events);
  });

  it('has the documented count, times inside the span and unique ids per type', () => {
    expect(events).toHaveLength((40 * 2 + syntheticsSessions(40)) * 10);
    for (const e of events) expect(e.date >= START && e.date < START + DAY).toBe(true);
    const actionIds = events.filter((e) => e.type === 'action').map((e) => (e.action as { id: string }).id);
    const errorIds = events.filter((e) => e.type === 'error').map((e) => (e.error as { id: string }).id);
    const viewVersions = events.filter((e) => e.type === 'view').map((e) => `${(e.view as { id: string }).id}#${(e._dd as { document_version: number }).document_version}`);
    for (const ids of [actionIds, errorIds, viewVersions]) expect(new Set(ids).size).toBe(ids.length);
    expect(actionIds.length).toBeGreaterThan(0);
    expect(errorIds.length).toBeGreaterThan(0);
    // views are re-sent
    expect(viewVersions.some((v) => v.endsWith('#2'))).toBe(true);
  });

  it('mixes identified, anonymous and pre-setUser events, accounts and synthetics', () => {
    const usr = (e: TestRumEvent): Record<string, unknown> => e.usr as Record<string, unknown>;
    expect(events.some((e) => typeof usr(e).id === 'string' && typeof usr(e).email === 'string' && typeof usr(e).name === 'string')).toBe(true);
    expect(events.some((e) => usr(e).id === undefined && typeof usr(e).anonymous_id === 'string')).toBe(true);
    expect(events.some((e) => e.account !== undefined)).toBe(true);
    expect(events.some((e) => e.account === undefined)).toBe(true);
    expect(events.some((e) => (e.session as { type: string }).type === 'synthetics')).toBe(true);
    expect(events.some((e) => e.geo === undefined)).toBe(true);
  });

  it('reads as events through the importer, synthetics excluded', () => {
    const kinds = events.map((e) => normalise(e).kind);
    expect(kinds.filter((k) => k === 'skipped')).toHaveLength(0);
    expect(kinds.filter((k) => k === 'excluded')).toHaveLength(syntheticsSessions(40) * 10);
    const lines = toNdjson(events).split('\n');
    expect(lines).toHaveLength(events.length + 1);
    expect(JSON.parse(lines[0]!)).toEqual(JSON.parse(JSON.stringify(events[0])));
  });
});
