/**
 * The built CLI's `feeds` commands end to end, as an analyst runs them: a Datadog feed from a
 * FEED.json whose keys come from the environment, pulled from the local RUM Events API test
 * server (several pages, a 429 waited out, a 403 refused), incremental, listed without its
 * secrets (in the output and in the store's bytes); a malformed FEED.json; Ctrl-C; a url feed
 * (bearer token, ETag) and a folder feed; pause, resume and remove.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedInfo, FeedPullReport } from '../../common/feeds';
import type { ProfileRow } from '../../common/keys';
import { startDatadogServer, type DatadogTestServer } from '../servers/datadog';
import { rumEvents, syntheticsSessions, toNdjson, type TestRumEvent } from '../servers/datadog-data';
import { ensureCliBuilt, isolatedEnv, runCli, startCli, type CliResult } from './built-cli';

const API_KEY = 'dd-api-4b1f0e9c2a7d4e66';
const APP_KEY = 'dd-app-93c5d1a8f02b4c7e';
const TOKEN = 'feed-token-5e2a91c7';
const HOUR = 3_600_000;
/** The first pull's events: two days ago, over one day, from 60 users (3 sessions of 8 events each) and 3 synthetics sessions. */
const START = Math.floor(Date.now() / HOUR) * HOUR - 48 * HOUR;
const USERS = 60;
const first = rumEvents({ users: USERS, start: START, seed: 7 });

let dir: string;
let db: string;
let env: NodeJS.ProcessEnv;
let dd: DatadogTestServer;
/** Everything the CLI printed, to search for a leaked secret at the end. */
const printed: string[] = [];

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-cli-feeds-'));
  db = join(dir, 'store', 'profiles.db');
  env = isolatedEnv(dir, { DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, FEED_TOKEN: `Bearer ${TOKEN}` });
  dd = await startDatadogServer({ events: first, apiKey: API_KEY, appKey: APP_KEY });
  mkdirSync(join(dir, 'feeds'));
}, 180_000);

