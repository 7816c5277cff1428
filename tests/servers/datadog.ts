/**
 * A Datadog stand-in for tests, speaking the RUM Events API as the feed uses it (see
 * ../shared/notes/RUM.md and tests/fixtures/rum/api__*.json): `POST /api/v2/rum/events/search`
 * (and `GET /api/v2/rum/events` with `filter[query]`, `page[cursor]`, …), items shaped like the
 * real API's, pages following opaque cursors, `DD-API-KEY` / `DD-APPLICATION-KEY` checked, and
 * Datadog's faults on demand: 429 with the X-RateLimit-* headers, 5xx, 400/401/403 with
 * `{"errors":[…]}`, a partial page (`meta.status: "timeout"`), a dropped connection.
 *
 *   import { startDatadogServer } from '../servers/datadog';
 *   import { rumEvents } from '../servers/datadog-data';
 *   const dd = await startDatadogServer({ events: rumEvents({ users: 50, start: Date.UTC(2025, 0, 1) }) });
 *   // a feed: { kind: 'datadog', baseUrl: dd.url, apiKey: dd.apiKey, appKey: dd.appKey, from: '2025-01-01T00:00:00Z' }
 *   dd.fail({ status: 429, resetSeconds: 2 }, { status: 500 });   // the next two requests
 *
 * Paging as observed on the real API: `meta.page.after` is given when a page is full, so a
 * listing whose size is a multiple of the limit ends with an empty page; a shorter page is the
 * last. A cursor carries its query, window and sort; sending it with another filter, after
 * `expireCursors()`, or garbled is a 400.
 *
 * CLI: `npx tsx tests/servers/datadog.ts [--port N] [--users N]` serves generated events until
 * killed; keys `test-api-key` / `test-app-key`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rumEvents } from './datadog-data';
import { compareStored, compileQuery, parseTime, SearchError, toApiItem, type RawEvent, type StoredEvent } from './datadog-search';
import { closeOnSignal, runIfMain } from './run-main';

export interface DatadogServerOptions {
  events?: object[];
  apiKey?: string;
  appKey?: string;
  /** Delay before each page (kill and cancel tests). */
  pageDelayMs?: number;
  /** 0 (default): a random free port. */
  port?: number;
}

export interface DatadogTestServer {
  /** `http://127.0.0.1:PORT`: a feed's baseUrl. */
  url: string;
  apiKey: string;
  appKey: string;
  /** Every request, faults included, in order (body parsed as JSON when it is JSON). */
  requests: Array<{ method: string; path: string; headers: Record<string, string | string[] | undefined>; body: unknown }>;
  /** Pages served with data (200 and `status: "done"`; not faults, not partial pages), for tests that act after N pages. */
  pagesServed: number;
  addEvents(events: object[]): void;
  /** Faults answered to the next requests, in order, instead of a page. */
  fail(...faults: DatadogFault[]): void;
  /** Invalidate every cursor handed out so far (an expired cursor is a 400). */
  expireCursors(): void;
  close(): Promise<void>;
}

export type DatadogFault =
  | { status: 429; resetSeconds: number }
  | { status: 500 | 502 | 503 }
  | { status: 400 | 401 | 403; message?: string }
  | { timeout: true }
  /** Destroys the socket before answering. */
  | { drop: true }
  /** Sends the page's headers and half its body, then destroys the socket. */
  | { truncate: true };

export const SEARCH_PATH = '/api/v2/rum/events/search';
export const LIST_PATH = '/api/v2/rum/events';
const MAX_LIMIT = 1000;
const DEFAULT_FILTER = { query: '*', from: 'now-15m', to: 'now' };

type Sort = 'timestamp' | '-timestamp';
interface Filter {
  query: string;
  from: string;
  to: string;
}
interface SearchRequest {
  /** null: none given (a GET following `links.next`): the cursor's. */
  filter: Filter | null;
  sort: Sort;
  limit: number;
  cursor: string | null;
}
interface Cursor {
  gen: number;
  filter: Filter;
  sort: Sort;
  from: number;
  to: number;
  /** The last item handed out. */
  date: number;
  id: string;
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The headers and the first half of the body, then a dead connection. */
function sendHalf(res: ServerResponse, status: number, body: unknown): void {
  const text = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': text.length });
  res.write(text.subarray(0, Math.floor(text.length / 2)), () => setTimeout(() => res.socket?.destroy(), 20));
}

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(text: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.gen === 'number' && typeof c.date === 'number' && typeof c.id === 'string' && c.filter) return c;
  } catch {
    // fall through
  }
  throw new SearchError('Invalid page cursor');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function str(value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new SearchError('Invalid filter: expected strings');
  return value;
}

