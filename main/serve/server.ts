/**
 * The browser host's HTTP server (protocol in common/bridge.ts), bound to 127.0.0.1 only.
 * Order of checks on every request: Host header (DNS rebinding), then per route the token,
 * then the HTTP verb.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX } from '../../common/bridge';
import type { Dispatch } from '../core/dispatcher';
import type { EventBus } from '../core/events';
import { allowedHosts, headerToken, hostAllowed, newToken, originAllowed, tokenMatches } from './auth';
import { BodyTimeout, BodyTooLarge, readBody, resultStatus, sendError, sendJson, setSecurityHeaders } from './http';
import type { DownloadStore } from './downloads';
import { handleOAuth, isOAuthRoute } from './oauth';
import { createEventStreams } from './sse';
import { serveStatic } from './static';
import { UploadInterrupted, UploadRefused, type UploadStore } from './uploads';

/** `GET /api/download/<id>?token=…`: an export's file, once. */
export const DOWNLOAD_ROUTE = 'download/';
export const MAX_BODY_BYTES = 1024 * 1024;
/** An API call's JSON body must arrive within this (uploads have no deadline). */
export const BODY_TIMEOUT_MS = 30_000;

export interface ServerOptions {
  /** The part of the core the host needs (a full Core fits). */
  core: { dispatch: Dispatch; events: EventBus };
  /** The uploads, which the core was given as its import sources; deleted on close. */
  uploads: UploadStore;
  /** The exports waiting to be downloaded, which the core was given as its export targets; deleted on close. */
  downloads?: DownloadStore;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer. */
  staticDir: string;
  /** Fixed token, for tests; a random one per launch otherwise. */
  token?: string;
  /** SSE heartbeat interval, for tests (default 15 s). */
  heartbeatMs?: number;
  /** Deadline for an API call's body, for tests (default 30 s). */
  bodyTimeoutMs?: number;
  /** Where request faults are logged (the dispatcher logs its own); default stderr. */
  log?: (line: string) => void;
}

export interface RunningServer {
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT/#token=TOKEN` */
  url: string;
  /** Stops listening, ends event streams, deletes uploads and downloads. Does not close the core. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const { uploads, core } = options;
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const bodyTimeoutMs = options.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  const streams = createEventStreams(core.events, options.heartbeatMs);
  let hosts = new Set<string>();
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    if (!hostAllowed(req, hosts)) return sendError(res, 403, 'forbidden', 'Host not allowed');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    // Salesforce sign-in: navigations of the tab, checked in oauth.ts (the callback has no token).
    if (isOAuthRoute(path)) return handleOAuth(req, res, url, { dispatch: core.dispatch, token, port });
    if (!path.startsWith(API_PREFIX)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, 405, 'forbidden', 'Method not allowed', { Allow: 'GET, HEAD' });
      }
      return serveStatic(req, res, options.staticDir, path);
    }

    const name = path.slice(API_PREFIX.length);
    if (name === 'events') {
      if (!tokenMatches(token, url.searchParams.get('token'))) return unauthorized(res);
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      return streams.open(res);
    }
    if (name.startsWith(DOWNLOAD_ROUTE)) {
      // A download is a navigation, which cannot send headers: the token comes in the query string.
      if (!tokenMatches(token, url.searchParams.get('token'))) return unauthorized(res);
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      if (!options.downloads) return sendError(res, 404, 'not_found', 'No such download');
      return options.downloads.send(res, name.slice(DOWNLOAD_ROUTE.length));
    }
    if (!tokenMatches(token, headerToken(req))) return unauthorized(res);
    if (!originAllowed(req, hosts)) return sendError(res, 403, 'forbidden', 'Origin not allowed');
    if (name === '' || name.includes('/')) return sendError(res, 404, 'unknown_method', 'Not found');
    if (req.method !== 'POST') return notAllowed(res, 'POST');

    if (name === 'upload') return receiveUpload(req, res, uploads, url.searchParams.get('name'));
    let input: unknown;
    try {
      const body = await readBody(req, MAX_BODY_BYTES, bodyTimeoutMs);
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        return sendError(res, 413, 'invalid_input', 'Request body exceeds 1 MB', { Connection: 'close' });
      }
      if (err instanceof BodyTimeout) {
        return sendError(res, 408, 'invalid_input', `Request body not received within ${bodyTimeoutMs / 1000} s`, { Connection: 'close' });
      }
      return sendError(res, 400, 'invalid_input', 'Request body is not valid JSON');
    }
    const result = await core.dispatch(name, input);
    sendJson(res, resultStatus(result), result);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // The pathname only: the events URL carries the token in its query string.
      const path = (req.url ?? '').split('?')[0];
      log(`profile-desk serve: ${req.method} ${path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) sendError(res, 500, 'internal', 'Request failed');
      else res.destroy();
    });
  });
  // Uploads can be gigabytes: no whole-request deadline, but headers must come quickly.
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);

  let closing: Promise<void> | null = null;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close() {
      closing ??= (async () => {
        streams.closeAll();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // An upload in flight would hold close() open; give it a moment, then cut it.
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        await closed;
        clearTimeout(force);
        await uploads.dispose();
        await options.downloads?.dispose();
      })();
      return closing;
    },
  };
}

async function receiveUpload(req: IncomingMessage, res: ServerResponse, uploads: UploadStore, name: string | null): Promise<void> {
  try {
    const id = await uploads.receive(req, name);
    sendJson(res, 200, { ok: true, value: { uploadId: id } });
  } catch (err) {
    if (err instanceof UploadRefused) {
      // The rest of a refused body is not read: close the connection rather than drain it.
      return sendError(res, err.status, 'invalid_input', err.message, { Connection: 'close' });
    }
    // The browser went away (a cancelled upload): nobody is left to answer.
    if (err instanceof UploadInterrupted) return void res.destroy();
    throw err;
  }
}

function unauthorized(res: ServerResponse): void {
  sendError(res, 401, 'forbidden', 'Missing or wrong token');
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendError(res, 405, 'forbidden', 'Method not allowed', { Allow: allow });
}
