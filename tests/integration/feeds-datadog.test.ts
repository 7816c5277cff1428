/**
 * The Datadog feed through the core's API against a local RUM Events API (tests/servers/datadog.ts):
 * pages committed with their checkpoint, profiles equal to importing the same events as a file,
 * incremental pulls from the high-water time minus the lookback, rate limits and faults, refused
 * keys and queries, cancel and resume, expired cursors, and scheduled pulls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedFinished, JobProgress } from '../../common/types';
import { createCore, type Core } from '../../main/core/core';
import { startDatadogServer, type DatadogTestServer } from '../servers/datadog';
import { rumEvents, type TestRumEvent } from '../servers/datadog-data';
import {
  datadogFeed,
  failedPull,
  FEED,
  feedInfo,
  history,
  importedProfiles,
  profiles,
  pull,
  saveFeed,
  searches,
  startPull,
  until,
  type Profiles,
} from './feeds-datadog-support';
import { ok } from './helpers';

const MIN = 60_000;
const START = Date.UTC(2025, 0, 1);
/** The clock of the first pull: the events lie in START's day. */
const NOW = Date.UTC(2025, 0, 3);
const EVENTS = rumEvents({ users: 150, start: START, seed: 7 });
const isSynthetics = (e: TestRumEvent): boolean => (e.session as { type?: string }).type === 'synthetics';
const pagesOf = (n: number): number => Math.floor(n / 1000) + 1;

let reference: Profiles;
beforeAll(async () => {
  reference = await importedProfiles(EVENTS);
}, 60_000);

let dir: string;
let core: Core | null = null;
let dd: DatadogTestServer | null = null;
let clock = NOW;

async function setUp(options: { pageDelayMs?: number; scheduleSyncs?: boolean } = {}): Promise<{ core: Core; dd: DatadogTestServer }> {
  dir = mkdtempSync(join(tmpdir(), 'feeds-datadog-'));
  clock = NOW;
  dd = await startDatadogServer({ events: EVENTS, pageDelayMs: options.pageDelayMs });
  core = createCore({ dbPath: join(dir, 'profiles.db'), now: () => clock, scheduleSyncs: options.scheduleSyncs });
  return { core, dd };
}

/**
 * Pulls again after a pull that stopped having committed `committed` events: the pull resumes from
 * the saved cursor, and reads nothing twice and skips nothing (the pages after the last committed
 * one), so the profiles come out as from one import. Shared by the tests that stop a pull midway.
 */
async function expectResumes(core: Core, dd: DatadogTestServer, committed: number): Promise<void> {
  const before = dd.requests.length;
  const resumed = await pull(core);
  expect(searches(dd).slice(before)[0]!.cursor).not.toBeNull();
  expect(resumed.events + committed).toBe(EVENTS.length);
  expect(await profiles(core)).toEqual(reference);
}

