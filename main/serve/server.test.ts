/** The browser host over a fake core: protocol, auth, statuses, timeouts, SSE, static files. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../common/bridge';
import type { Handlers } from '../../common/contract';
import { createDispatcher } from '../core/dispatcher';
import { createEventBus, type EventBus } from '../core/events';
import { startServer, type RunningServer } from './server';
import { readEvents, request, sseMessages, trickle } from './test-http';
import { createUploadStore, type UploadStore } from './uploads';

const TOKEN = 'test-token';
let server: RunningServer;
let events: EventBus;
let staticDir: string;
let uploads: UploadStore;
let uploadsParent: string;

beforeEach(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'profile-desk-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Profile Desk</title>');
  writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(staticDir, 'assets', 'app-1234.css'), 'body{}');
  events = createEventBus();
  uploadsParent = mkdtempSync(join(tmpdir(), 'profile-desk-test-uploads-'));
  uploads = await createUploadStore({ parent: uploadsParent });
  const handlers = {
    'store.info': () => ({ dbPath: '/db', users: 1, accounts: 2 }),
    'users.count': () => {
      throw new Error('disk on fire');
    },
  } as unknown as Handlers;
  const dispatch = createDispatcher(handlers, { log: () => {} });
  server = await startServer({ core: { dispatch, events }, uploads, port: 0, staticDir, token: TOKEN, heartbeatMs: 50, bodyTimeoutMs: 300 });
});

afterEach(async () => {
  await server.close();
  rmSync(staticDir, { recursive: true, force: true });
  rmSync(uploadsParent, { recursive: true, force: true });
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

  it('answers unknown methods, invalid input and faults with error codes and matching statuses', async () => {
    const unknown = await api('nope.nope', {});
    expect([unknown.status, JSON.parse(unknown.body).error.code]).toEqual([404, 'unknown_method']);
    const invalid = await api('users.page', { offset: -1 });
    expect([invalid.status, JSON.parse(invalid.body).error.code]).toEqual([400, 'invalid_input']);
    const fault = await api('users.count', {});
    expect([fault.status, JSON.parse(fault.body).error.code]).toEqual([500, 'internal']);
  });

  it('gives up on a request body that does not arrive in time', async () => {
    const started = Date.now();
    const slow = await trickle(server.port, '/api/store.info', { [TOKEN_HEADER]: TOKEN }, '{"a":', 10_000);
    expect(slow.status).toBe(408);
    expect(JSON.parse(slow.body).error.message).toMatch(/not received within/);
    expect(Date.now() - started).toBeLessThan(5000);
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
