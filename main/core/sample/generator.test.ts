import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_START_MS, generateEvents, writeEventsFile, type GenerateOptions } from './generator';
import { SAMPLE, writeSampleData } from './sample-data';

/* eslint-disable @typescript-eslint/no-explicit-any -- events are untyped JSON */
type Ev = Record<string, any>;

const digest = (opts: GenerateOptions): string => {
  const h = createHash('sha256');
  for (const e of generateEvents(opts)) h.update(JSON.stringify(e) + '\n');
  return h.digest('hex');
};

const setOf = <K, V>(m: Map<K, Set<V>>, k: K): Set<V> => {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  return s;
};

describe('generateEvents: determinism and counts', () => {
  it('gives identical output for a seed and different output for another', () => {
    const opts = { users: 200, events: 5000, seed: 7 };
    expect(digest(opts)).toBe(digest(opts));
    expect(digest({ ...opts, seed: 8 })).not.toBe(digest(opts));
  });

  it.each([
    [300, 8000],
    [2000, 5000],
    [50, 20000],
    [1000, 2500],
  ])('yields about %i users and %i events', (users, events) => {
    const ids = new Set<string>();
    let n = 0;
    for (const e of generateEvents({ users, events, seed: 1 }) as Generator<Ev>) {
      n++;
      if (e.session.type === 'user' && e.usr.id !== undefined) ids.add(String(e.usr.id));
    }
    expect(n).toBeGreaterThan(events * 0.95);
    expect(n).toBeLessThan(events * 1.1);
    expect(ids.size).toBeGreaterThan(users * 0.97);
    expect(ids.size).toBeLessThanOrEqual(users);
  });

  it('still gives every user an event when events are as scarce as users', () => {
    let n = 0;
    for (const _ of generateEvents({ users: 1000, events: 1000, seed: 2 })) n++;
    // At least one event per user, two when a session starts on the login page.
    expect(n).toBeGreaterThanOrEqual(1000);
    expect(n).toBeLessThan(1250);
  });

  it('rejects bad options', () => {
    expect(() => generateEvents({ users: 0, events: 10 }).next()).toThrow(/users/);
    expect(() => generateEvents({ users: 1.5, events: 10 }).next()).toThrow(/users/);
    expect(() => generateEvents({ users: 10, events: -1 }).next()).toThrow(/events/);
    expect(() => generateEvents({ users: 10, events: 10, days: 0 }).next()).toThrow(/days/);
  });
});