function parseLimit(value: unknown): number {
  if (value === undefined) return 10;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new SearchError('Invalid page limit: expected a positive integer');
  if (n > MAX_LIMIT) throw new SearchError(`Invalid page limit: ${n} is over the maximum of ${MAX_LIMIT}`);
  return n;
}

function parseSort(value: unknown): Sort {
  if (value === undefined) return '-timestamp';
  if (value === 'timestamp' || value === '-timestamp') return value;
  throw new SearchError('Invalid sort: expected timestamp or -timestamp');
}

function searchFromPost(body: unknown): SearchRequest {
  if (body === undefined) return { filter: { ...DEFAULT_FILTER }, sort: '-timestamp', limit: 10, cursor: null };
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SearchError('Malformed request body');
  const b = body as { filter?: Record<string, unknown>; page?: Record<string, unknown>; sort?: unknown };
  const cursor = b.page?.cursor;
  if (cursor !== undefined && typeof cursor !== 'string') throw new SearchError('Invalid page cursor');
  const filter = b.filter === undefined ? (cursor ? null : { ...DEFAULT_FILTER }) : { query: str(b.filter.query, '*'), from: str(b.filter.from, 'now-15m'), to: str(b.filter.to, 'now') };
  return { filter, sort: parseSort(b.sort), limit: parseLimit(b.page?.limit), cursor: cursor ?? null };
}

function searchFromQuery(params: URLSearchParams): SearchRequest {
  const cursor = params.get('page[cursor]');
  const given = ['filter[query]', 'filter[from]', 'filter[to]'].some((k) => params.has(k));
  const get = (k: string): string | undefined => params.get(k) ?? undefined;
  const filter = given || !cursor ? { query: str(get('filter[query]'), '*'), from: str(get('filter[from]'), 'now-15m'), to: str(get('filter[to]'), 'now') } : null;
  return { filter, sort: parseSort(get('sort')), limit: parseLimit(get('page[limit]')), cursor };
}

