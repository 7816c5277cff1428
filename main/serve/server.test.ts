/** The browser host over a fake core: protocol, auth, uploads, SSE, static files. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../common/bridge';
import type { Handlers } from '../../common/contract';
import { createDispatcher } from '../core/dispatcher';
import { createEventBus, type EventBus } from '../core/events';
import { startServer, type RunningServer } from './server';
import { readEvents, request, sseMessages } from './test-http';

const TOKEN = 'test-token';
let server: RunningServer;
let events: EventBus;
let staticDir: string;
let started: string[][];

beforeEach(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'profile-desk-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Profile Desk</title>');
  writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(staticDir, 'assets', 'app-1234.css'), 'body{}');
  events = createEventBus();
  started = [];
  const handlers = {
    'store.info': () => ({ dbPath: '/db', users: 1, accounts: 2 }),
    'imports.start': (i: { paths: string[] }) => {
      started.push(i.paths);
      return { jobId: `job-${started.length}` };
    },
  } as unknown as Handlers;
  server = await startServer({ core: { dispatch: createDispatcher(handlers), events }, port: 0, staticDir, token: TOKEN, heartbeatMs: 50 });
});

afterEach(async () => {
  await server.close();
  rmSync(staticDir, { recursive: true, force: true });
});

const api = (method: string, body: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: TOKEN }) =>
  request(server.port, { method: 'POST', path: `/api/${method}`, headers, body: JSON.stringify(body) });

describe('API', () => {
  it('listens on 127.0.0.1 and prints a tokened URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${TOKEN}`);
  });

  it('requires the token', async () => {
    expect((await api('store.info', {}, {})).status).toBe(401);
    expect((await api('store.info', {}, { [TOKEN_HEADER]: 'wrong' })).status).toBe(401);
    const ok = await api('store.info', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { dbPath: '/db', users: 1, accounts: 2 } });
  });

  it('answers unknown methods and invalid input with error codes', async () => {
    expect(JSON.parse((await api('nope.nope', {})).body).error.code).toBe('unknown_method');
    expect(JSON.parse((await api('users.page', { offset: -1 })).body).error.code).toBe('invalid_input');
  });

  it('refuses other verbs, odd paths, big and malformed bodies', async () => {
    const h = { [TOKEN_HEADER]: TOKEN };
    expect((await request(server.port, { path: '/api/store.info', headers: h })).status).toBe(405);
    expect((await request(server.port, { method: 'POST', path: '/api/', headers: h })).status).toBe(404);
    expect((await request(server.port, { method: 'POST', path: '/api/a/b', headers: h })).status).toBe(404);
    const big = await request(server.port, { method: 'POST', path: '/api/store.info', headers: h, body: 'x'.repeat(1024 * 1024 + 1) });
    expect(big.status).toBe(413);
    const bad = await request(server.port, { method: 'POST', path: '/api/store.info', headers: h, body: '{oops' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid_input');
  });

  it('refuses foreign Host and Origin headers (DNS rebinding)', async () => {
    const h = { [TOKEN_HEADER]: TOKEN };
    expect((await request(server.port, { path: '/', headers: { host: `evil.example:${server.port}` } })).status).toBe(403);
    expect((await request(server.port, { path: '/', headers: { host: '127.0.0.1:1' } })).status).toBe(403);
    expect((await request(server.port, { path: '/', headers: { host: `localhost:${server.port}` } })).status).toBe(200);
    const foreign = await api('store.info', {}, { ...h, origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await api('store.info', {}, { ...h, origin: `http://localhost:${server.port}` })).status).toBe(200);
  });
});

describe('events', () => {
  it('needs the token and forwards core events, with heartbeats', async () => {
    expect((await readEvents(server.port, '/api/events', () => true)).status).toBe(401);
    expect((await readEvents(server.port, '/api/events?token=nope', () => true)).status).toBe(401);
    const got = await readEvents(
      server.port,
      `/api/events?token=${TOKEN}`,
      (t) => t.includes('profiles.changed') && t.includes(': heartbeat'),
      () => setTimeout(() => events.emit('profiles.changed', { kinds: ['user'] }), 20),
    );
    expect(sseMessages(got.text)).toEqual([{ event: 'profiles.changed', data: { kinds: ['user'] } }]);
  });
});

describe('uploads', () => {
  const upload = async (name: string, body: string) => {
    const r = await request(server.port, { method: 'POST', path: `/api/upload?name=${encodeURIComponent(name)}`, headers: { [TOKEN_HEADER]: TOKEN }, body });
    return JSON.parse(r.body) as { ok: true; value: { uploadId: string } };
  };

  it('stores uploads privately and lets imports.start take only their ids', async () => {
    expect((await request(server.port, { method: 'POST', path: '/api/upload?name=a', body: 'x' })).status).toBe(401);
    const { value } = await upload('../../evil\\dir/events.ndjson', '{"a":1}\n');
    expect(value.uploadId).toMatch(/^[0-9a-f]{32}$/);

    const hostPath = await api('imports.start', { paths: ['/etc/passwd'] });
    expect(JSON.parse(hostPath.body).error.code).toBe('invalid_input');
    expect(started).toEqual([]);

    const ok = JSON.parse((await api('imports.start', { paths: [value.uploadId] })).body);
    expect(ok).toEqual({ ok: true, value: { jobId: 'job-1' } });
    const path = started[0]![0]!;
    expect(basename(path)).toBe('events.ndjson');
    expect(path.startsWith(tmpdir())).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n');

    // Claimed by the running job: not usable twice.
    expect(JSON.parse((await api('imports.start', { paths: [value.uploadId] })).body).error.code).toBe('invalid_input');

    const sse = readEvents(server.port, `/api/events?token=${TOKEN}`, (t) => t.includes('job.finished'), () =>
      events.emit('job.finished', { jobId: 'job-1', kind: 'import', ok: false, error: { code: 'import_failed', message: `failed ${path}` } }),
    );
    const message = sseMessages((await sse).text)[0]!;
    expect(JSON.stringify(message)).not.toContain(tmpdir()); // temp paths shown as file names
    expect(JSON.stringify(message)).toContain('failed events.ndjson');
    await expect.poll(() => existsSync(path)).toBe(false);
  });

  it('deletes leftover uploads on close', async () => {
    const { value } = await upload('left.json', '[]');
    await api('imports.start', { paths: [value.uploadId] });
    const path = started[0]![0]!;
    expect(existsSync(path)).toBe(true);
    await server.close();
    expect(existsSync(path)).toBe(false);
  });
});

describe('static files', () => {
  it('serves the renderer with content types and security headers', async () => {
    const index = await request(server.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await request(server.port, { path: '/assets/app-1234.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await request(server.port, { path: '/assets/app-1234.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await request(server.port, { method: 'HEAD', path: '/index.html' })).status).toBe(200);
    expect((await request(server.port, { method: 'POST', path: '/index.html' })).status).toBe(405);
    expect((await request(server.port, { path: '/missing.js' })).status).toBe(404);
    expect((await request(server.port, { path: '/assets' })).status).toBe(404);
  });

  it('never leaves the renderer folder', async () => {
    writeFileSync(join(staticDir, '..', `${basename(staticDir)}-secret.txt`), 'secret');
    symlinkSync('/etc', join(staticDir, 'etc-link'));
    const attempts = [
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/assets/..%5c..%5c..%5cetc%5cpasswd',
      `/..%2f${basename(staticDir)}-secret.txt`,
      '/etc-link/passwd',
      '/index.html%00.js',
    ];
    for (const path of attempts) {
      const r = await request(server.port, { path });
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('root:');
      expect(r.body).not.toContain('secret');
    }
    rmSync(join(staticDir, '..', `${basename(staticDir)}-secret.txt`));
  });
});