describe('generateEvents: realism', () => {
  const events: Ev[] = [];
  const sessions = new Map<string, Ev[]>();
  const startMs = Date.UTC(2024, 5, 1);
  const days = 60;

  beforeAll(() => {
    for (const e of generateEvents({ users: 2000, events: 60000, seed: 3, startMs, days }) as Generator<Ev>) {
      events.push(e);
      const list = sessions.get(e.session.id) ?? [];
      list.push(e);
      sessions.set(e.session.id, list);
    }
  });

  const userSessions = (): Ev[][] => [...sessions.values()].filter((s) => s[0]!.session.type === 'user');

  it('carries the common fields of browser events', () => {
    // One expect per field, not per event: 60k × 12 expect() calls take seconds.
    const bad = (f: (e: Ev) => boolean): Ev | undefined => events.find((e) => !f(e));
    expect(bad((e) => Number.isInteger(e.date) && e.date >= startMs && e.date < startMs + days * 86_400_000)).toBeUndefined();
    expect(bad((e) => e.source === 'browser' && e._dd.format_version === 2)).toBeUndefined();
    expect(bad((e) => typeof e.application.id === 'string' && typeof e.service === 'string' && typeof e.version === 'string')).toBeUndefined();
    expect(bad((e) => typeof e.view.id === 'string' && /^https:\/\/[a-z.]+\.example\.com\//.test(e.view.url))).toBeUndefined();
    expect(bad((e) => e.view.url.includes(e.view.url_path) && typeof e.view.name === 'string')).toBeUndefined();
    expect(bad((e) => typeof e.usr.anonymous_id === 'string' && typeof e.os.name === 'string' && typeof e.browser.version === 'string')).toBeUndefined();
    const views = events.filter((e) => e.type === 'view');
    expect(views.every((e) => typeof e.session.useragent === 'string' && e.display.viewport.width > 0)).toBe(true);
    expect(new Set(events.map((e) => e.application.id)).size).toBeGreaterThanOrEqual(3);
    const avg = events.reduce((n, e) => n + JSON.stringify(e).length, 0) / events.length;
    expect(avg).toBeGreaterThan(600);
    expect(avg).toBeLessThan(1300);
  });

  it('has every event type with its ids and fields', () => {
    const byType = (t: string): Ev[] => events.filter((e) => e.type === t);
    expect(new Set(byType('action').map((e) => e.action.type))).toEqual(new Set(['click', 'tap', 'custom']));
    expect(byType('action').every((e) => e.action.id && e.action.target.name)).toBe(true);
    expect(byType('error').length).toBeGreaterThan(100);
    expect(byType('error').every((e) => e.error.id && e.error.message && e.error.source)).toBe(true);
    expect(byType('resource').every((e) => e.resource.id && e.resource.url)).toBe(true);
    expect(byType('long_task').every((e) => e.long_task.id && e.long_task.duration > 0)).toBe(true);
  });

  it('never reuses an id across sessions, views or events', () => {
    const viewSession = new Map<string, string>();
    const eventIds = new Set<string>();
    let clashes = 0;
    for (const e of events) {
      const s = viewSession.get(e.view.id);
      if (s !== undefined && s !== e.session.id) clashes++;
      viewSession.set(e.view.id, e.session.id);
      if (e.type === 'view') continue;
      const id: string = e[e.type].id;
      if (eventIds.has(id)) clashes++;
      eventIds.add(id);
    }
    expect(clashes).toBe(0);
    const anonOf = new Map<string, string>();
    for (const e of events) if (e.usr.id !== undefined && e.session.type === 'user') anonOf.set(String(e.usr.id), e.usr.anonymous_id);
    expect(new Set(anonOf.values()).size).toBe(anonOf.size);
  });

  it('orders each session in time and sessions by start', () => {
    let lastStart = 0;
    for (const s of sessions.values()) {
      for (let i = 1; i < s.length; i++) expect(s[i]!.date).toBeGreaterThanOrEqual(s[i - 1]!.date);
    }
    for (const e of events) {
      const first = sessions.get(e.session.id)![0]!;
      if (first !== e) continue;
      expect(e.date).toBeGreaterThanOrEqual(lastStart);
      lastStart = e.date;
    }
  });

  it('re-sends views with a rising document_version and growing time_spent', () => {
    const versions = new Map<string, Ev[]>();
    for (const e of events) if (e.type === 'view') versions.set(e.view.id, [...(versions.get(e.view.id) ?? []), e]);
    const counts = [...versions.values()].map((v) => v.length);
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(6);
    for (const v of versions.values()) {
      for (let i = 1; i < v.length; i++) {
        expect(v[i]!._dd.document_version).toBeGreaterThan(v[i - 1]!._dd.document_version);
        expect(v[i]!.view.time_spent).toBeGreaterThanOrEqual(v[i - 1]!.view.time_spent);
        expect(v[i]!.date).toBe(v[0]!.date);
      }
    }
  });

  it('starts ~20% of sessions anonymously, before login', () => {
    const withPrefix = userSessions().filter((s) => s[0]!.usr.id === undefined);
    const share = withPrefix.length / userSessions().length;
    expect(share).toBeGreaterThan(0.12);
    expect(share).toBeLessThan(0.28);
    for (const s of withPrefix) {
      const firstLogged = s.findIndex((e) => e.usr.id !== undefined);
      expect(firstLogged).toBeGreaterThan(0);
      expect(s.slice(firstLogged).every((e) => e.usr.id !== undefined)).toBe(true);
      expect(s.slice(0, firstLogged).every((e) => e.usr.email === undefined && e.account === undefined)).toBe(true);
    }
  });

  it('has synthetics and ci_test sessions', () => {
    const kinds = [...sessions.values()].map((s) => s[0]!.session.type);
    const share = (k: string): number => kinds.filter((x) => x === k).length / kinds.length;
    expect(share('synthetics')).toBeGreaterThan(0.004);
    expect(share('synthetics')).toBeLessThan(0.02);
    expect(share('ci_test')).toBeGreaterThan(0);
    expect(share('ci_test')).toBeLessThan(0.01);
    expect(events.filter((e) => e.session.type === 'synthetics').every((e) => e.synthetics?.test_id)).toBe(true);
  });

  it('varies identities the way real data does', () => {
    const idTypes = new Map<string, Set<string>>();
    const emails = new Map<string, Set<string>>();
    const countries = new Map<string, Set<string>>();
    const browsers = new Map<string, Set<string>>();
    const accounts = new Map<string, Set<string>>();
    const noAccount = new Set<string>();
    for (const e of events) {
      if (e.usr.id === undefined || e.session.type !== 'user') continue;
      const id = String(e.usr.id);
      setOf(idTypes, id).add(typeof e.usr.id);
      setOf(emails, id).add(e.usr.email);
      if (e.geo) setOf(countries, id).add(e.geo.country_iso_code);
      setOf(browsers, id).add(`${e.browser.name} ${e.browser.version}`);
      if (e.account) setOf(accounts, e.account.id).add(id);
      else noAccount.add(id);
    }
    const users = idTypes.size;
    const count = (m: Map<string, Set<string>>, f: (s: Set<string>) => boolean): number => [...m.values()].filter(f).length;
    expect(count(idTypes, (s) => s.has('number')) / users).toBeGreaterThan(0.015);
    expect(count(idTypes, (s) => s.has('number')) / users).toBeLessThan(0.05);
    expect(count(idTypes, (s) => s.size === 2)).toBeGreaterThan(0);
    expect([...idTypes.keys()].filter((id) => /^u-\d{6}$/.test(id)).length / users).toBeGreaterThan(0.94);
    expect(count(emails, (s) => s.size > 1)).toBeGreaterThan(0);
    expect(count(emails, (s) => s.size > 1) / users).toBeLessThan(0.03);
    expect(count(countries, (s) => s.size > 1)).toBeGreaterThan(0);
    expect(count(countries, (s) => s.size === 1) / users).toBeGreaterThan(0.9);
    expect(count(browsers, (s) => s.size > 1)).toBeGreaterThan(0);
    expect(noAccount.size / users).toBeGreaterThan(0.06);
    expect(noAccount.size / users).toBeLessThan(0.14);
    expect(Math.max(...[...accounts.values()].map((s) => s.size))).toBeGreaterThan(100);
    const deviceTypes = new Set(events.map((e) => e.device.type));
    for (const t of ['desktop', 'Desktop', 'mobile', 'tablet']) expect(deviceTypes).toContain(t);
  });

  it('carries a changed email on every later event of the user', () => {
    const timeline = new Map<string, Ev[]>();
    for (const e of events) if (e.usr.email && e.session.type === 'user') timeline.set(String(e.usr.id), [...(timeline.get(String(e.usr.id)) ?? []), e]);
    let changed = 0;
    for (const list of timeline.values()) {
      const sorted = [...list].sort((a, b) => a.date - b.date);
      const switches = sorted.filter((e, i) => i > 0 && e.usr.email !== sorted[i - 1]!.usr.email).length;
      expect(switches).toBeLessThanOrEqual(1);
      changed += switches;
    }
    expect(changed).toBeGreaterThan(0);
  });
});

describe('writeEventsFile and the sample data set', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pd-gen-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same NDJSON plain and gzip-compressed', async () => {
    const opts = { users: 100, events: 3000, seed: 5 };
    const plain = await writeEventsFile(join(dir, 'a.ndjson'), opts);
    const gz = await writeEventsFile(join(dir, 'a.ndjson.gz'), opts);
    const text = readFileSync(join(dir, 'a.ndjson'), 'utf8');
    expect(gunzipSync(readFileSync(join(dir, 'a.ndjson.gz'))).toString('utf8')).toBe(text);
    expect(plain.bytes).toBe(statSync(join(dir, 'a.ndjson')).size);
    expect(gz.bytes).toBeLessThan(plain.bytes / 4);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(plain.events);
    expect(gz.events).toBe(plain.events);
    expect(lines.map((l) => JSON.parse(l))).toEqual([...generateEvents(opts)]);
  });

  it('generates the sample data set deterministically', async () => {
    const a = await writeSampleData(join(dir, 's1.ndjson.gz'));
    const b = await writeSampleData(join(dir, 's2.ndjson.gz'));
    expect(a.events).toBeGreaterThan(SAMPLE.events * 0.95);
    expect(a).toEqual(b);
    expect(readFileSync(join(dir, 's1.ndjson.gz')).equals(readFileSync(join(dir, 's2.ndjson.gz')))).toBe(true);
    const first = JSON.parse(gunzipSync(readFileSync(join(dir, 's1.ndjson.gz'))).toString('utf8').split('\n')[0]!);
    expect(first.date).toBeGreaterThanOrEqual(DEFAULT_START_MS);
    const recent = await writeSampleData(join(dir, 's3.ndjson'), { endMs: Date.UTC(2030, 0, 1) });
    expect(recent.events).toBe(a.events);
  });
});
