/** Shared helpers for integration tests: a temporary store and event files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createCore, type Core } from '../../main/core/core';
import { runJob } from '../../common/jobs';
import type { ProfileRow } from '../../common/keys';
import type { ImportSummary, JobFinished, JobProgress } from '../../common/types';

export interface TempStore {
  dir: string;
  dbPath: string;
  core: Core;
  cleanup(): Promise<void>;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'profile-desk-test-'));
  const dbPath = join(dir, 'profiles.db');
  const core = createCore({ dbPath });
  return {
    dir,
    dbPath,
    core,
    async cleanup() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function writeEvents(dir: string, name: string, events: unknown[], options: { gzip?: boolean } = {}): string {
  const path = join(dir, name);
  const text = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
  writeFileSync(path, options.gzip ? gzipSync(text) : text);
  return path;
}

const T0 = Date.UTC(2025, 2, 1, 12, 0, 0);
let counter = 0;

/** A raw RUM event with sensible defaults; `minute` offsets its time from a fixed start. */
export function event(minute: number, fields: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    type: 'resource',
    date: T0 + minute * 60_000,
    application: { id: 'app-1' },
    session: { id: 's-1', type: 'user' },
    view: { id: `v-${minute}`, url: `https://app.example.com/page/${minute}?q=1` },
    resource: { id: `r-${counter}` },
    ...fields,
  };
}

export const at = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();

export async function ok<T>(promise: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await promise;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

export async function allUsers(core: Core): Promise<ProfileRow[]> {
  const { rows } = await ok<{ rows: ProfileRow[] }>(
    core.dispatch('users.page', { offset: 0, limit: 1000, sort: [{ key: 'user_id', dir: 'asc' }] }),
  );
  return rows;
}

export async function allAccounts(core: Core): Promise<ProfileRow[]> {
  const { rows } = await ok<{ rows: ProfileRow[] }>(
    core.dispatch('accounts.page', { offset: 0, limit: 1000, sort: [{ key: 'account_id', dir: 'asc' }] }),
  );
  return rows;
}

export async function user(core: Core, id: string): Promise<ProfileRow> {
  const found = (await allUsers(core)).find((u) => u.user_id === id);
  if (!found) throw new Error(`no user ${id}`);
  return found;
}

/**
 * Imports files the way every host does: an `imports.start` job through the dispatcher, awaited
 * to its `job.finished` event. Rejects when the job fails as a whole.
 */
export async function importFiles(core: Core, paths: string[], onProgress?: (p: JobProgress) => void): Promise<ImportSummary> {
  const finished = await runJob(core, 'imports.start', { paths }, onProgress);
  if (!finished.ok) throw new Error(finished.error.message);
  return finished.result;
}

/** The `job.finished` event of a job (subscribe before the job can end: right after starting it). */
export function jobFinished(core: Core, jobId: string): Promise<JobFinished> {
  return new Promise((resolve) => {
    const off = core.events.subscribe((m) => {
      if (m.event === 'job.finished' && (m.data as JobFinished).jobId === jobId) {
        off();
        resolve(m.data as JobFinished);
      }
    });
  });
}
