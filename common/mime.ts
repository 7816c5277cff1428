/**
 * Content types of the built renderer's files, for every host that serves them (the browser
 * host over HTTP, the Electron shell over app://). Unknown extensions are served as bytes, which
 * with `X-Content-Type-Options: nosniff` a browser will neither run nor render.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
};

export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/** The content type for a file name or path (by its extension, case-insensitively). */
export function contentType(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return FALLBACK_CONTENT_TYPE; // no extension, or a dot file such as `.env`
  return TYPES[name.slice(dot).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}
