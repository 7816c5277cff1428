/**
 * One RUM session → its raw events, in time order: per view, the view event re-sent with a
 * rising `_dd.document_version` (all versions share the view's start `date`, as the SDK sends
 * them), then its actions, resources, errors and long tasks. Fields carry the backend
 * enrichment (geo, os, browser, device, session.useragent, view.url_path) like exported events.
 *
 * Nested objects shared by the events of a session (usr, geo, os, …) are reused, not copied,
 * for speed: treat yielded events as read-only.
 */
import { CITIES, ERRORS, LOGIN_ROUTE, RESOURCES, ROUTES, type City, type Route } from './catalog';
import { agentAt } from './devices';
import { chance, exponential, int, pick, stochasticRound, uuid, weighted, type Rng } from './prng';
import type { UserTraits } from './users';

export type SessionKind = 'user' | 'synthetics' | 'ci_test';
export type RumEvent = Record<string, unknown>;

export interface SessionSpec {
  rng: Rng;
  user: UserTraits;
  kind: SessionKind;
  start: number;
  /** Target number of events; the result is close to it on average, never empty. */
  budget: number;
  /** Latest allowed event time. */
  endMs: number;
}

/** Expected events per view at full size (see viewPlan): sizes the number of views. */
const EVENTS_PER_VIEW = 7;
const MAX_SESSION_MS = 2 * 3_600_000;
const NS = 1_000_000;
const RELEASE_REF = Date.UTC(2024, 0, 1);

const geoOf = (c: City): RumEvent => ({
  city: c.city,
  country: c.country,
  country_iso_code: c.code,
  country_subdivision: c.region,
  continent: c.continent,
});

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

interface Child {
  date: number;
  type: 'action' | 'resource' | 'error' | 'long_task';
}

/** How many events of each kind one view gets for a per-view budget `b`. */
function viewPlan(rng: Rng, b: number): { versions: number; children: Child['type'][] } {
  // 1..6 re-sends, more for longer (busier) views.
  const versions = Math.min(6, 1 + Math.floor(rng() * Math.min(6, Math.max(1, b * 0.6))));
  const rest = Math.max(0, b - versions);
  const children: Child['type'][] = [];
  const add = (type: Child['type'], n: number): void => {
    for (let i = 0; i < n; i++) children.push(type);
  };
  add('action', stochasticRound(rng, rest * 0.47));
  add('resource', stochasticRound(rng, rest * 0.45));
  add('error', stochasticRound(rng, rest * 0.035));
  add('long_task', stochasticRound(rng, rest * 0.045));
  return { versions, children };
}