export async function startDatadogServer(options: DatadogServerOptions = {}): Promise<DatadogTestServer> {
  const apiKey = options.apiKey ?? 'test-api-key';
  const appKey = options.appKey ?? 'test-app-key';
  const stored: StoredEvent[] = [];
  const faults: DatadogFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;
  let generation = 0;

  const addEvents = (events: object[]): void => {
    for (const e of events) stored.push(toApiItem(structuredClone(e) as RawEvent, seq++));
    stored.sort(compareStored);
  };
  addEvents(options.events ?? []);

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  /** One page for a search; throws SearchError (400) for a bad query, window or cursor. */
  const page = (search: SearchRequest): { items: StoredEvent[]; cursor: Cursor } => {
    const now = Date.now();
    let window: Omit<Cursor, 'date' | 'id'>;
    let position: { date: number; id: string } | null = null;
    if (search.cursor) {
      const c = decodeCursor(search.cursor);
      if (c.gen !== generation) throw new SearchError('Invalid page cursor: the cursor has expired');
      if (search.filter && JSON.stringify(search.filter) !== JSON.stringify(c.filter)) throw new SearchError('Invalid page cursor: it was issued for another query or time range');
      if (search.sort !== c.sort && search.filter) throw new SearchError('Invalid page cursor: it was issued for another sort');
      window = { gen: c.gen, filter: c.filter, sort: c.sort, from: c.from, to: c.to };
      position = { date: c.date, id: c.id };
    } else {
      const filter = search.filter ?? { ...DEFAULT_FILTER };
      window = { gen: generation, filter, sort: search.sort, from: parseTime(filter.from, now, 'filter.from'), to: parseTime(filter.to, now, 'filter.to') };
    }
    const matches = compileQuery(window.filter.query);
    const direction = window.sort === 'timestamp' ? 1 : -1;
    const ordered = stored.filter((e) => e.date >= window.from && e.date <= window.to && matches(e.event));
    if (direction < 0) ordered.reverse();
    const start = position ? ordered.findIndex((e) => direction * compareStored(e, position) > 0) : 0;
    const items = start < 0 ? [] : ordered.slice(start, start + search.limit);
    const last = items[items.length - 1];
    return { items, cursor: { ...window, date: last?.date ?? 0, id: last?.id ?? '' } };
  };

  const answerFault = (res: ServerResponse, fault: DatadogFault): boolean => {
    if ('drop' in fault) {
      res.socket?.destroy();
      return true;
    }
    if ('timeout' in fault || 'truncate' in fault) return false;
    if (fault.status === 429) {
      send(res, 429, { errors: ['Too many requests'] }, {
        'X-RateLimit-Limit': '300',
        'X-RateLimit-Period': '3600',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(fault.resetSeconds),
        'X-RateLimit-Name': 'rum_events_search',
      });
      return true;
    }
    const message = 'message' in fault && fault.message ? fault.message : STATUS_TEXT[fault.status]!;
    send(res, fault.status, { errors: [message] });
    return true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const text = await readBody(req);
    let body: unknown = text === '' ? undefined : text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // kept as text: recorded, and refused below for the search
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    server_.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, body });

    const isSearch = req.method === 'POST' && url.pathname === SEARCH_PATH;
    const isList = req.method === 'GET' && url.pathname === LIST_PATH;
    if (!isSearch && !isList) return send(res, 404, { errors: ['Not found'] });

    const fault = faults.shift();
    if (fault && answerFault(res, fault)) return;
    if (req.headers['dd-api-key'] !== apiKey || req.headers['dd-application-key'] !== appKey) return send(res, 403, { errors: ['Forbidden'] });

    let result: ReturnType<typeof page>;
    let limit: number;
    try {
      if (isSearch && typeof body === 'string') throw new SearchError('Malformed request body: invalid JSON');
      const search = isSearch ? searchFromPost(body) : searchFromQuery(url.searchParams);
      limit = search.limit;
      result = page(search);
    } catch (err) {
      if (err instanceof SearchError) return send(res, 400, { errors: [err.message] });
      throw err;
    }
    if (options.pageDelayMs) await delay(options.pageDelayMs);

    const partial = fault !== undefined && 'timeout' in fault;
    const truncated = fault !== undefined && 'truncate' in fault;
    const items = partial ? result.items.slice(0, Math.floor(result.items.length / 2)) : result.items;
    const after = !partial && items.length === limit ? encodeCursor(result.cursor) : null;
    if (!partial && !truncated) server_.pagesServed += 1;
    (truncated ? sendHalf : send)(res, 200, {
      data: items.map((e) => e.item),
      meta: { elapsed: Date.now() - started, ...(after ? { page: { after } } : {}), request_id: randomBytes(24).toString('base64url'), status: partial ? 'timeout' : 'done' },
      ...(after ? { links: { next: `${server_.url}${LIST_PATH}?page%5Bcursor%5D=${after}&page%5Blimit%5D=${limit}` } } : {}),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { errors: [`test server: ${err instanceof Error ? err.message : String(err)}`] });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const server_: DatadogTestServer = {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    appKey,
    requests: [],
    pagesServed: 0,
    addEvents,
    fail: (...more) => void faults.push(...more),
    expireCursors: () => void (generation += 1),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return server_;
}

async function main(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number): number => {
    const at = argv.indexOf(name);
    const n = at >= 0 ? Number(argv[at + 1]) : fallback;
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} takes a whole number`);
    return n;
  };
  const port = option('--port', 0);
  const users = option('--users', 200);
  const start = Date.now() - 7 * 86_400_000;
  const events = rumEvents({ users, start, spanMs: 7 * 86_400_000 - 60_000 });
  const dd = await startDatadogServer({ port, events });
  process.stdout.write(`${dd.url}\n`);
  process.stderr.write(`Datadog test server: ${events.length} RUM events of ${users} users over the last 7 days\n  DD-API-KEY ${dd.apiKey}, DD-APPLICATION-KEY ${dd.appKey}\n`);
  closeOnSignal(dd);
}

runIfMain(import.meta.url, main);
