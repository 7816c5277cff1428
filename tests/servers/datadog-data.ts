/**
 * Raw RUM events for the Datadog test server and the feed tests, shaped like
 * tests/fixtures/rum/sdk__*.json with the backend's enrichment of api__*.json (geo, os, device,
 * browser, session.useragent, view.url_path): views re-sent with a rising
 * `_dd.document_version`, actions and errors; `usr` with id, email and name (some users
 * anonymous, some sessions starting before `setUser`), `account` on most users, a few synthetics
 * sessions. Deterministic for a seed.
 *
 * Counts are exact: `users × sessionsPerUser × eventsPerSession` user events, plus
 * `syntheticsSessions(users) × eventsPerSession` synthetics events (which imports exclude).
 * Every event's `date` lies in [start, start + spanMs).
 */
import { CITIES, COMPANY_NOUNS, COMPANY_WORDS, ERRORS, FIRST_NAMES, LAST_NAMES, ROUTES } from '../../main/core/sample/catalog';
import { chance, int, pick, seeded, uuid, weighted, type Rng } from '../../main/core/sample/prng';

export interface RumEventsOptions {
  users: number;
  /** Default 3. */
  sessionsPerUser?: number;
  /** Default 8; at least 1 (the session's first view). */
  eventsPerSession?: number;
  /** ms since epoch: the earliest event. */
  start: number;
  /** Events fall in [start, start + spanMs); default one day. */
  spanMs?: number;
  seed?: number;
}

export type TestRumEvent = Record<string, unknown> & { date: number; type: 'view' | 'action' | 'error' };

export const APPLICATION_ID = 'ac8218cf-498b-4d33-bd44-151095959547';
const SERVICE = 'web-ui';
const HOST = 'app.example.com';
/** The longest session: events are spaced by at most MAX_STEP_MS. */
const MAX_STEP_MS = 45_000;

/** Synthetics sessions generated for `users` users: one per 20 users, at least one. */
export const syntheticsSessions = (users: number): number => (users > 0 ? Math.max(1, Math.floor(users / 20)) : 0);

const PLATFORMS = [
  {
    os: { name: 'Mac OS X', version: '10.15.7', version_major: '10' },
    device: { type: 'Desktop', brand: 'Apple', model: 'Mac', name: 'Mac' },
    browser: { name: 'Chrome', version: '124.0.6367.91', version_major: '124' },
    useragent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36',
  },
  {
    os: { name: 'Windows', version: '10', version_major: '10' },
    device: { type: 'desktop', brand: 'Other', model: 'Other', name: 'Other' },
    browser: { name: 'Edge', version: '123.0.2420.97', version_major: '123' },
    useragent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 Edg/123.0.2420.97',
  },
  {
    os: { name: 'iOS', version: '17.4.1', version_major: '17' },
    device: { type: 'Mobile', brand: 'Apple', model: 'iPhone', name: 'iPhone' },
    browser: { name: 'Mobile Safari', version: '17.4.1', version_major: '17' },
    useragent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
  },
  {
    os: { name: 'Android', version: '14', version_major: '14' },
    device: { type: 'mobile', brand: 'Samsung', model: 'SM-S918B', name: 'Samsung SM-S918B' },
    browser: { name: 'Chrome Mobile', version: '124.0.6367.82', version_major: '124' },
    useragent: 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  },
  {
    os: { name: 'Linux', version: null, version_major: null },
    device: { type: 'Desktop', brand: 'Other', model: 'Other', name: 'Other' },
    browser: { name: 'Firefox', version: '125.0', version_major: '125' },
    useragent: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  },
] as const;

interface User {
  usr: Record<string, unknown>;
  anonymousId: string;
  /** Anonymous users never call setUser. */
  anonymous: boolean;
  account: Record<string, unknown> | undefined;
  geo: Record<string, unknown> | undefined;
  platform: (typeof PLATFORMS)[number];
}

function makeUser(rng: Rng, index: number, seed: number, accounts: number): User {
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, LAST_NAMES);
  const a = int(rng, 0, Math.max(0, accounts - 1));
  const company = `${COMPANY_WORDS[a % COMPANY_WORDS.length]} ${COMPANY_NOUNS[Math.floor(a / COMPANY_WORDS.length) % COMPANY_NOUNS.length]}`;
  const domain = `${company.toLowerCase().replace(/\s+/g, '')}${a >= COMPANY_WORDS.length * COMPANY_NOUNS.length ? a : ''}.com`;
  const anonymousId = uuid(rng);
  const city = weighted(rng, CITIES);
  return {
    usr: { id: String(100_000 + seed * 10_000 + index), email: `${first}.${last}.${index}@${domain}`.toLowerCase(), name: `${first} ${last}`, anonymous_id: anonymousId },
    anonymousId,
    anonymous: chance(rng, 0.1),
    account: chance(rng, 0.75) ? { id: `acc-${1000 + a}`, name: company, plan: pick(rng, ['free', 'pro', 'enterprise']) } : undefined,
    geo: chance(rng, 0.05)
      ? undefined
      : { city: city.city, country: city.country, country_iso_code: city.code, country_subdivision: city.region, continent: city.continent, continent_code: city.continentCode },
    platform: pick(rng, PLATFORMS),
  };
}

interface SessionPlan {
  rng: Rng;
  user: User;
  synthetics: boolean;
  start: number;
  events: number;
}

