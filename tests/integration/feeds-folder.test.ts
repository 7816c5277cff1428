/**
 * Watched folders through the core's API, with the core's own watches (`scheduleSyncs`): a file
 * written in two parts is imported once, whole, after it has stopped changing; a malformed file
 * is listed as failed in the history and not retried; nothing is pulled again while nothing new
 * arrives.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedFile, FeedPullReport, FeedRun } from '../../common/feeds';
import type { FeedFinished, JobFinished } from '../../common/types';
import { createCore, type Core } from '../../main/core/core';
import { rumEvents, toNdjson } from '../servers/datadog-data';
import { allUsers, importFiles, ok, tempStore, writeEvents } from './helpers';

const EVENTS = rumEvents({ users: 10, sessionsPerUser: 2, eventsPerSession: 5, start: Date.UTC(2025, 3, 1), seed: 4 });
const SYNTHETICS = EVENTS.filter((e) => (e.session as { type: string }).type === 'synthetics').length;

let dir: string;
let drop: string;
let core: Core;
let pulls: FeedFinished[];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function nextPull(count: number, timeoutMs = 30_000): Promise<FeedPullReport> {
  const end = Date.now() + timeoutMs;
  while (pulls.length < count) {
    if (Date.now() > end) throw new Error(`no pull #${count} within ${timeoutMs} ms`);
    await sleep(50);
  }
  const done = pulls[count - 1]!;
  if (!done.ok) throw new Error(`${done.error.code}: ${done.error.message}`);
  return done.result;
}

const history = () => ok<{ runs: FeedRun[]; files: FeedFile[] }>(core.dispatch('feeds.history', { name: 'Drops' }));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-folder-feed-'));
  drop = join(dir, 'drop');
  mkdirSync(drop);
  core = createCore({ dbPath: join(dir, 'profiles.db'), scheduleSyncs: true });
  pulls = [];
  core.events.subscribe((m) => {
    if (m.event === 'job.finished' && (m.data as JobFinished).kind === 'feed') pulls.push(m.data as FeedFinished);
  });
  await ok(core.dispatch('feeds.save', { feed: { name: 'Drops', kind: 'folder', path: drop } }));
});
afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('watched folder feeds', () => {
  it('imports a dropped file once it is completely written, lists a malformed one as failed, and retries neither', async () => {
    const text = toNdjson(EVENTS);
    const half = text.indexOf('\n', text.length >> 1) + 1;
    const file = join(drop, 'export-1.ndjson');
    writeFileSync(file, text.slice(0, half));
    await sleep(1200); // a slow writer, pausing for less than the settle time
    appendFileSync(file, text.slice(half));

    const first = await nextPull(1);
    expect(first).toMatchObject({ feed: 'Drops', kind: 'folder', trigger: 'watch', status: 'ok', files: 1, failedFiles: 0, events: EVENTS.length });
    expect(first.imported).toBe(EVENTS.length - SYNTHETICS);
    expect(first.summary?.files).toMatchObject([{ file: 'export-1.ndjson', status: 'imported', records: EVENTS.length }]);
    // The same profiles as importing the file by hand.
    const reference = tempStore();
    try {
      await importFiles(reference.core, [writeEvents(reference.dir, 'export-1.ndjson', EVENTS)]);
      expect(await allUsers(core)).toEqual(await allUsers(reference.core));
    } finally {
      await reference.cleanup();
    }
    const users = (await allUsers(core)).length;
    expect(users).toBeGreaterThan(0);

    writeFileSync(join(drop, 'broken.json'), '[{"type": "view", "date": 17');
    writeFileSync(join(drop, 'notes.txt.part'), 'still copying');
    const second = await nextPull(2);
    expect(second).toMatchObject({ trigger: 'watch', files: 0, failedFiles: 1, events: 0 });

    const { runs, files } = await history();
    expect(runs.map((r) => [r.trigger, r.status, r.files, r.failedFiles])).toEqual([
      ['watch', 'ok', 0, 1],
      ['watch', 'ok', 1, 0],
    ]);
    expect(files.map((f) => [f.name, f.status, f.events])).toEqual([
      ['broken.json', 'failed', 0],
      ['export-1.ndjson', 'imported', EVENTS.length],
    ]);
    expect(files[0]!.error).toMatch(/^broken\.json: /);

    // Past a poll and a settle time: the failed file is not taken again, nor the imported one.
    await sleep(7500);
    expect(pulls).toHaveLength(2);
    const manual = await ok<{ jobId: string }>(core.dispatch('feeds.pull', { name: 'Drops' }));
    expect(manual.jobId).toBeTruthy();
    expect(await nextPull(3)).toMatchObject({ trigger: 'manual', files: 0, failedFiles: 0, events: 0 });
    expect((await allUsers(core)).length).toBe(users);
  });

  it('does not watch a paused feed', async () => {
    await ok(core.dispatch('feeds.pause', { name: 'Drops', paused: true }));
    writeFileSync(join(drop, 'export.ndjson'), toNdjson(EVENTS.slice(0, 5)));
    await sleep(7500);
    expect(pulls).toEqual([]);
    expect(await allUsers(core)).toEqual([]);
  });
});
