/**
 * One record (raw RUM event or API item) → the few fields the profile rules need
 * (ARCHITECTURE.md §7). Everything else of the event is dropped here, so what crosses
 * threads and what the aggregator holds stays small.
 */
import { FIRST_LAST_SUFFIXES } from '../../../common/keys';

export interface NormalEvent {
  time: number;
  type: string | null;
  sessionId: string | null;
  userId: string | null;
  email: string | null;
  name: string | null;
  accountId: string | null;
  accountName: string | null;
  /** The first/last attributes, in FIRST_LAST_SUFFIXES order. */
  attrs: Array<string | null>;
  viewId: string | null;
  viewPath: string | null;
  actionId: string | null;
  actionName: string | null;
  actionType: string | null;
  errorId: string | null;
}

export type SkipReason = 'invalid JSON' | 'not an object' | 'no usable time';

export type Normalised =
  | { kind: 'event'; event: NormalEvent }
  | { kind: 'excluded' }
  | { kind: 'skipped'; reason: SkipReason; detail?: string };

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const child = (o: Obj | undefined, key: string): Obj | undefined => {
  const v = o?.[key];
  return isObject(v) ? v : undefined;
};

/** Strings and finite numbers, trimmed; empty or whitespace-only is absent. */
export function text(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

// Dates before 1990 or after 2200 are not RUM times: they are seconds mistaken for ms, or noise.
const MIN_TIME = Date.UTC(1990, 0, 1);
const MAX_TIME = Date.UTC(2200, 0, 1);

export function parseTime(v: unknown): number | null {
  let ms: number;
  if (typeof v === 'number') ms = v;
  else if (typeof v === 'string' && v.trim() !== '') {
    ms = /^\d+$/.test(v.trim()) ? Number(v) : Date.parse(v);
  } else return null;
  if (!Number.isFinite(ms) || ms < MIN_TIME || ms > MAX_TIME) return null;
  return Math.floor(ms);
}

/** The path of a URL without parsing it fully: the hot path sees every view event. */
export function urlPath(url: string | null): string | null {
  if (url === null) return null;
  const scheme = url.indexOf('://');
  const start = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
  if (start < 0) return '/';
  let end = url.length;
  for (const stop of ['?', '#']) {
    const at = url.indexOf(stop, start);
    if (at >= 0 && at < end) end = at;
  }
  const path = url.slice(start, end);
  return path === '' ? '/' : path;
}

const lower = (v: string | null): string | null => (v === null ? null : v.toLowerCase());
const upper = (v: string | null): string | null => (v === null ? null : v.toUpperCase());

/** Readers for the first/last attributes, keyed like FIRST_LAST_SUFFIXES. */
const ATTRIBUTE_READERS: Record<string, (e: Obj) => string | null> = {
  application_id: (e) => text(child(e, 'application')?.id),
  city: (e) => text(child(e, 'geo')?.city),
  country_code: (e) => upper(text(child(e, 'geo')?.country_iso_code)),
  region: (e) => text(child(e, 'geo')?.country_subdivision),
  device_type: (e) => lower(text(child(e, 'device')?.type)),
  os_name: (e) => text(child(e, 'os')?.name),
  os_version: (e) => text(child(e, 'os')?.version),
  browser_name: (e) => text(child(e, 'browser')?.name),
  browser_version: (e) => text(child(e, 'browser')?.version),
};
const READERS_IN_ORDER = FIRST_LAST_SUFFIXES.map((s) => ATTRIBUTE_READERS[s]!);

/** An API item `{ id, type: "rum", attributes: { attributes: <event>, timestamp } }`. */
function unwrap(record: Obj): { event: Obj; fallbackTime: unknown } {
  const outer = child(record, 'attributes');
  if (record.type === 'rum' && outer && isObject(outer.attributes)) {
    return { event: outer.attributes, fallbackTime: outer.timestamp };
  }
  return { event: record, fallbackTime: undefined };
}

export function normalise(record: unknown): Normalised {
  if (!isObject(record)) return { kind: 'skipped', reason: 'not an object' };
  const { event, fallbackTime } = unwrap(record);
  const time = parseTime(event.date) ?? parseTime(fallbackTime);
  if (time === null) return { kind: 'skipped', reason: 'no usable time' };

  const session = child(event, 'session');
  const sessionType = session?.type;
  if (sessionType === 'synthetics' || sessionType === 'ci_test') return { kind: 'excluded' };

  const type = text(event.type);
  const usr = child(event, 'usr');
  const account = child(event, 'account');
  const view = child(event, 'view');
  const action = type === 'action' ? child(event, 'action') : undefined;
  const error = type === 'error' ? child(event, 'error') : undefined;
  const viewId = text(view?.id);

  return {
    kind: 'event',
    event: {
      time,
      type,
      sessionId: text(session?.id),
      userId: text(usr?.id),
      email: text(usr?.email),
      name: text(usr?.name),
      accountId: text(account?.id),
      accountName: text(account?.name),
      attrs: READERS_IN_ORDER.map((read) => read(event)),
      viewId,
      viewPath: viewId === null ? null : (text(view?.url_path) ?? urlPath(text(view?.url))),
      actionId: text(action?.id),
      actionName: text(child(action, 'target')?.name) ?? text(action?.name),
      actionType: text(action?.type),
      errorId: text(error?.id),
    },
  };
}
