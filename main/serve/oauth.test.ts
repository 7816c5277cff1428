/** The browser host's Salesforce sign-in routes over a dispatcher with fake OAuth handlers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSP } from '../../common/csp';
import type { Handlers } from '../../common/contract';
import { ApiError, createDispatcher } from '../core/dispatcher';
import { createEventBus } from '../core/events';
import { oauthPage, oauthRedirectUri } from './oauth';
import { startServer, type RunningServer } from './server';
import { request } from './test-http';
import { createUploadStore } from './uploads';

const TOKEN = 'test-token';
const LOGIN = 'https://login.salesforce.com/services/oauth2/authorize?response_type=code&client_id=abc&code_challenge=xyz';
let server: RunningServer;
let dir: string;
let started: Array<{ name: string; redirectUri: string }>;
let finished: Array<{ state: string; code: string }>;
let loginUrl: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-oauth-'));
  started = [];
  finished = [];
  loginUrl = LOGIN;
  const handlers = {
    'connections.oauthStart': (input: { name: string; redirectUri: string }) => {
      if (input.name !== 'crm') throw new ApiError('not_found', `No connection "${input.name}"`);
      started.push(input);
      return { url: loginUrl, state: 'STATE-1' };
    },
    'connections.oauthFinish': (input: { state: string; code: string }) => {
      finished.push(input);
      if (input.state !== 'STATE-1') throw new ApiError('auth_failed', 'This sign-in has expired or was already used: start again');
      return { id: 1, name: 'crm', kind: 'salesforce', fields: {}, secrets: ['accessToken'], identity: '<b>ana</b>@acme.com', createdAt: '', updatedAt: '' };
    },
  } as unknown as Handlers;
  const uploads = await createUploadStore({ parent: dir });
  server = await startServer({ core: { dispatch: createDispatcher(handlers, { log: () => {} }), events: createEventBus() }, uploads, port: 0, staticDir: dir, token: TOKEN });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, host?: string) => request(server.port, { path, headers: host ? { host } : {} });

describe('GET /oauth/start', () => {
  it('asks the core for the login page with this server’s callback, and redirects there', async () => {
    const r = await get(`/oauth/start?name=crm&token=${TOKEN}`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(LOGIN);
    expect(r.headers['referrer-policy']).toBe('no-referrer'); // the token stays here
    expect(started).toEqual([{ name: 'crm', redirectUri: `http://127.0.0.1:${server.port}/oauth/callback` }]);
    expect(oauthRedirectUri(server.port)).toBe(started[0]!.redirectUri);
  });

  it('needs the token, a known connection, a web login URL and GET', async () => {
    for (const path of ['/oauth/start?name=crm', '/oauth/start?name=crm&token=wrong']) {
      const r = await get(path);
      expect(r.status).toBe(401);
      expect(r.body).toContain('start the sign-in from the app');
    }
    const unknown = await get(`/oauth/start?name=other&token=${TOKEN}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('No connection &quot;other&quot;');
    const missing = await get(`/oauth/start?token=${TOKEN}`);
    expect(missing.status).toBe(400);
    loginUrl = 'javascript:alert(1)';
    expect((await get(`/oauth/start?name=crm&token=${TOKEN}`)).status).toBe(500);
    expect((await request(server.port, { method: 'POST', path: `/oauth/start?name=crm&token=${TOKEN}` })).status).toBe(405);
    expect((await get(`/oauth/start?name=crm&token=${TOKEN}`, 'evil.example')).status).toBe(403);
  });
});

describe('GET /oauth/callback', () => {
  it('finishes the flow with code and state (no token) and says who is connected, escaped, under the CSP', async () => {
    const r = await get('/oauth/callback?code=aPrx%3D%3D&state=STATE-1');
    expect(r.status).toBe(200);
    expect(finished).toEqual([{ state: 'STATE-1', code: 'aPrx==' }]);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.body).toContain('Connected as &lt;b&gt;ana&lt;/b&gt;@acme.com');
    expect(r.body).toContain('You can close this tab');
    expect(r.body).not.toContain('<b>');
    expect(r.body).not.toContain('<script');
  });

  it('shows the core’s refusal of a wrong state, and Salesforce’s own refusal without calling the core', async () => {
    const stale = await get('/oauth/callback?code=x&state=STATE-0');
    expect(stale.status).toBe(400);
    expect(stale.body).toContain('This sign-in has expired or was already used');
    const denied = await get('/oauth/callback?error=access_denied&error_description=end-user%20denied%20%3Cauthorization%3E&state=STATE-1');
    expect(denied.status).toBe(400);
    expect(denied.body).toContain('Salesforce refused the sign-in: end-user denied &lt;authorization&gt;');
    const bare = await get('/oauth/callback');
    expect(bare.body).toContain('without a code');
    expect(finished).toEqual([{ state: 'STATE-0', code: 'x' }]);
  });
});

describe('oauthPage', () => {
  it('escapes title and message', () => {
    const page = oauthPage('"quoted" & <tag>', "it's", true);
    expect(page).toContain('&quot;quoted&quot; &amp; &lt;tag&gt;');
    expect(page).toContain('it&#39;s');
  });
});