function buildSession({ rng, user, synthetics, start, events }: SessionPlan): TestRumEvent[] {
  const sessionId = uuid(rng);
  const beforeSetUser = !synthetics && !user.anonymous && chance(rng, 0.3);
  const usrFor = (i: number): Record<string, unknown> => (user.anonymous || (beforeSetUser && i === 0) ? { anonymous_id: user.anonymousId } : user.usr);
  const { platform } = user;
  const base = (type: TestRumEvent['type'], date: number, i: number, view: Record<string, unknown>): TestRumEvent => ({
    type,
    date,
    application: { id: APPLICATION_ID },
    session: { id: sessionId, type: synthetics ? 'synthetics' : 'user', has_replay: false, useragent: platform.useragent },
    source: 'browser',
    service: SERVICE,
    version: '2.14.0',
    view,
    usr: usrFor(i),
    ...(user.account ? { account: user.account } : {}),
    ...(user.geo ? { geo: user.geo } : {}),
    os: platform.os,
    device: platform.device,
    browser: platform.browser,
    display: { viewport: { width: 1440, height: 900 } },
    connectivity: { status: 'connected', interfaces: ['wifi'] },
    ...(synthetics ? { synthetics: { test_id: 'abc-123-def', result_id: String(int(rng, 1e15, 9e15)), injected: false } } : {}),
    _dd: { format_version: 2, ...(type === 'view' ? {} : { session: { plan: 2 } }) },
  });

  const out: TestRumEvent[] = [];
  let t = start;
  let view: { id: string; start: number; url: string; path: string; name: string; version: number; actions: number; errors: number; actionNames: readonly string[] } | null = null;
  let referrer = '';
  const viewFields = (): Record<string, unknown> => ({ id: view!.id, url: view!.url, url_path: view!.path, name: view!.name, referrer });
  const sendView = (i: number): void => {
    view!.version += 1;
    out.push({
      ...base('view', view!.start, i, {
        ...viewFields(),
        loading_type: out.length === 0 ? 'initial_load' : 'route_change',
        time_spent: (t - view!.start) * 1_000_000,
        action: { count: view!.actions },
        error: { count: view!.errors },
        resource: { count: 0 },
        long_task: { count: 0 },
      }),
      _dd: { format_version: 2, document_version: view!.version },
    });
  };

  for (let i = 0; i < events; i++) {
    const r = rng();
    if (view === null || (r < 0.2 && i < events - 1)) {
      if (view) referrer = view.url;
      const route = weighted(rng, ROUTES);
      const path = route.path(int(rng, 0, 20));
      view = { id: uuid(rng), start: t, url: `https://${HOST}${path}`, path, name: route.name, version: 0, actions: 0, errors: 0, actionNames: route.actions };
      sendView(i);
    } else if (r < 0.4) {
      sendView(i);
    } else if (r < 0.85) {
      view.actions += 1;
      const name = pick(rng, view.actionNames);
      out.push(base('action', t, i, viewFields()));
      out[out.length - 1]!.action = { id: uuid(rng), type: 'click', name, target: { name }, loading_time: int(rng, 5, 900) * 1_000_000, frustration: { type: [] } };
    } else {
      view.errors += 1;
      const [source, type, message] = pick(rng, ERRORS);
      out.push(base('error', t, i, viewFields()));
      out[out.length - 1]!.error = { id: uuid(rng), source, type, message, handling: 'unhandled', is_crash: false };
    }
    t += int(rng, 1000, MAX_STEP_MS);
  }
  return out;
}

/** Realistic raw RUM events; see the header for the counts. */
export function rumEvents(options: RumEventsOptions): TestRumEvent[] {
  const sessionsPerUser = options.sessionsPerUser ?? 3;
  const eventsPerSession = Math.max(1, options.eventsPerSession ?? 8);
  const spanMs = options.spanMs ?? 86_400_000;
  const seed = options.seed ?? 1;
  const sessionLength = eventsPerSession * MAX_STEP_MS;
  if (spanMs <= sessionLength) throw new Error(`spanMs must be longer than a session (${sessionLength} ms for ${eventsPerSession} events)`);
  const accounts = Math.max(1, Math.floor(options.users / 5));
  const startOf = (rng: Rng): number => options.start + Math.floor(rng() * (spanMs - sessionLength));

  const events: TestRumEvent[] = [];
  for (let u = 0; u < options.users; u++) {
    const rng = seeded(seed, 1, u);
    const user = makeUser(rng, u, seed, accounts);
    for (let s = 0; s < sessionsPerUser; s++) {
      const srng = seeded(seed, 2, u, s);
      events.push(...buildSession({ rng: srng, user, synthetics: false, start: startOf(srng), events: eventsPerSession }));
    }
  }
  for (let b = 0; b < syntheticsSessions(options.users); b++) {
    const rng = seeded(seed, 3, b);
    const bot = makeUser(rng, 900_000 + b, seed, accounts);
    bot.usr = { id: `synthetics-${b}`, email: 'synthetics@datadoghq.com', name: 'Datadog Synthetics', anonymous_id: bot.anonymousId };
    bot.anonymous = false;
    events.push(...buildSession({ rng, user: bot, synthetics: true, start: startOf(rng), events: eventsPerSession }));
  }
  return events.sort((a, b) => a.date - b.date);
}

/** The same events as an NDJSON file's text (one event per line, trailing newline). */
export function toNdjson(events: readonly object[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
}