export function buildSession(spec: SessionSpec): RumEvent[] {
  const { rng, user, kind, start } = spec;
  const synthetic = kind !== 'user';
  const app = user.otherApp && chance(rng, 0.25) ? user.otherApp : user.app;
  const dev = !synthetic && user.secondDevice && chance(rng, 0.2) ? user.secondDevice : user.device;
  const agent = agentAt(dev.platform, dev.family, start, user.lagDays, user.variant);
  // The backend writes "Desktop", the SDK schema "desktop": both occur in real data.
  const device = chance(rng, 0.4) ? { ...agent.device, type: capitalize(agent.device.type!) } : agent.device;
  const city = synthetic ? user.home : user.traveller && chance(rng, 0.15) ? weighted(rng, CITIES) : user.home;
  const geo = !synthetic && chance(rng, 0.01) ? null : geoOf(city);
  const email = user.emailChange && start >= user.emailChange.at ? user.emailChange.email : user.email;
  // Numeric ids: old SDK versions sent numbers, newer ones strings.
  const id = user.numeric && chance(rng, 0.5) ? Number(user.id) : user.id;
  const usr = { id, email, name: user.name, anonymous_id: user.anonymousId };
  const anonymous = { anonymous_id: user.anonymousId };
  const acct = user.account;
  const account = acct
    ? { id: acct.id, name: acct.rename && start >= acct.rename.at ? acct.rename.name : acct.name }
    : null;
  // The backend adds the user agent to every event; kept on view events only, to keep lines short.
  const session: RumEvent = { id: uuid(rng), type: kind };
  const viewSession: RumEvent = { ...session, useragent: agent.useragent };
  const version = `2.${Math.floor((start - RELEASE_REF) / (14 * 86_400_000))}.${int(rng, 0, 3)}`;
  const application = { id: app.id };
  const connectivity = { status: 'connected', interfaces: [pick(rng, ['wifi', 'ethernet', 'cellular'])] };
  const display = { viewport: agent.viewport };
  const ddBase = { format_version: 2 };
  const special = kind === 'synthetics'
    ? { synthetics: { test_id: `syn-${user.variant}-abc`, result_id: uuid(rng), injected: false } }
    : kind === 'ci_test' ? { ci_test: { test_execution_id: uuid(rng) } } : null;

  const events: RumEvent[] = [];
  const emit = (type: string, date: number, view: RumEvent, loggedIn: boolean, key: string | null, body: unknown, dd: unknown): void => {
    const isView = type === 'view';
    const e: RumEvent = { date, type, application, service: app.service, version, source: 'browser', session: isView ? viewSession : session, view };
    e.usr = loggedIn ? usr : anonymous;
    if (loggedIn && account) e.account = account;
    // Named stores, not e[key]: keyed stores with varying keys are several times slower.
    if (key === 'action') e.action = body;
    else if (key === 'resource') e.resource = body;
    else if (key === 'error') e.error = body;
    else if (key === 'long_task') e.long_task = body;
    if (geo) e.geo = geo;
    e.device = device;
    e.os = agent.os;
    e.browser = agent.browser;
    // connectivity and display are view-level context: on view events only (keeps lines short).
    if (isView) {
      e.connectivity = connectivity;
      e.display = display;
    }
    if (special) Object.assign(e, special);
    e._dd = dd;
    events.push(e);
  };

  // ~20% of real sessions start on the login page, before setUser: anonymous events only.
  // A login view costs an extra view: skipped when the budget can't afford it (sparse data).
  const login = !synthetic && chance(rng, 0.2) && spec.budget >= 1.5;
  const views = Math.max(login ? 2 : 1, stochasticRound(rng, spec.budget / EVENTS_PER_VIEW));
  const perView = spec.budget / views;
  const stopAt = Math.min(spec.endMs, start + MAX_SESSION_MS);
  let t = start;
  let referrer = chance(rng, 0.3) ? 'https://www.google.com/' : '';
  for (let v = 0; v < views && t < stopAt; v++) {
    const route: Route = v === 0 && login ? LOGIN_ROUTE : weighted(rng, ROUTES);
    const loggedIn = !(v === 0 && login);
    const path = route.path(Math.floor(rng() ** 3 * 300));
    const query = loggedIn && chance(rng, 0.2) ? '?live=true' : '';
    const url = `https://${app.host}${path}${query}`;
    const view = { id: uuid(rng), url, url_path: path, name: route.name };
    const plan = viewPlan(rng, perView);
    const duration = Math.min(stopAt - t - 1, Math.round(2000 + exponential(rng) * 40_000 + plan.children.length * 3000));
    const children: Child[] = plan.children
      .map((type) => ({ type, date: t + 1 + Math.floor(rng() * duration) }))
      .sort((a, b) => a.date - b.date);

    let docVersion = 0;
    for (let k = 1; k <= plan.versions; k++) {
      const upTo = t + (duration * k) / plan.versions;
      const count = (type: Child['type']): { count: number } =>
        ({ count: children.filter((c) => c.type === type && c.date <= upTo).length });
      // Not every update reaches the export: versions rise, with gaps.
      docVersion += chance(rng, 0.3) ? int(rng, 2, 4) : 1;
      // A literal, not {...view}: adding keys after a spread takes V8's slow path.
      const body = {
        id: view.id,
        url: view.url,
        url_path: view.url_path,
        name: view.name,
        referrer,
        loading_type: v === 0 ? 'initial_load' : 'route_change',
        loading_time: int(rng, 200, 4000) * NS,
        time_spent: Math.round((duration * k) / plan.versions) * NS,
        action: count('action'),
        error: count('error'),
        resource: count('resource'),
        long_task: count('long_task'),
      };
      emit('view', t, body, loggedIn, null, null, { format_version: 2, document_version: docVersion });
    }
    for (const child of children) {
      emit(child.type, child.date, view, loggedIn, child.type, childBody(rng, child.type, route, dev.platform.deviceType), ddBase);
    }
    referrer = url;
    t += duration + int(rng, 300, 5000);
  }
  return events;
}

function childBody(rng: Rng, type: Child['type'], route: Route, deviceType: string): RumEvent {
  switch (type) {
    case 'action': {
      const custom = chance(rng, 0.12);
      const actionType = custom ? 'custom' : deviceType !== 'desktop' && chance(rng, 0.5) ? 'tap' : 'click';
      const body: RumEvent = {
        id: uuid(rng),
        type: actionType,
        target: { name: pick(rng, route.actions) },
      };
      if (chance(rng, 0.3)) body.loading_time = int(rng, 10, 900) * NS;
      if (chance(rng, 0.02)) body.frustration = { type: ['rage_click'] };
      return body;
    }
    case 'resource': {
      const [kind, method, path] = pick(rng, RESOURCES);
      const api = kind === 'xhr' || kind === 'fetch';
      return {
        id: uuid(rng),
        type: kind,
        ...(api ? { method } : {}),
        url: api ? `https://api.example.com${path}` : `https://static.example.com${path}`,
        status_code: chance(rng, 0.04) ? pick(rng, [401, 404, 500, 503]) : 200,
        duration: int(rng, 5, 1500) * NS,
        size: int(rng, 200, 400_000),
      };
    }
    case 'error': {
      const [source, errType, message] = pick(rng, ERRORS);
      const body: RumEvent = { id: uuid(rng), message, source, type: errType, handling: chance(rng, 0.7) ? 'unhandled' : 'handled' };
      if (source === 'source') body.stack = `${errType}: ${message}\n  at render (https://static.example.com/static/js/main.8f2c1a.js:1:${int(rng, 100, 90000)})`;
      return body;
    }
    case 'long_task':
      return { id: uuid(rng), duration: int(rng, 50, 600) * NS };
  }
}
