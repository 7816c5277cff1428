/**
 * Salesforce OAuth (web-server flow with PKCE) in the browser host. The page opens
 * `GET /oauth/start?name=<connection>&token=…` in a new tab (a navigation cannot send the token
 * header, like downloads); the core makes the authorize URL and the tab is sent there. The login
 * page comes back to `GET /oauth/callback?code&state` on this server: no token there (Salesforce
 * cannot know it), the state is the flow's one-time secret, which the core checks before it
 * trades the code for tokens. The tab then shows who is connected, or why not.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectionInfo } from '../../common/attributes';
import type { Result } from '../../common/types';
import type { Dispatch } from '../core/dispatcher';
import { tokenMatches } from './auth';

export const OAUTH_START = '/oauth/start';
export const OAUTH_CALLBACK = '/oauth/callback';

export function isOAuthRoute(path: string): boolean {
  return path === OAUTH_START || path === OAUTH_CALLBACK;
}

/** The callback URL to register in the connected app; the port is the server's (serve --port). */
export function oauthRedirectUri(port: number): string {
  return `http://127.0.0.1:${port}${OAUTH_CALLBACK}`;
}

export interface OAuthRouteOptions {
  dispatch: Dispatch;
  token: string;
  port: number;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small page under the app's CSP (set on every response by setSecurityHeaders): no script. */
export function oauthPage(title: string, message: string, ok: boolean): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)} — Profile Desk</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:36rem;padding:0 1rem;color:#1f2933}
h1{font-size:1.25rem;color:${ok ? '#1b7f3b' : '#b3261e'}}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>
`;
}

function sendPage(res: ServerResponse, status: number, title: string, message: string, ok: boolean): void {
  const body = oauthPage(title, message, ok);
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function failedPage(res: ServerResponse, status: number, message: string): void {
  sendPage(res, status, 'Salesforce sign-in failed', message, false);
}

async function start(res: ServerResponse, url: URL, options: OAuthRouteOptions): Promise<void> {
  if (!tokenMatches(options.token, url.searchParams.get('token'))) {
    return failedPage(res, 401, 'This link lacks the Profile Desk token: start the sign-in from the app.');
  }
  const name = url.searchParams.get('name') ?? '';
  const started = await options.dispatch('connections.oauthStart', { name, redirectUri: oauthRedirectUri(options.port) });
  if (!started.ok) return failedPage(res, started.error.code === 'internal' ? 500 : 400, started.error.message);
  const { url: loginUrl } = started.value as { url: string };
  // Only a web page: a Location such as javascript: or file: would not be Salesforce's.
  if (!/^https?:\/\//i.test(loginUrl)) return failedPage(res, 500, 'The login URL is not a web address.');
  res.writeHead(302, { Location: loginUrl, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

async function callback(res: ServerResponse, url: URL, options: OAuthRouteOptions): Promise<void> {
  const q = url.searchParams;
  const error = q.get('error');
  if (error !== null) return failedPage(res, 400, `Salesforce refused the sign-in: ${q.get('error_description') || error}`);
  const code = q.get('code');
  const state = q.get('state');
  if (!code || !state) return failedPage(res, 400, 'The login page came back without a code: start the sign-in again from the app.');
  const finished = (await options.dispatch('connections.oauthFinish', { state, code })) as Result<ConnectionInfo>;
  if (!finished.ok) return failedPage(res, finished.error.code === 'internal' ? 500 : 400, finished.error.message);
  const who = finished.value.identity ?? `"${finished.value.name}"`;
  sendPage(res, 200, `Connected as ${who}`, 'You can close this tab and go back to Profile Desk.', true);
}

/** Answers /oauth/start and /oauth/callback (GET only). */
export async function handleOAuth(req: IncomingMessage, res: ServerResponse, url: URL, options: OAuthRouteOptions): Promise<void> {
  if (req.method !== 'GET') {
    res.writeHead(405, { Allow: 'GET', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Method not allowed');
    return;
  }
  return url.pathname === OAUTH_START ? start(res, url, options) : callback(res, url, options);
}
