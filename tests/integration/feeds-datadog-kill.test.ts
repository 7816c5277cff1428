/**
 * A Datadog pull killed mid-way with its process (SIGKILL: no cleanup at all) loses nothing and
 * counts nothing twice: the next pull resumes from the last page committed with the checkpoint,
 * and the profiles equal those of importing the same events as a file. The killed run is marked
 * failed when the store is next opened.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { startDatadogServer, type DatadogTestServer } from '../servers/datadog';
import { rumEvents } from '../servers/datadog-data';
import { datadogFeed, FEED, feedInfo, history, importedProfiles, profiles, pull, saveFeed, searches, until } from './feeds-datadog-support';

const CHILD = fileURLToPath(new URL('./feeds-datadog-child.ts', import.meta.url));
const EVENTS = rumEvents({ users: 150, start: Date.UTC(2025, 0, 1), seed: 11 });

let dir: string;
let dd: DatadogTestServer | null = null;
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  await dd?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('resumes a pull whose process was killed mid-way: nothing lost, nothing counted twice', async () => {
  dir = mkdtempSync(join(tmpdir(), 'feeds-kill-'));
  const dbPath = join(dir, 'profiles.db');
  dd = await startDatadogServer({ events: EVENTS, pageDelayMs: 300 });
  const setup = createCore({ dbPath });
  await saveFeed(setup, datadogFeed(dd));
  await setup.close();

  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, FEED], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  // The second page was asked for only after the first was committed.
  await until(() => dd!.pagesServed >= 2 || child.exitCode !== null, 60_000);
  child.kill('SIGKILL');
  expect(await exited, output).toBe('SIGKILL');
  const requestsBefore = dd.requests.length;
  expect(requestsBefore).toBeLessThan(Math.ceil(EVENTS.length / 1000));

  core = createCore({ dbPath });
  expect((await feedInfo(core)).resumable).toBe(true);
  const resumed = await pull(core);
  const next = searches(dd).slice(requestsBefore);
  expect(next[0]!.cursor).not.toBeNull();
  const committedBefore = EVENTS.length - resumed.events;
  expect([1000, 2000]).toContain(committedBefore);

  const runs = await history(core);
  expect(runs.map((r) => [r.status, r.trigger])).toEqual([
    ['ok', 'manual'],
    ['failed', 'manual'],
  ]);
  expect(runs[1]!.error).toMatch(/Interrupted/);
  // The killed run's counts were committed with its pages.
  expect(runs[1]!.events).toBe(committedBefore);
  expect(runs[1]!.pages).toBe(committedBefore / 1000);
  expect(runs[0]!.events).toBe(resumed.events);
  expect(await profiles(core)).toEqual(await importedProfiles(EVENTS));
}, 120_000);
