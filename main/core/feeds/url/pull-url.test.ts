import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatBytes } from '../../../../common/format';
import { feedTestStore, ndjsonOfUsers, type FeedTestStore } from '../folder/context.test-support';
import { makeUrlPuller, testUrl } from './pull-url';
import { readValidators } from './validators';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A local server answering with the handler a test sets; it keeps every request's headers. */
async function serve(): Promise<{ server: Server; url: string; requests: IncomingMessage['headers'][]; set(h: Handler): void }> {
  let handler: Handler = (_req, res) => res.writeHead(404).end();
  const requests: IncomingMessage['headers'][] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, requests, set: (h) => (handler = h) };
}

let store: FeedTestStore;
let http: Awaited<ReturnType<typeof serve>>;
let imports: number;
let waits: number[];
const pull = makeUrlPuller({
  baseDelayMs: 1,
  sleep: async (ms) => {
    waits.push(ms);
  },
});

function context(secrets: Record<string, string> = {}) {
  const base = store.context({ secrets });
  return {
    ...base,
    importFiles: (paths: string[], options: Parameters<typeof base.importFiles>[1]) => {
      imports++;
      return base.importFiles(paths, options);
    },
  };
}

const NDJSON = ndjsonOfUsers(['u1', 'u2', 'u3']);
const privateFiles = () => readdirSync(join(store.dir, 'feeds'));

beforeEach(async () => {
  http = await serve();
  store = feedTestStore('url', {});
  store.feed.settings.url = `${http.url}/export/events.ndjson?token=s3cret`;
  imports = 0;
  waits = [];
});
afterEach(async () => {
  store.cleanup();
  await new Promise((resolve) => http.server.close(resolve));
});

