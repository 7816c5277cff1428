/**
 * Ctrl-C during `profile-desk export`: the job is cancelled through `jobs.cancel`, the CLI
 * exits 130, and no file is left under the chosen name (nor the temp file beside it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runJob } from '../../common/jobs';
import { createCore } from '../../main/core/core';
import { writeEventsFile } from '../../main/core/sample/generator';
import { CLI, ensureCliBuilt, isolatedEnv } from './built-cli';

let dir: string;
let db: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-export-cancel-'));
  // Enough users that the export is still writing when the signal arrives.
  const events = join(dir, 'events.ndjson');
  await writeEventsFile(events, { users: 25_000, events: 50_000, seed: 5, gzip: false });
  db = join(dir, 'profiles.db');
  const core = createCore({ dbPath: db });
  const finished = await runJob(core, 'imports.start', { paths: [events] });
  await core.close();
  expect(finished.ok).toBe(true);
  rmSync(events);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('Ctrl-C cancels the export: exit 130, a message on stderr, no file under the name', { timeout: 60_000 }, async () => {
  const out = join(dir, 'users.csv');
  // SIGINT as soon as the temp file appears: the export is then under way.
  const watcher = watch(dir);
  const child = spawn(process.execPath, [CLI, '--db', db, 'export', 'users', '--out', out], { env: isolatedEnv(dir), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  watcher.on('change', (_type, name) => {
    if (String(name).endsWith('.part')) {
      watcher.close();
      child.kill('SIGINT');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  watcher.close();
  expect(stderr).toContain('Export cancelled; ');
  expect(code).toBe(130);
  expect(stdout).toBe('');
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(dir).filter((f) => f.includes('users.csv'))).toEqual([]);
});
