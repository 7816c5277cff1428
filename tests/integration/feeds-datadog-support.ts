/**
 * Helpers for the Datadog feed tests: a feed pointed at the local RUM Events API, pulls through
 * `core.dispatch` awaited to their `job.finished`, and everything the profile pages show (grid
 * rows and every user's detail) for comparing a pulled store with an imported one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedInfo, FeedPullReport, FeedRun } from '../../common/feeds';
import type { ProfileRow } from '../../common/keys';
import type { FeedFinished, JobFailed, UserDetail } from '../../common/types';
import { createCore, type Core } from '../../main/core/core';
import type { DatadogTestServer } from '../servers/datadog';
import { toNdjson } from '../servers/datadog-data';
import { allAccounts, allUsers, importFiles, jobFinished, ok } from './helpers';

export const FEED = 'Prod RUM';

export function datadogFeed(dd: DatadogTestServer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: FEED, kind: 'datadog', baseUrl: dd.url, apiKey: dd.apiKey, appKey: dd.appKey, from: '2025-01-01T00:00:00Z', ...extra };
}

export async function saveFeed(core: Core, feed: Record<string, unknown>): Promise<FeedInfo> {
  return (await ok<{ feed: FeedInfo }>(core.dispatch('feeds.save', { feed }))).feed;
}

/** Starts a pull; `finished` resolves with its job's end. */
export async function startPull(core: Core, name = FEED): Promise<{ jobId: string; finished: Promise<FeedFinished> }> {
  const { jobId } = await ok<{ jobId: string }>(core.dispatch('feeds.pull', { name }));
  return { jobId, finished: jobFinished(core, jobId) as Promise<FeedFinished> };
}

export async function pull(core: Core, name = FEED): Promise<FeedPullReport> {
  const done = await (await startPull(core, name)).finished;
  if (!done.ok) throw new Error(`${done.error.code}: ${done.error.message}`);
  return done.result;
}

export async function failedPull(core: Core, name = FEED): Promise<JobFailed> {
  const done = await (await startPull(core, name)).finished;
  if (done.ok) throw new Error('expected the pull to fail');
  return done;
}

export async function feedInfo(core: Core, name = FEED): Promise<FeedInfo> {
  const { feeds } = await ok<{ feeds: FeedInfo[] }>(core.dispatch('feeds.list', {}));
  const found = feeds.find((f) => f.name === name);
  if (!found) throw new Error(`no feed ${name}`);
  return found;
}

export async function history(core: Core, name = FEED): Promise<FeedRun[]> {
  return (await ok<{ runs: FeedRun[] }>(core.dispatch('feeds.history', { name }))).runs;
}

export interface Profiles {
  users: ProfileRow[];
  accounts: ProfileRow[];
  details: UserDetail[];
}

/** The grids' rows of every user and account, and every user's detail. */
export async function profiles(core: Core): Promise<Profiles> {
  const users = await allUsers(core);
  const details = [];
  for (const u of users) details.push(await ok<UserDetail>(core.dispatch('users.get', { id: String(u.user_id) })));
  return { users, accounts: await allAccounts(core), details };
}

/** The profiles `imports.start` builds from the same events as one NDJSON file, in a store of its own. */
export async function importedProfiles(events: object[]): Promise<Profiles> {
  const dir = mkdtempSync(join(tmpdir(), 'feeds-reference-'));
  const core = createCore({ dbPath: join(dir, 'profiles.db') });
  try {
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, toNdjson(events));
    await importFiles(core, [file]);
    return await profiles(core);
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The search requests the server received (faults included), their filter and cursor. */
export function searches(dd: DatadogTestServer): Array<{ from: number; to: number; query: string; cursor: string | null }> {
  return dd.requests
    .filter((r) => r.method === 'POST')
    .map((r) => {
      const body = r.body as { filter: { from: string; to: string; query: string }; page: { cursor?: string } };
      return { from: Date.parse(body.filter.from), to: Date.parse(body.filter.to), query: body.filter.query, cursor: body.page.cursor ?? null };
    });
}

export async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