afterAll(async () => {
  await dd?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<CliResult> {
  const r = await runCli(['--db', db, ...args], env);
  printed.push(r.stdout, r.stderr);
  return r;
}

function feedFile(name: string, json: object): string {
  const path = join(dir, 'feeds', name);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

async function listed(): Promise<FeedInfo[]> {
  const r = await cli('feeds', 'list', '--json');
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { feeds: FeedInfo[] }).feeds;
}

async function userIds(): Promise<string[]> {
  const r = await cli('users', '--all', '--json');
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as ProfileRow[]).map((u) => String(u.user_id)).sort();
}

/** The ids of the users behind events (synthetics excluded, as imports exclude them). */
function idsOf(events: TestRumEvent[]): string[] {
  const ids = events.flatMap((e) => {
    const usr = e.usr as { id?: string } | undefined;
    const synthetics = (e.session as { type?: string } | undefined)?.type === 'synthetics';
    return usr?.id && !synthetics ? [usr.id] : [];
  });
  return [...new Set(ids)];
}

/** Search requests the server got since `from` (an index into dd.requests). */
const searchesSince = (from: number) => dd.requests.slice(from).filter((r) => r.path.startsWith('/api/v2/rum/events'));

const DATADOG_FEED = {
  name: 'prod',
  kind: 'datadog',
  baseUrl: '',
  apiKey: { env: 'DD_API_KEY' },
  appKey: { env: 'DD_APP_KEY' },
  from: new Date(START).toISOString(),
};

describe('a Datadog feed through the built CLI', () => {
  it('refuses a malformed FEED.json by its field (exit 2), before saving anything', async () => {
    const file = feedFile('bad.json', { ...DATADOG_FEED, baseUrl: dd.url, apiKey: { env: 'DD_KEY_UNSET' }, lookbackMinutes: 'soon' });
    const r = await cli('feeds', 'add', '--file', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`profile-desk: ${file}: apiKey: the environment variable DD_KEY_UNSET is not set\n`);
    expect(r.stderr).toMatch(/lookbackMinutes: expected number/);
    const unknownKind = await cli('feeds', 'add', '--file', feedFile('kafka.json', { name: 'k', kind: 'kafka' }));
    expect(unknownKind.code).toBe(2);
    expect(unknownKind.stderr).toMatch(/kind: must be one of "datadog", "url", "folder"/);
    expect(existsSync(db)).toBe(false);
    const usage = await cli('feeds', 'add');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Missing --file FEED\.json/);
  });

  it('adds the feed with its keys from the environment, and pulls every event over several pages', async () => {
    const file = feedFile('prod.json', { ...DATADOG_FEED, baseUrl: dd.url });
    const added = await cli('feeds', 'add', '--file', file);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe(`Saved feed "prod" (datadog, ${dd.url}; pull it with: profile-desk feeds pull "prod").\n`);

    const before = dd.requests.length;
    const r = await cli('feeds', 'pull', 'prod', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as FeedPullReport;
    const userEvents = first.length - syntheticsSessions(USERS) * 8;
    expect(report).toMatchObject({ feed: 'prod', kind: 'datadog', status: 'ok', events: first.length, imported: userEvents });
    expect(report.pages).toBeGreaterThanOrEqual(2);
    expect(Date.parse(report.from!)).toBeLessThanOrEqual(first[0]!.date);
    expect(Date.parse(report.to!)).toBeGreaterThanOrEqual(first.at(-1)!.date);
    // Keys go in headers only.
    for (const request of searchesSince(before)) {
      expect(request.path).not.toContain(API_KEY);
      expect(request.headers['dd-api-key']).toBe(API_KEY);
    }
    expect(await userIds()).toEqual(idsOf(first).sort());
  });

  it('pulls only the new events the second time, waiting out a 429 with the progress saying so', async () => {
    const covered = (await listed())[0]!.covered!;
    // Events that arrived since: the last minutes, as a live application sends them.
    const later = rumEvents({ users: 5, start: Date.now() - 10 * 60_000, spanMs: 8 * 60_000, seed: 8, sessionsPerUser: 1, eventsPerSession: 4 });
    dd.addEvents(later);
    dd.fail({ status: 429, resetSeconds: 1 });
    const before = dd.requests.length;
    const r = await cli('feeds', 'pull', 'prod', '--json', '--progress');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as FeedPullReport;
    expect(report).toMatchObject({ status: 'ok', events: later.length });
    expect(r.stderr).toMatch(/^prod: waiting: rate limited \(\d+ s\)…$/m);
    // It asked from where the last pull ended (less the lookback), not from the start.
    const asked = searchesSince(before).map((q) => (q.body as { filter?: { from?: string } } | undefined)?.filter?.from).find((f) => f !== undefined);
    expect(Date.parse(asked!)).toBeGreaterThan(Date.parse(covered.to) - 16 * 60_000);
    expect(await userIds()).toEqual([...new Set([...idsOf(first), ...idsOf(later)])].sort());
  });

  it('lists the feed with the time covered and its last pull, never its keys', async () => {
    const [feed] = await listed();
    expect(feed).toMatchObject({ name: 'prod', kind: 'datadog', settings: { baseUrl: dd.url, query: '*' }, paused: false, lastPull: { status: 'ok' } });
    expect(feed!.secrets.sort()).toEqual(['apiKey', 'appKey']);
    expect(Date.parse(feed!.covered!.from)).toBeLessThanOrEqual(first[0]!.date);
    const table = await cli('feeds', 'list');
    expect(table.code, table.stderr).toBe(0);
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^NAME\s+KIND\s+WHERE\s+SCHEDULE\s+PAUSED\s+COVERED \(UTC\)\s+LAST PULL\s+WHEN \(UTC\)\s+EVENTS$/);
    expect(row).toMatch(/^prod\s+datadog\s+http:\/\/127\.0\.0\.1:\d+\s+manual\s+no\s+\d{4}-\d\d-\d\d \d\d:\d\d to \d{4}-\d\d-\d\d \d\d:\d\d\s+ok\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+\d+$/);
  });

  it('exits 1 with one clear line when Datadog refuses the keys (403)', async () => {
    dd.fail({ status: 403 });
    const r = await cli('feeds', 'pull', 'prod', '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^profile-desk: Pull of "prod" failed: .+\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await listed())[0]!.lastPull).toMatchObject({ status: 'failed' });

    // A query Datadog refuses: the reason shows it.
    const bad = await cli('feeds', 'add', '--file', feedFile('bad-query.json', { ...DATADOG_FEED, name: 'typo', baseUrl: dd.url, query: '@type:(view' }), '--pull');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^profile-desk: Saved feed "typo", but its first pull failed: .*@type:\(view.*\n$/);
    expect((await cli('feeds', 'remove', 'typo')).code).toBe(0);
  });

  it('changes the feed with --replace, keeping the keys the file leaves out', async () => {
    const { apiKey: _api, appKey: _app, ...keyless } = DATADOG_FEED;
    const file = feedFile('prod-edit.json', { ...keyless, baseUrl: dd.url, lookbackMinutes: 30 });
    const refused = await cli('feeds', 'add', '--file', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('profile-desk: A feed named "prod" exists (add --replace to change it).\n');
    const r = await cli('feeds', 'add', '--file', file, '--replace', '--pull', '--json');
    expect(r.code, r.stderr).toBe(0);
    const { feed, pull } = JSON.parse(r.stdout) as { feed: FeedInfo; pull: FeedPullReport };
    expect(feed).toMatchObject({ name: 'prod', settings: { lookbackMinutes: 30 } });
    expect(feed.secrets.sort()).toEqual(['apiKey', 'appKey']);
    expect(pull.status).toBe('ok');
  });

  it('cancels a pull on Ctrl-C and exits 130', async () => {
    const slow = await startDatadogServer({ events: first.slice(0, 50), apiKey: API_KEY, appKey: APP_KEY, pageDelayMs: 5_000 });
    try {
      const file = feedFile('slow.json', { ...DATADOG_FEED, name: 'slow', baseUrl: slow.url });
      expect((await cli('feeds', 'add', '--file', file)).code).toBe(0);
      const child = startCli(['--db', db, 'feeds', 'pull', 'slow'], env);
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Interrupted while the server holds the first page.
      while (slow.requests.length === 0) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toContain('Pull of "slow" cancelled');
      expect((await listed()).find((f) => f.name === 'slow')!.lastPull).toMatchObject({ status: 'cancelled' });
      expect((await cli('feeds', 'remove', 'slow')).code).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('keeps the keys out of everything printed and out of the store file', () => {
    const files = [db, `${db}-wal`].filter((f) => existsSync(f));
    for (const secret of [API_KEY, APP_KEY]) {
      expect(printed.join('\n')).not.toContain(secret);
      for (const f of files) expect(readFileSync(f).includes(secret), f).toBe(false);
    }
  });
});

describe('url and folder feeds through the built CLI', () => {
  const events = rumEvents({ users: 4, start: START, seed: 11, sessionsPerUser: 1, eventsPerSession: 3 });
  const body = toNdjson(events);
  const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
  const seen: IncomingHttpHeaders[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson', ETag: etag }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events.ndjson`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('adds a url feed with a bearer token from the environment, pulls it, then finds it unchanged', async () => {
    const file = feedFile('export.json', { name: 'export', kind: 'url', url, headers: { Authorization: { env: 'FEED_TOKEN' } } });
    const r = await cli('feeds', 'add', '--file', file, '--pull', '--json');
    expect(r.code, r.stderr).toBe(0);
    const { feed, pull } = JSON.parse(r.stdout) as { feed: FeedInfo; pull: FeedPullReport };
    expect(feed.secrets).toEqual(['header:Authorization']);
    expect(pull).toMatchObject({ feed: 'export', kind: 'url', status: 'ok', events: events.length, notModified: false });
    expect(await userIds()).toEqual(expect.arrayContaining(idsOf(events)));

    const again = await cli('feeds', 'pull', 'export');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Pulled "export": not modified since the last pull/);
    expect(seen.at(-1)!['if-none-match']).toBe(etag);
    expect(printed.join('\n')).not.toContain(TOKEN);
    expect(readFileSync(db).includes(TOKEN)).toBe(false);
  });

  it('adds a folder feed (its path relative to FEED.json) and imports each new file once', async () => {
    const drop = join(dir, 'feeds', 'drop');
    mkdirSync(drop);
    const files = rumEvents({ users: 3, start: START, seed: 12, sessionsPerUser: 1, eventsPerSession: 2 });
    writeFileSync(join(drop, 'batch-1.ndjson'), toNdjson(files));
    const r = await cli('feeds', 'add', '--file', feedFile('drop.json', { name: 'drop', kind: 'folder', path: 'drop' }), '--pull');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Saved feed "drop" and pulled it: 1 file, \d+ events \(\d+ imported\) in .+\.\n$/);
    expect(await userIds()).toEqual(expect.arrayContaining(idsOf(files)));
    const again = await cli('feeds', 'pull', 'drop', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ files: 0, events: 0 });
    expect((await listed()).find((f) => f.name === 'drop')).toMatchObject({ settings: { path: drop } });
  });

  it('pauses, resumes and removes feeds', async () => {
    const paused = await cli('feeds', 'pause', 'export');
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toMatch(/^Paused feed "export"/);
    expect((await listed()).find((f) => f.name === 'export')).toMatchObject({ paused: true });
    expect((await cli('feeds', 'resume', 'export')).stdout).toMatch(/^Resumed feed "export"/);
    expect((await listed()).find((f) => f.name === 'export')).toMatchObject({ paused: false });

    for (const name of ['export', 'drop']) {
      const r = await cli('feeds', 'remove', name);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`Removed feed "${name}" (the profiles it imported stay).\n`);
    }
    const missing = await cli('feeds', 'remove', 'drop');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/drop/);
    expect((await userIds()).length).toBeGreaterThan(0);
  });
});
