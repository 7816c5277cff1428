/**
 * How jsforce talks HTTP in this app. jsforce 3.10.16 keeps its request settings in one
 * module-wide object (set when its transport loads): it applies HTTP(S)_PROXY to every host,
 * 127.0.0.1 included, ignores NO_PROXY, retries GETs five times on 5xx and network errors
 * (~15 s before an unreachable server is reported) and waits 30 minutes for an answer.
 * We replace those defaults once, and choose the proxy per connection instead.
 */
import 'jsforce';
import * as jsforceRequest from 'jsforce/lib/request.js';

export interface SalesforceHttpOptions {
  /** Retries of a GET that got 429/5xx or a network error (jsforce backs off 0.5 s, 1 s, 2 s, …). Default 2. */
  maxRetries?: number;
  /** How long one request may wait for an answer. Default 5 minutes (Salesforce ends a query after 2). */
  timeoutMs?: number;
}

const DEFAULTS: Required<SalesforceHttpOptions> = { maxRetries: 2, timeoutMs: 5 * 60_000 };

/** Applies to every Salesforce connection of the process. Tests pass `{ maxRetries: 0 }`. */
export function configureSalesforceHttp(options: SalesforceHttpOptions = {}): void {
  const { maxRetries, timeoutMs } = { ...DEFAULTS, ...options };
  // No httpProxy here: proxyFor() decides per connection (see below).
  jsforceRequest.setDefaults({ followRedirect: true, timeout: timeoutMs, retry: { maxRetries } });
}

configureSalesforceHttp();

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/**
 * The proxy a request to `url` should go through: HTTPS_PROXY / HTTP_PROXY (either case) as
 * curl reads them, never for loopback hosts or hosts NO_PROXY lists (`*`, `host`, `.domain`,
 * `domain`, optionally with `:port`).
 */
export function proxyFor(url: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return undefined;
  }
  const host = target.hostname.toLowerCase();
  if (LOOPBACK.test(host)) return undefined;
  const pick = (...names: string[]): string | undefined => names.map((n) => env[n]).find((v) => v !== undefined && v !== '');
  const proxy = target.protocol === 'https:'
    ? pick('https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY')
    : pick('http_proxy', 'HTTP_PROXY');
  if (!proxy) return undefined;
  const noProxy = pick('no_proxy', 'NO_PROXY') ?? '';
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return undefined;
    const [entryHost = '', entryPort] = entry.split(/:(?=\d+$)/);
    if (entryPort && entryPort !== port) continue;
    const domain = entryHost.replace(/^\*?\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return undefined;
  }
  return proxy;
}
