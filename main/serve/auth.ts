/**
 * Who may talk to the browser host: a caller that knows the per-launch token, through a Host
 * header naming this very server (a DNS-rebinding page sends its own host name instead).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER } from '../../common/bridge';

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

export function headerToken(req: IncomingMessage): string | undefined {
  const value = req.headers[TOKEN_HEADER];
  return Array.isArray(value) ? value[0] : value;
}

/** The Host values this server answers to. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hostAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && hosts.has(host.toLowerCase());
}

/**
 * Browsers send Origin on cross-origin requests and on POSTs. When present it must be ours:
 * a defence in depth beside the token, which another origin cannot read anyway.
 */
export function originAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  for (const host of hosts) if (origin.toLowerCase() === `http://${host}`) return true;
  return false;
}
