/**
 * Ctrl-C during `profile-desk export`: the job is cancelled through `jobs.cancel`, the CLI
 * exits 130, and no file is left under the chosen name (nor the temp file beside it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runJob } from '../../common/jobs';
import { createCore } from '../../main/core/core';
import { writeEventsFile } from '../../main/core/sample/generator';
import { CLI, ensureCliBuilt, isolatedEnv } from './built-cli';

let dir: string;
let db: string;
let users = 0;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-export-cancel-'));
  // Enough users that the export is still writing when the signal arrives.
  const events = join(dir, 'events.ndjson');
  await writeEventsFile(events, { users: 25_000, events: 50_000, seed: 5, gzip: false });
  db = join(dir, 'profiles.db');
  const core = createCore({ dbPath: db });
  const finished = await runJob(core, 'imports.start', { paths: [events] });
  const counted = await core.dispatch('users.count', {});
  users = counted.ok ? (counted.value as { count: number }).count : -1;
  await core.close();
  expect(finished.ok).toBe(true);
  rmSync(events);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('Ctrl-C cancels an export stalled on a full pipe: exit 130, a message on stderr', { timeout: 60_000 }, async () => {
  // Writing to a pipe nobody reads keeps the export under way for as long as the test wants,
  // whatever the machine's speed: it can't finish 25k users through a 64 KB pipe buffer.
  const child = spawn(process.execPath, [CLI, '--db', db, 'export', 'users', '--out', '-'], { env: isolatedEnv(dir), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let firstChunk = '';
  child.stdout.setEncoding('utf8').once('data', (d: string) => {
    firstChunk = d;
    child.stdout.pause();
    child.kill('SIGINT');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(firstChunk.startsWith('user_id,user_email,')).toBe(true);
  expect(stderr).toContain('Export cancelled');
  expect(code).toBe(130);
});

it('Ctrl-C during a file export leaves no file under the name, nor a temp file', { timeout: 60_000 }, async () => {
  const out = join(dir, 'users.csv');
  // SIGINT as soon as the temp file appears. A fast machine may finish first: then the file is
  // whole and the exit 0; either way there is never a partial file under the name.
  const watcher = watch(dir);
  const child = spawn(process.execPath, [CLI, '--db', db, 'export', 'users', '--out', out], { env: isolatedEnv(dir), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  watcher.on('change', (_type, name) => {
    if (String(name).endsWith('.part')) {
      watcher.close();
      child.kill('SIGINT');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  watcher.close();
  expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  if (code === 130) {
    expect(stderr).toContain('Export cancelled');
    expect(existsSync(out)).toBe(false);
  } else {
    expect(code).toBe(0);
    // Header and one line per user (no field here holds a line break).
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(users + 1);
  }
});