afterEach(async () => {
  await core?.close();
  await dd?.close();
  core = null;
  dd = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('a Datadog feed', () => {
  it('pulls every page once, and builds the same profiles as importing the events as a file', async () => {
    const { core, dd } = await setUp();
    await saveFeed(core, datadogFeed(dd));
    const report = await pull(core);
    expect(report).toMatchObject({
      feed: FEED,
      kind: 'datadog',
      status: 'ok',
      trigger: 'manual',
      pages: pagesOf(EVENTS.length),
      events: EVENTS.length,
      imported: EVENTS.filter((e) => !isSynthetics(e)).length,
      skipped: 0,
      from: new Date(START).toISOString(),
      to: new Date(NOW).toISOString(),
    });
    const sent = searches(dd);
    expect(sent).toHaveLength(pagesOf(EVENTS.length));
    expect(sent.map((s) => [s.from, s.to, s.query])).toEqual(sent.map(() => [START, NOW, '*']));
    expect(sent[0]!.cursor).toBeNull();
    expect(sent.slice(1).every((s) => s.cursor !== null)).toBe(true);
    // Keys only in their headers.
    for (const r of dd.requests) {
      expect(r.headers['dd-api-key']).toBe(dd.apiKey);
      expect(r.path.includes(dd.apiKey) || JSON.stringify(r.body).includes(dd.apiKey)).toBe(false);
    }
    expect(await profiles(core)).toEqual(reference);
    const info = await feedInfo(core);
    expect(info).toMatchObject({
      covered: { from: new Date(START).toISOString(), to: new Date(NOW).toISOString() },
      resumable: false,
      secrets: ['apiKey', 'appKey'],
      pullJobId: null,
      lastPull: { status: 'ok', pages: report.pages, events: EVENTS.length },
    });
    expect(JSON.stringify(info)).not.toContain(dd.apiKey);
  }, 60_000);

  it('takes only new events next time, from the high-water time minus the lookback (late events included)', async () => {
    const { core, dd } = await setUp();
    await saveFeed(core, datadogFeed(dd, { lookbackMinutes: 15 }));
    await pull(core);
    const before = dd.requests.length;
    // Events after the first pull, and some stamped before its end that Datadog ingested late.
    const fresh = rumEvents({ users: 20, start: NOW + MIN, spanMs: 60 * MIN, seed: 8 });
    const late = rumEvents({ users: 3, start: NOW - 14 * MIN, spanMs: 8 * MIN, seed: 9 });
    dd.addEvents([...fresh, ...late]);
    clock = NOW + 2 * 60 * MIN;
    const second = await pull(core);
    expect(searches(dd).slice(before)[0]).toMatchObject({ from: NOW - 15 * MIN, to: clock, cursor: null });
    expect(second).toMatchObject({ events: fresh.length + late.length, pages: 1, from: new Date(NOW - 15 * MIN).toISOString() });
    expect(await profiles(core)).toEqual(await importedProfiles([...EVENTS, ...fresh, ...late]));
    expect((await feedInfo(core)).covered).toEqual({ from: new Date(START).toISOString(), to: new Date(clock).toISOString() });
    expect((await history(core)).map((r) => r.events)).toEqual([second.events, EVENTS.length]);
  }, 60_000);

  it('waits out a 429, retries a 500 and a partial (timeout) page, and still imports every event once', async () => {
    const { core, dd } = await setUp();
    await saveFeed(core, datadogFeed(dd));
    dd.fail({ status: 429, resetSeconds: 1 }, { status: 500 }, { timeout: true });
    const states: string[] = [];
    const off = core.events.subscribe((m) => {
      const p = m.data as JobProgress;
      if (m.event === 'job.progress') states.push(p.state === 'waiting' ? `waiting: ${p.waitingFor}` : p.state);
    });
    const report = await pull(core);
    off();
    expect(states).toContain('waiting: rate limited (1 s)');
    // Progress after the wait no longer carries its reason.
    expect(states.at(-1)).toBe('running');
    expect(report).toMatchObject({ status: 'ok', events: EVENTS.length, pages: pagesOf(EVENTS.length) });
    expect(searches(dd)).toHaveLength(pagesOf(EVENTS.length) + 3);
    expect(await profiles(core)).toEqual(reference);
  }, 60_000);

  it('stops on refused keys with auth_failed, keeps what it committed, and resumes from there', async () => {
    const { core, dd } = await setUp({ pageDelayMs: 150 });
    await saveFeed(core, datadogFeed(dd));
    const { finished } = await startPull(core);
    await until(() => dd.pagesServed >= 1);
    dd.fail({ status: 403 });
    const done = await finished;
    expect(done.ok).toBe(false);
    if (done.ok) return;
    expect(done.error.code).toBe('auth_failed');
    expect(done.error.message).toMatch(/rum_apps_read/);
    expect(done.error.message).not.toContain(dd.apiKey);
    const info = await feedInfo(core);
    expect(info.resumable).toBe(true);
    expect(info.lastPull).toMatchObject({ status: 'failed', error: done.error.message });
    expect(info.lastPull!.pages).toBeGreaterThanOrEqual(1);
    expect(info.lastPull!.events).toBe(info.lastPull!.pages * 1000);
    const committed = (await profiles(core)).users.length;
    expect(committed).toBeGreaterThan(0);

    await expectResumes(core, dd, info.lastPull!.events);
  }, 60_000);

  it('refuses a query Datadog rejects with bad_query (pull and test), and tests good keys', async () => {
    const { core, dd } = await setUp();
    await saveFeed(core, datadogFeed(dd));
    expect(await ok<{ message: string }>(core.dispatch('feeds.test', { name: FEED }))).toEqual({
      message: 'Datadog accepted the keys; events match the query',
    });
    const quiet = await core.dispatch('feeds.test', { feed: datadogFeed(dd, { query: '@type:nothing' }) });
    expect(quiet).toMatchObject({ ok: true, value: { message: expect.stringMatching(/no events match the query since 2025-01-01/) } });
    const refused = await core.dispatch('feeds.test', { feed: datadogFeed(dd, { appKey: 'wrong' }) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'auth_failed' } });

    await saveFeed(core, datadogFeed(dd, { name: 'Broken', query: '@type:(view' }));
    const done = await failedPull(core, 'Broken');
    expect(done.error.code).toBe('bad_query');
    expect(done.error.message).toMatch(/unbalanced parenthesis/);
    expect(await core.dispatch('feeds.test', { name: 'Broken' })).toMatchObject({ ok: false, error: { code: 'bad_query' } });
    expect((await feedInfo(core, 'Broken')).lastPull).toMatchObject({ status: 'failed', pages: 0 });
  }, 60_000);

  it('keeps the pages committed before a cancel; the next pull resumes from the cursor', async () => {
    const { core, dd } = await setUp({ pageDelayMs: 150 });
    await saveFeed(core, datadogFeed(dd));
    const { jobId, finished } = await startPull(core);
    // One pull per feed: asking again names the running one.
    expect(await ok(core.dispatch('feeds.pull', { name: FEED }))).toEqual({ jobId });
    expect((await feedInfo(core)).pullJobId).toBe(jobId);
    await until(() => dd.pagesServed >= 2);
    await ok(core.dispatch('jobs.cancel', { jobId }));
    const done = await finished;
    expect(done).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const info = await feedInfo(core);
    expect(info.resumable).toBe(true);
    expect(info.lastPull).toMatchObject({ status: 'cancelled' });
    expect(info.lastPull!.pages).toBeGreaterThanOrEqual(1);

    await expectResumes(core, dd, info.lastPull!.events);
  }, 60_000);

  it('removing a feed stops its pull first; the profiles it imported stay', async () => {
    const { core, dd } = await setUp({ pageDelayMs: 150 });
    await saveFeed(core, datadogFeed(dd));
    const { finished } = await startPull(core);
    await until(() => dd.pagesServed >= 2);
    expect(await ok(core.dispatch('feeds.remove', { name: FEED }))).toEqual({});
    expect(await finished).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await ok(core.dispatch('feeds.list', {}))).toEqual({ feeds: [] });
    expect(await core.dispatch('feeds.history', { name: FEED })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const kept = (await profiles(core)).users.length;
    expect(kept).toBeGreaterThan(0);
    const served = dd.requests.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(dd.requests.length).toBe(served);
  }, 60_000);

  it('restarts from the high-water time once when its saved cursor has expired', async () => {
    const { core, dd } = await setUp({ pageDelayMs: 100 });
    await saveFeed(core, datadogFeed(dd));
    const { jobId, finished } = await startPull(core);
    await until(() => dd.pagesServed >= 2);
    await ok(core.dispatch('jobs.cancel', { jobId }));
    await finished;
    expect((await feedInfo(core)).resumable).toBe(true);
    dd.expireCursors();
    const before = dd.requests.length;
    const report = await pull(core);
    const next = searches(dd).slice(before);
    expect(next[0]!.cursor).not.toBeNull();
    expect(next[1]!.cursor).toBeNull();
    expect(next[1]!.from).toBeGreaterThan(START);
    expect(next[1]!.from).toBeLessThan(START + 86_400_000);
    expect(report.status).toBe('ok');
    expect(await profiles(core)).toEqual(reference);
  }, 60_000);

  it('pulls by its schedule: an overdue feed at launch, on the injected clock', async () => {
    const { core: first, dd } = await setUp();
    await saveFeed(first, datadogFeed(dd, { schedule: { everyMinutes: 30 } }));
    await saveFeed(first, datadogFeed(dd, { name: 'Paused', schedule: { everyMinutes: 30 }, paused: true }));
    expect((await feedInfo(first)).nextPullAt).toBe(new Date(NOW + 30 * MIN).toISOString());
    await first.close();

    clock = NOW + 45 * MIN;
    core = createCore({ dbPath: join(dir, 'profiles.db'), now: () => clock, scheduleSyncs: true });
    const scheduled = core;
    // The catch-up pull starts on a later tick: listening now hears its end.
    const done = await new Promise<FeedFinished>((resolve) => {
      const off = scheduled.events.subscribe((m) => {
        if (m.event === 'job.finished' && (m.data as FeedFinished).kind === 'feed') {
          off();
          resolve(m.data as FeedFinished);
        }
      });
    });
    expect(done.ok).toBe(true);
    const runs = await history(scheduled);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'schedule', status: 'ok', events: EVENTS.length, to: new Date(clock).toISOString() });
    expect(await history(scheduled, 'Paused')).toEqual([]);
    expect((await feedInfo(scheduled)).nextPullAt).toBe(new Date(clock + 30 * MIN).toISOString());
  }, 60_000);
});
