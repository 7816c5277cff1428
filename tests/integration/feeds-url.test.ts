/**
 * URL feeds through the core's API: a local server serving an NDJSON export behind a bearer
 * token; the first pull imports it (profiles as from importing the same file), the next one
 * sends the ETag back and imports nothing; a refused token fails the pull with a clear reason,
 * recorded in the history; no secret is ever shown.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FeedFile, FeedInfo, FeedPullReport, FeedRun } from '../../common/feeds';
import type { FeedFinished } from '../../common/types';
import { rumEvents, toNdjson } from '../servers/datadog-data';
import { allUsers, importFiles, jobFinished, ok, tempStore, type TempStore } from './helpers';

const TOKEN = 'tok-7f3a9';
const EVENTS = rumEvents({ users: 12, sessionsPerUser: 2, eventsPerSession: 4, start: Date.UTC(2025, 2, 1), seed: 9 });
const BODY = toNdjson(EVENTS);
const ETAG = '"export-v1"';

let server: Server;
let base: string;
let requests: IncomingMessage['headers'][];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.headers);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401).end('{"error":"unauthorized"}');
    if (req.headers['if-none-match'] === ETAG) return res.writeHead(304).end();
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Content-Length': Buffer.byteLength(BODY), ETag: ETAG }).end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

let store: TempStore;
beforeEach(() => {
  store = tempStore();
  requests = [];
});
afterEach(() => store.cleanup());

async function finished(jobId: string): Promise<FeedFinished> {
  return (await jobFinished(store.core, jobId)) as FeedFinished;
}

async function pull(name: string): Promise<FeedFinished> {
  const { jobId } = await ok<{ jobId: string }>(store.core.dispatch('feeds.pull', { name }));
  return finished(jobId);
}

const history = (name: string) => ok<{ runs: FeedRun[]; files: FeedFile[] }>(store.core.dispatch('feeds.history', { name }));

describe('url feeds', () => {
  it('imports the export, then imports nothing while its ETag holds', async () => {
    const saved = await ok<{ feed: FeedInfo; jobId: string | null }>(
      store.core.dispatch('feeds.save', {
        feed: { name: 'Export', kind: 'url', url: `${base}/rum/export.ndjson?sig=abc123`, headers: { Authorization: `Bearer ${TOKEN}` } },
        pull: true,
      }),
    );
    expect(saved.feed.secrets).toEqual(['header:Authorization']);
    expect(JSON.stringify(saved.feed)).not.toContain(TOKEN);

    const first = await finished(saved.jobId!);
    if (!first.ok) throw new Error(first.error.message);
    const report: FeedPullReport = first.result;
    const synthetics = EVENTS.filter((e) => (e.session as { type: string }).type === 'synthetics').length;
    expect(report).toMatchObject({ feed: 'Export', kind: 'url', status: 'ok', trigger: 'save', pages: 1, events: EVENTS.length, notModified: false });
    expect(report.imported).toBe(EVENTS.length - synthetics);
    expect(report.summary?.files[0]?.file).toBe(`${base}/rum/export.ndjson`);
    expect(readdirSync(join(store.dir, 'feed-downloads'))).toEqual([]);

    // The same events imported as a file make the same profiles.
    const reference = tempStore();
    try {
      const file = join(reference.dir, 'export.ndjson');
      writeFileSync(file, BODY);
      await importFiles(reference.core, [file]);
      expect(await allUsers(store.core)).toEqual(await allUsers(reference.core));
    } finally {
      await reference.cleanup();
    }
    expect((await allUsers(store.core)).length).toBeGreaterThan(0);

    const second = await pull('Export');
    if (!second.ok) throw new Error(second.error.message);
    expect(second.result).toMatchObject({ status: 'ok', trigger: 'manual', pages: 0, events: 0, imported: 0, notModified: true });
    expect(requests.at(-1)?.['if-none-match']).toBe(ETAG);

    const { runs, files } = await history('Export');
    expect(runs.map((r) => [r.trigger, r.status, r.notModified, r.events])).toEqual([
      ['manual', 'ok', true, 0],
      ['save', 'ok', false, EVENTS.length],
    ]);
    expect(files).toEqual([]);
  });

  it('fails a pull the server refuses, naming the URL without its query string and never the token', async () => {
    await ok(store.core.dispatch('feeds.save', { feed: { name: 'Stale', kind: 'url', url: `${base}/rum/export.ndjson?sig=abc123`, headers: { Authorization: 'Bearer expired' } } }));
    const done = await pull('Stale');
    expect(done.ok).toBe(false);
    if (done.ok) return;
    expect(done.error).toEqual({ code: 'auth_failed', message: `${base}/rum/export.ndjson refused the request (401); check the feed's header` });
    const { runs } = await history('Stale');
    expect(runs[0]).toMatchObject({ status: 'failed', error: done.error.message });
    expect(await allUsers(store.core)).toEqual([]);
  });

  it('tests a URL before it is saved', async () => {
    const test = await ok<{ message: string }>(
      store.core.dispatch('feeds.test', { feed: { name: 'New', kind: 'url', url: `${base}/rum/export.ndjson`, headers: { Authorization: `Bearer ${TOKEN}` } } }),
    );
    expect(test.message).toMatch(new RegExp(`^${base}/rum/export\\.ndjson answered 200 \\(ndjson, [\\d.]+ KB\\)$`));
    const refused = await store.core.dispatch('feeds.test', { feed: { name: 'New', kind: 'url', url: `${base}/rum/export.ndjson` } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
  });
});
