/**
 * The built renderer is served from `app://profile-desk/`, not `file://`: a file:// page shares
 * its origin with every file on the disk, while app:// is one origin that holds only out/renderer.
 * Every response, errors included, carries the renderer's CSP (common/csp.ts, the same the
 * browser host sends).
 */
import { readFile as readFileFromDisk } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { protocol, type Session } from 'electron';
import { CSP } from '../../common/csp';
import { contentType } from '../../common/mime';

export const APP_SCHEME = 'app';
export const APP_HOST = 'profile-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the main window loads in a built app. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins and relative URLs,
 * `secure` makes it a secure context like https, `supportFetchAPI` lets the page fetch() its
 * own files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** A `..` or `.` path segment, also percent-encoded or behind a backslash. */
const DOT_SEGMENT = /(?:^|[/\\]|%2f|%5c)(?:\.|%2e){1,2}(?:$|[/\\?#]|%2f|%5c)/i;

/**
 * The file a URL names inside `root`, or why there is none. Chromium already folds `..` out of
 * standard URLs; this does not rely on it, nor on the caller, and checks the result lexically
 * (no realpath: inside app.asar there are no links, and out/renderer is our own build output).
 */
export function resolveAppFile(root: string, rawUrl: string): { file: string } | { status: 403 | 404 } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { status: 403 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 403 };
  // The path as it was sent, before URL parsing folded its dot segments away.
  const rawPath = rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\\?#]*/i, '').split(/[?#]/)[0]!;
  if (DOT_SEGMENT.test(rawPath) || DOT_SEGMENT.test(url.pathname)) return { status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { status: 403 };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || DOT_SEGMENT.test(decoded)) return { status: 403 };
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const base = resolve(root);
  const file = resolve(base, relative);
  if (!file.startsWith(base + sep)) return { status: 403 };
  return { file };
}

export interface AppProtocolOptions {
  /** The built renderer folder (out/renderer). */
  root: string;
  /** Reads a file; Node's readFile, which Electron also lets read inside app.asar. */
  readFile?: (path: string) => Promise<Uint8Array>;
}

/** The request handler for `protocol.handle('app', …)`. */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  const read = options.readFile ?? ((path: string) => readFileFromDisk(path));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const target = resolveAppFile(options.root, request.url);
    if ('status' in target) return plain(target.status, target.status === 403 ? 'Forbidden' : 'Not found');
    let body: Uint8Array;
    try {
      body = await read(target.file);
    } catch {
      // Missing, a folder, unreadable: the page only ever asks for files the build wrote.
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentType(target.file), 'Cache-Control': 'no-cache' },
    });
  };
}

/** Serves `root` on app:// in this session (after `app` is ready). */
export function handleAppProtocol(session: Session, root: string): void {
  session.protocol.handle(APP_SCHEME, createAppProtocolHandler({ root }));
}
