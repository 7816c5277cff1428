/**
 * The browser host's HTTP server (protocol in common/bridge.ts), bound to 127.0.0.1 only.
 * Order of checks on every request: Host header (DNS rebinding), then per route the token,
 * then the HTTP verb.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX } from '../../common/bridge';
import type { JobFinished } from '../../common/types';
import type { Dispatch } from '../core/dispatcher';
import type { EventBus } from '../core/events';
import { allowedHosts, headerToken, hostAllowed, newToken, originAllowed, tokenMatches } from './auth';
import { createHostDispatch } from './dispatch';
import { BodyTooLarge, readBody, sendError, sendJson, setSecurityHeaders } from './http';
import { createEventStreams } from './sse';
import { serveStatic } from './static';
import { createUploadStore } from './uploads';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerOptions {
  /** The part of the core the host needs (a full Core fits). */
  core: { dispatch: Dispatch; events: EventBus };
  /** 0 picks a free port. */
  port: number;
  /** The built renderer. */
  staticDir: string;
  /** Fixed token, for tests; a random one per launch otherwise. */
  token?: string;
  /** SSE heartbeat interval, for tests (default 15 s). */
  heartbeatMs?: number;
}

export interface RunningServer {
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT/#token=TOKEN` */
  url: string;
  /** Stops listening, ends event streams, deletes uploads. Does not close the core. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const uploads = await createUploadStore();
  const dispatch = createHostDispatch(options.core.dispatch, uploads);
  const streams = createEventStreams(options.core.events, (m) => uploads.redact(m), options.heartbeatMs);
  const unsubscribe = options.core.events.subscribe((m) => {
    // EventMessage is not a discriminated union, hence the cast after checking the name.
    if (m.event === 'job.finished') uploads.jobFinished((m.data as JobFinished).jobId);
  });
  let hosts = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    if (!hostAllowed(req, hosts)) return sendError(res, 403, 'forbidden', 'Host not allowed');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
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
    if (!tokenMatches(token, headerToken(req))) return unauthorized(res);
    if (!originAllowed(req, hosts)) return sendError(res, 403, 'forbidden', 'Origin not allowed');
    if (name === '' || name.includes('/')) return sendError(res, 404, 'unknown_method', 'Not found');
    if (req.method !== 'POST') return notAllowed(res, 'POST');

    if (name === 'upload') {
      const id = await uploads.receive(req, url.searchParams.get('name'));
      return sendJson(res, 200, { ok: true, value: { uploadId: id } });
    }
    let input: unknown;
    try {
      const body = await readBody(req, MAX_BODY_BYTES);
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        return sendError(res, 413, 'invalid_input', 'Request body exceeds 1 MB', { Connection: 'close' });
      }
      return sendError(res, 400, 'invalid_input', 'Request body is not valid JSON');
    }
    sendJson(res, 200, await dispatch(name, input));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // The pathname only: the events URL carries the token in its query string.
      const path = (req.url ?? '').split('?')[0];
      process.stderr.write(`profile-desk serve: ${req.method} ${path}: ${String(err)}\n`);
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
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);

  let closing: Promise<void> | null = null;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close() {
      closing ??= (async () => {
        unsubscribe();
        streams.closeAll();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // An upload in flight would hold close() open; give it a moment, then cut it.
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        await closed;
        clearTimeout(force);
        await uploads.dispose();
      })();
      return closing;
    },
  };
}

function unauthorized(res: ServerResponse): void {
  sendError(res, 401, 'forbidden', 'Missing or wrong token');
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendError(res, 405, 'forbidden', 'Method not allowed', { Allow: allow });
}
