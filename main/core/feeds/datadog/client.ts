/**
 * One page of the Datadog RUM Events API: `POST {base}/api/v2/rum/events/search` (RUM.md).
 *
 * Hand-written rather than @datadog/datadog-api-client because that client
 * - reads DD_SITE / DD_API_KEY / DD_APP_KEY from the environment in createConfiguration(), and
 *   DD_SITE changes a module-global server for every later configuration: a feed's own site and
 *   keys must be the only ones used;
 * - retries 429/5xx only with `enableRetry`, and not at all a `meta.status: "timeout"` page
 *   (partial results, which must be fetched again rather than committed);
 * - mutates the request body in its pagination helpers, and drops a Date's milliseconds from
 *   `filter.from` (we send ISO strings with milliseconds ourselves).
 * The request is small: one JSON body, two key headers, a cursor.
 *
 * Keys go only in the `DD-API-KEY` / `DD-APPLICATION-KEY` headers, never in the URL or body, and
 * never into an error message.
 */
import { ApiError } from '../../dispatcher';
import { CancelledError } from '../../jobs/cancelled';
import { abortableSleep, fetchWithRetry, HttpError, timesInWords, type HttpOptions } from '../http';

export interface DatadogKeys {
  apiKey: string;
  appKey: string;
}

/** A search: the RUM query and the window, ms since epoch, sent as ISO strings with milliseconds. */
export interface SearchWindow {
  query: string;
  from: number;
  to: number;
}

export interface RumSearchPage {
  /** API items `{id, type: "rum", attributes: {attributes, timestamp, service, tags}}`. */
  items: unknown[];
  /** The next page's cursor; null on the last page. */
  after: string | null;
}

export type SearchOptions = Omit<HttpOptions, 'signal'> & {
  signal: AbortSignal;
  /** Items per page, at most 1000 (default 1000). */
  limit?: number;
  /** Times a partial page (`meta.status: "timeout"`) is asked again before the pull fails (default 3). */
  timeoutRetries?: number;
};

export const SEARCH_PATH = '/api/v2/rum/events/search';
const DEFAULT_LIMIT = 1000;
const DEFAULT_TIMEOUT_RETRIES = 3;
const PERMISSION_HINT = 'The application key needs the rum_apps_read permission.';

/** A time as Datadog takes it, always with milliseconds (`2025-01-01T00:00:00.000Z`). */
export const isoMs = (ms: number): string => new Date(ms).toISOString();

/** A window for messages and logs: `query` from → to. */
export const describeWindow = (w: SearchWindow): string => `"${w.query}" from ${isoMs(w.from)} to ${isoMs(w.to)}`;

/** The search request's body: keys are never part of it. */
export function searchBody(window: SearchWindow, cursor: string | null, limit = DEFAULT_LIMIT): object {
  return {
    filter: { query: window.query, from: isoMs(window.from), to: isoMs(window.to) },
    page: cursor ? { limit, cursor } : { limit },
    sort: 'timestamp',
  };
}

export async function searchRumPage(
  base: string,
  keys: DatadogKeys,
  window: SearchWindow,
  cursor: string | null,
  options: SearchOptions,
): Promise<RumSearchPage> {
  const { limit = DEFAULT_LIMIT, timeoutRetries = DEFAULT_TIMEOUT_RETRIES, ...http } = options;
  const url = `${base.replace(/\/+$/, '')}${SEARCH_PATH}`;
  const init: RequestInit = {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'DD-API-KEY': keys.apiKey, 'DD-APPLICATION-KEY': keys.appKey },
    body: JSON.stringify(searchBody(window, cursor, limit)),
  };
  const sleep = http.sleep ?? abortableSleep;
  const baseDelayMs = http.baseDelayMs ?? 1000;

  let partials = 0;
  let cutOff = 0;
  for (;;) {
    const response = await send(url, init, { ...http, timeoutIncludesBody: true });
    let text: string;
    try {
      text = await response.text();
    } catch {
      // The connection dropped or the attempt's timeout fired mid-body: ask again, like a network error.
      if (http.signal.aborted) throw new CancelledError('Pull cancelled');
      cutOff += 1;
      if (cutOff > (http.retries ?? 4)) throw new ApiError('source_failed', `Datadog could not be read: the answer from ${new URL(url).host} was cut off ${timesInWords(cutOff)}`);
      const waitMs = baseDelayMs * 2 ** (cutOff - 1);
      http.onWait?.({ reason: 'network', waitMs, attempt: cutOff });
      await sleep(waitMs, http.signal);
      continue;
    }
    if (!response.ok) throw refusal(response.status, text);

    const body = parseBody(text);
    if (body.meta?.status === 'timeout') {
      partials += 1;
      if (partials > timeoutRetries) {
        throw new ApiError('source_failed', `Datadog timed out on the search ${partials} times (partial results); try a narrower query`);
      }
      const waitMs = baseDelayMs * partials;
      http.onWait?.({ reason: 'timeout', waitMs, attempt: partials });
      await sleep(waitMs, http.signal);
      continue;
    }
    const after = body.meta?.page?.after;
    return { items: body.data, after: body.data.length > 0 && typeof after === 'string' && after !== '' ? after : null };
  }
}

async function send(url: string, init: RequestInit, options: HttpOptions): Promise<Response> {
  try {
    return await fetchWithRetry(url, init, options);
  } catch (err) {
    if (err instanceof HttpError) throw new ApiError('source_failed', `Datadog could not be read: ${err.message}`);
    throw err;
  }
}

interface SearchResponse {
  data: unknown[];
  meta?: { status?: unknown; page?: { after?: unknown } };
}

function parseBody(text: string): SearchResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError('source_failed', `Datadog answered something other than JSON: ${excerpt(text)}`);
  }
  if (!body || typeof body !== 'object' || !Array.isArray((body as { data?: unknown }).data)) {
    throw new ApiError('source_failed', `Datadog answered without a data list: ${excerpt(text)}`);
  }
  return body as SearchResponse;
}

/** A 4xx as the user can act on it: a bad query, keys refused, or anything else. */
function refusal(status: number, text: string): ApiError {
  const reason = errorsText(text);
  if (status === 400) return new ApiError('bad_query', `Datadog refused the request (400): ${reason}`);
  if (status === 401 || status === 403) return new ApiError('auth_failed', `Datadog refused the keys (${status}): ${reason}. ${PERMISSION_HINT}`);
  return new ApiError('source_failed', `Datadog answered ${status}: ${reason}`);
}

/** Datadog's `{"errors": ["…"]}` (or `[{title, detail}]`), else the start of the body. */
function errorsText(text: string): string {
  try {
    const errors = (JSON.parse(text) as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      return errors
        .map((e) => (typeof e === 'string' ? e : e && typeof e === 'object' ? [(e as Record<string, unknown>).title, (e as Record<string, unknown>).detail].filter(Boolean).join(': ') : String(e)))
        .join('; ')
        .replace(/\.$/, '');
    }
  } catch {
    // not JSON: the text itself
  }
  return excerpt(text) || 'no reason given';
}

const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
};