describe('pullUrl', () => {
  it('imports the body, then sends its ETag back and imports nothing on a 304', async () => {
    http.set((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson', ETag: '"v1"' }).end(NDJSON);
    });
    const first = await pull(context());
    expect(first).toMatchObject({ pages: 1, events: 3, imported: 3, skipped: 0, notModified: false, files: 0, failedFiles: 0 });
    expect(first.summary?.files[0]?.file).toBe(`${http.url}/export/events.ndjson`);
    expect(store.users()).toEqual(['u1', 'u2', 'u3']);
    expect(readValidators(store.db, store.feed.id)).toMatchObject({ etag: '"v1"', lastModified: null, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    expect(privateFiles()).toEqual([]);

    const second = await pull(context());
    expect(second).toMatchObject({ pages: 0, events: 0, imported: 0, notModified: true });
    expect(second.summary).toBeUndefined();
    expect(http.requests[1]?.['if-none-match']).toBe('"v1"');
    expect(imports).toBe(1);
  });

  it('sends Last-Modified back as If-Modified-Since', async () => {
    const stamp = 'Wed, 05 Mar 2025 10:00:00 GMT';
    http.set((req, res) => {
      if (req.headers['if-modified-since'] === stamp) return res.writeHead(304).end();
      res.writeHead(200, { 'Last-Modified': stamp }).end(NDJSON);
    });
    await pull(context());
    expect(http.requests[0]?.['if-modified-since']).toBeUndefined();
    expect(await pull(context())).toMatchObject({ notModified: true, events: 0 });
    expect(imports).toBe(1);
  });

  it('does not import the same bytes twice when the server sends no validators', async () => {
    let body = NDJSON;
    http.set((_req, res) => res.writeHead(200).end(body));
    await pull(context());
    expect(await pull(context())).toMatchObject({ notModified: true, pages: 0 });
    expect(imports).toBe(1);
    expect(privateFiles()).toEqual([]);

    body = ndjsonOfUsers(['u4']);
    expect(await pull(context())).toMatchObject({ notModified: false, events: 1, imported: 1 });
    expect(store.users()).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('takes an empty body as an export with no events yet', async () => {
    http.set((_req, res) => res.writeHead(200, { ETag: '"empty"' }).end());
    expect(await pull(context())).toMatchObject({ pages: 1, events: 0, imported: 0, notModified: false });
    expect(imports).toBe(0);
    expect(readValidators(store.db, store.feed.id).etag).toBe('"empty"');
  });

  it('reads a gzip Content-Encoding and a raw .gz body alike', async () => {
    http.set((req, res) => {
      if (req.url?.startsWith('/encoded')) res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(gzipSync(ndjsonOfUsers(['e1'])));
      else res.writeHead(200, { 'Content-Type': 'application/gzip' }).end(gzipSync(ndjsonOfUsers(['g1'])));
    });
    store.feed.settings.url = `${http.url}/encoded`;
    expect(await pull(context())).toMatchObject({ events: 1, imported: 1 });
    store.feed.settings.url = `${http.url}/events.ndjson.gz`;
    expect(await pull(context())).toMatchObject({ events: 1, imported: 1 });
    expect(store.users()).toEqual(['e1', 'g1']);
  });

  it("sends the feed's headers to its own origin only, not after a redirect elsewhere", async () => {
    const other = await serve();
    try {
      other.set((_req, res) => res.writeHead(200).end(NDJSON));
      http.set((req, res) => {
        if (req.url?.startsWith('/moved')) return res.writeHead(302, { Location: `${other.url}/cdn/events.ndjson` }).end();
        res.writeHead(301, { Location: '/moved' }).end();
      });
      const outcome = await pull(context({ 'header:Authorization': 'Bearer tok-123', 'header:X-Api-Key': 'k-456' }));
      expect(outcome).toMatchObject({ events: 3, imported: 3 });
      expect(http.requests.map((h) => [h.authorization, h['x-api-key']])).toEqual([
        ['Bearer tok-123', 'k-456'],
        ['Bearer tok-123', 'k-456'],
      ]);
      expect(other.requests[0]?.authorization).toBeUndefined();
      expect(other.requests[0]?.['x-api-key']).toBeUndefined();
    } finally {
      await new Promise((resolve) => other.server.close(resolve));
    }
  });

  it('says a 401 is a refusal, naming the URL without its query string or the header', async () => {
    http.set((_req, res) => res.writeHead(401).end('{"errors":["bad token"]}'));
    const err = await pull(context({ 'header:Authorization': 'Bearer tok-123' })).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'auth_failed',
      message: `${http.url}/export/events.ndjson refused the request (401); check the feed's header`,
    });
    http.set((_req, res) => res.writeHead(404).end());
    await expect(pull(context())).rejects.toMatchObject({ code: 'source_failed', message: `${http.url}/export/events.ndjson answered 404 Not Found` });
  });

  it('retries a 500 with backoff, then imports', async () => {
    let calls = 0;
    http.set((_req, res) => (++calls === 1 ? res.writeHead(500).end() : res.writeHead(200).end(NDJSON)));
    const progress: string[] = [];
    const outcome = await pull({ ...context(), progress: (p) => progress.push(p.state ?? '') });
    expect(outcome).toMatchObject({ events: 3, imported: 3 });
    expect(waits).toHaveLength(1);
    expect(progress[0]).toBe('waiting');
  });

  it('stops a download on cancel and leaves no file behind', async () => {
    http.set((_req, res) => {
      res.writeHead(200);
      res.write(NDJSON); // and never ends
    });
    const controller = new AbortController();
    const pulling = pull({ ...context(), signal: controller.signal, progress: (p) => (p.bytes ? controller.abort() : undefined) });
    await expect(pulling).rejects.toMatchObject({ name: 'CancelledError' });
    expect(privateFiles()).toEqual([]);
    expect(imports).toBe(0);
  });

  it('fails on content that is no event file, keeping no validators and no download', async () => {
    http.set((_req, res) => res.writeHead(200, { ETag: '"html"' }).end('<!DOCTYPE html><html><body>Sign in</body></html>'));
    const err = (await pull(context()).catch((e: unknown) => e)) as { code: string; message: string };
    expect(err.code).toBe('source_failed');
    expect(err.message).toMatch(new RegExp(`^${http.url}/export/events\\.ndjson: not a RUM event file`));
    expect(err.message).not.toContain(store.dir);
    expect(readValidators(store.db, store.feed.id)).toEqual({ etag: null, lastModified: null, contentHash: null });
    expect(privateFiles()).toEqual([]);
  });
});

describe('testUrl', () => {
  const signal = new AbortController().signal;

  it('says what the URL serves and how big it is', async () => {
    http.set((req, res) => {
      if (req.url === '/page.json.gz') return res.writeHead(200).end(gzipSync(JSON.stringify({ data: [{ id: 'x', type: 'rum', attributes: {} }], meta: {} })));
      if (req.headers.authorization !== 'Bearer t') return res.writeHead(403).end();
      res.writeHead(200).end(req.headers['x-empty'] ? '' : NDJSON);
    });
    const size = formatBytes(Buffer.byteLength(NDJSON));
    expect(await testUrl(`${http.url}/events?k=1`, { Authorization: 'Bearer t' }, signal)).toBe(`${http.url}/events answered 200 (ndjson, ${size})`);
    expect(await testUrl(`${http.url}/empty`, { Authorization: 'Bearer t', 'X-Empty': '1' }, signal)).toBe(`${http.url}/empty answered 200 (empty: no events yet)`);
    expect(await testUrl(`${http.url}/page.json.gz`, {}, signal)).toMatch(/answered 200 \(gzip API page, \d+ B\)$/);
    await expect(testUrl(`${http.url}/events`, {}, signal)).rejects.toMatchObject({
      code: 'auth_failed',
      message: `${http.url}/events refused the request (403); the feed sends no header: add one (a bearer token or an API key)`,
    });
  });

  it('says a server that does not answer in time did not, rather than "cancelled"', async () => {
    http.set(() => undefined); // never answers
    await expect(testUrl(`${http.url}/slow`, {}, AbortSignal.timeout(300))).rejects.toMatchObject({
      code: 'source_failed',
      message: `${http.url}/slow did not answer in time`,
    });
  });

  it('refuses a page that is no event file', async () => {
    http.set((_req, res) => res.writeHead(200).end('<html>login</html>'));
    await expect(testUrl(`${http.url}/x`, {}, signal)).rejects.toMatchObject({ code: 'source_failed', message: expect.stringContaining(`${http.url}/x: not a RUM event file`) as unknown });
  });
});
