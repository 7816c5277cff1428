/**
 * One GET of a url feed: retries from fetchWithRetry, redirects followed here (so the feed's
 * secret headers never go to another origin), and the server's refusals as clear errors. A URL
 * is only ever shown as scheme, host and path: its query string may hold a token.
 */
import { ApiError } from '../../dispatcher';
import { fetchWithRetry, HttpError, type HttpOptions } from '../http';

/** "https://host/path": no credentials, no query string, no fragment. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'the feed\'s URL';
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export type RequestOptions = Omit<HttpOptions, 'signal'>;

/**
 * GETs `url` with the feed's headers; resolves with a 2xx or 304 response (its body unread).
 * Throws ApiError: 'auth_failed' for 401/403, 'source_failed' for anything else the server or
 * the network refused.
 */
export async function getFeedUrl(
  url: string,
  headers: { secret: Record<string, string>; conditional: Record<string, string> },
  signal: AbortSignal,
  options: RequestOptions = {},
): Promise<Response> {
  const origin = new URL(url).origin;
  let current = url;
  for (let hop = 0; ; hop++) {
    // Secret headers go to the feed's own origin only, as browsers do with Authorization.
    const sameOrigin = new URL(current).origin === origin;
    let response: Response;
    try {
      response = await fetchWithRetry(
        current,
        { method: 'GET', redirect: 'manual', headers: { ...(sameOrigin ? headers.secret : {}), ...headers.conditional } },
        { ...options, signal },
      );
    } catch (err) {
      if (err instanceof HttpError) throw new ApiError('source_failed', `${displayUrl(url)}: ${err.message}`);
      throw err;
    }
    const location = response.headers.get('location');
    if (REDIRECTS.has(response.status) && location) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw new ApiError('source_failed', `${displayUrl(url)} redirected more than ${MAX_REDIRECTS} times`);
      current = new URL(location, current).toString();
      continue;
    }
    if ((response.status >= 200 && response.status < 300) || response.status === 304) return response;
    await response.body?.cancel().catch(() => undefined);
    const shown = displayUrl(current);
    if (response.status === 401 || response.status === 403) {
      const hint = Object.keys(headers.secret).length > 0 ? "check the feed's header" : 'the feed sends no header: add one (a bearer token or an API key)';
      throw new ApiError('auth_failed', `${shown} refused the request (${response.status}); ${hint}`);
    }
    throw new ApiError('source_failed', `${shown} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
}
