/** Small response helpers shared by the browser host's routes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode, Result } from '../../common/types';
import { CSP } from '../../common/csp';

/** Headers on every response, whatever the route. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** A transport-level failure, still shaped as a Result so clients can show the message. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const body: Result<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

/**
 * The HTTP status of a dispatcher result: the caller's mistakes are 4xx, a fault of the host
 * 500; the body is the Result envelope whatever the status, so clients read the message from it.
 */
export function resultStatus(result: Result<unknown>): number {
  if (result.ok) return 200;
  switch (result.error.code) {
    case 'invalid_input':
    case 'bad_query':
      return 400;
    case 'unknown_method':
      return 404;
    case 'internal':
      return 500;
    default:
      // not_found, forbidden, import_failed, cancelled: answers about the data, not the request.
      return 200;
  }
}

export class BodyTooLarge extends Error {}
export class BodyTimeout extends Error {}

/**
 * Reads the whole request body, refusing more than `limit` bytes or a body still incomplete
 * after `timeoutMs` (a client trickling bytes would otherwise hold the request forever; the
 * server's own requestTimeout cannot be used, as uploads may take hours).
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err: Error): void => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      req.resume(); // drain so the error response can be delivered
      reject(err);
    };
    const timer = setTimeout(() => stop(new BodyTimeout()), timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(new BodyTooLarge());
      chunks.push(chunk);
    });
    req.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
