import { appendFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus, type EventBus } from '../../events';
import type { FeedRecord } from '../pull-context';
import { feedTestStore, ndjsonOfUsers, type FeedTestStore } from './context.test-support';
import { recordSeenFile } from './seen-files';
import { startFolderWatches } from './watch';

let store: FeedTestStore;
let events: EventBus;
let folder: string;
let feeds: FeedRecord[];
let pulls: Array<{ name: string; at: number }>;
let logs: string[];
let watches: { stop(): void } | null;
/** A pull of the feed is running: startPull returns its job instead of starting one. */
let swallow: boolean;

function addRun(status: 'running' | 'ok'): void {
  store.db
    .prepare(`INSERT INTO feed_runs (feed_id, trigger, status, started_at) VALUES (?, 'watch', ?, ?)`)
    .run(store.feed.id, status, Date.now());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function start(options: { pollMs?: number; settleMs?: number } = {}): void {
  watches = startFolderWatches({
    now: Date.now,
    log: (line) => logs.push(line),
    events,
    db: store.db,
    feeds: () => feeds,
    startPull: (name) => {
      pulls.push({ name, at: Date.now() });
      // As the feed jobs do: the pull is recorded as a run (here one that imported nothing).
      if (!swallow) addRun('ok');
    },
    pollMs: options.pollMs ?? 100,
    settleMs: options.settleMs ?? 300,
  });
}

beforeEach(() => {
  store = feedTestStore('folder', {});
  folder = join(store.dir, 'drop');
  mkdirSync(folder);
  store.feed.settings.path = folder;
  events = createEventBus();
  feeds = [store.feed];
  pulls = [];
  logs = [];
  watches = null;
  swallow = false;
});
afterEach(() => {
  watches?.stop();
  store.cleanup();
});

describe('startFolderWatches', () => {
  it('starts one pull for a dropped file once it has stopped changing, not while it is written', async () => {
    start({ settleMs: 400, pollMs: 60_000 }); // fs.watch and the settle re-check alone
    await sleep(150);
    const file = join(folder, 'events.ndjson');
    writeFileSync(file, ndjsonOfUsers(['u1']));
    const firstWrite = Date.now();
    await sleep(250);
    appendFileSync(file, ndjsonOfUsers(['u2']));
    const secondWrite = Date.now();
    await until('a pull', () => pulls.length > 0);
    expect(pulls[0]!.name).toBe('test feed');
    expect(pulls[0]!.at - secondWrite).toBeGreaterThanOrEqual(380);
    expect(pulls[0]!.at - firstWrite).toBeGreaterThanOrEqual(600);
    await sleep(600);
    expect(pulls).toHaveLength(1);
  });

  it('finds new files and leaves files already seen, hidden or partial alone', async () => {
    const seen = join(folder, 'old.ndjson');
    writeFileSync(seen, ndjsonOfUsers(['u1']));
    const info = statSync(seen);
    await recordSeenFile(store.db, store.feed.id, { name: 'old.ndjson', path: seen, bytes: info.size, mtimeMs: Math.trunc(info.mtimeMs) }, { status: 'imported', events: 1 }, Date.now());
    writeFileSync(join(folder, '.hidden.ndjson'), 'x');
    writeFileSync(join(folder, 'copying.ndjson.part'), 'x');
    start();
    await sleep(800);
    expect(pulls).toEqual([]);

    writeFileSync(join(folder, 'new.ndjson'), ndjsonOfUsers(['u2']));
    await until('a pull', () => pulls.length === 1);
  });

  it('logs a missing folder once, and watches it once it appears', async () => {
    const later = join(store.dir, 'later');
    feeds = [{ ...store.feed, settings: { path: later } }];
    start();
    await sleep(500);
    expect(logs).toEqual([`Feed "test feed": The folder ${later} does not exist (was it moved or removed?); still watching for it`]);
    mkdirSync(later);
    writeFileSync(join(later, 'a.ndjson'), ndjsonOfUsers(['u1']));
    await until('a pull', () => pulls.length === 1);
    expect(logs).toHaveLength(2);
    expect(logs[1]).toContain('is back');
  });

  it('asks again once a pull that was running when a file came has ended, and not in a loop after', async () => {
    addRun('running');
    swallow = true;
    start();
    writeFileSync(join(folder, 'a.ndjson'), ndjsonOfUsers(['u1']));
    await until('a first request', () => pulls.length === 1);
    await sleep(500);
    expect(pulls).toHaveLength(1);

    store.db.prepare(`UPDATE feed_runs SET status = 'ok'`).run();
    swallow = false;
    events.emit('feeds.changed', {});
    await until('a second request', () => pulls.length === 2);
    // That pull started after the file was found: it still being unseen waits for the retry.
    await sleep(500);
    expect(pulls).toHaveLength(2);
  });

  it('re-reads the feeds on feeds.changed and stops watching on stop()', async () => {
    feeds = [];
    start();
    writeFileSync(join(folder, 'a.ndjson'), ndjsonOfUsers(['u1']));
    await sleep(500);
    expect(pulls).toEqual([]);

    feeds = [store.feed];
    events.emit('feeds.changed', {});
    await until('a pull', () => pulls.length === 1);

    feeds = [];
    events.emit('feeds.changed', {});
    writeFileSync(join(folder, 'b.ndjson'), ndjsonOfUsers(['u2']));
    await sleep(600);
    expect(pulls).toHaveLength(1);

    feeds = [store.feed];
    events.emit('feeds.changed', {});
    watches!.stop();
    await sleep(600);
    expect(pulls).toHaveLength(1);
  });
});
