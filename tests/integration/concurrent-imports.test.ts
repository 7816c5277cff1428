/**
 * Two imports on one store at once, across processes: two built `profile-desk import` commands
 * started at the same moment, and writers that find another connection holding the store's
 * write lock for longer than SQLite's busy timeout. Both must wait their turn, not fail with
 * "database is locked", and end where importing the files one after the other does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/core';
import { runImport, type ImportProgress } from '../../main/core/ingest/run-import';
import { writeEventsFile } from '../../main/core/sample/generator';
import { openStore } from '../../main/core/store/open';
import { ensureCliBuilt, isolatedEnv, startCli, type CliResult } from './built-cli';
import { storeSnapshot } from './snapshot';

/** Longer than the store's busy_timeout (5 s): a writer relying on it would give up. */
const HOLD_MS = 6500;

let dir: string;
let files: string[];
let sequential: ReturnType<typeof storeSnapshot>;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-concurrent-'));
  // Big enough that the two imports overlap (each takes a second or more); the same users in
  // both, so the second merges into what the first wrote.
  files = [join(dir, 'first.ndjson'), join(dir, 'second.ndjson')];
  await writeEventsFile(files[0]!, { users: 400, events: 20_000, seed: 21 });
  await writeEventsFile(files[1]!, { users: 400, events: 20_000, seed: 22 });
  const reference = join(dir, 'sequential.db');
  openStore(reference).close();
  for (const file of files) await runImport({ dbPath: reference, files: [file] });
  sequential = storeSnapshot(reference);
  expect(sequential.users!.length).toBeGreaterThan(300);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Both files, each by its own `profile-desk import`, started together. */
function importBothAtOnce(db: string, flags: string[] = []): Array<Promise<CliResult>> {
  const env = isolatedEnv(dir);
  return files.map((file) => finished(startCli(['--db', db, 'import', ...flags, file], env)));
}

function expectImported(result: CliResult): void {
  expect(result.stderr).not.toMatch(/locked|busy/i);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Imported 1 file in /);
}

describe('two imports at once, in two processes', () => {
  it('both exit 0 on a new store and leave it as importing the files one after the other does', async () => {
    const db = join(dir, 'together.db');
    const results = await Promise.all(importBothAtOnce(db));
    results.forEach(expectImported);
    expect(storeSnapshot(db)).toEqual(sequential);
  }, 120_000);

  it('both wait for a transaction held longer than the busy timeout, then import', async () => {
    const db = join(dir, 'held.db');
    const holder = openStore(db);
    holder.exec('BEGIN IMMEDIATE');
    const running = importBothAtOnce(db, ['--progress']);
    await new Promise((r) => setTimeout(r, HOLD_MS));
    holder.exec('COMMIT');
    holder.close();
    const results = await Promise.all(running);
    results.forEach(expectImported);
    for (const { stderr } of results) expect(stderr).toContain('waiting for another import…');
    expect(storeSnapshot(db)).toEqual(sequential);
  }, 120_000);
});

describe('a writer behind another connection\'s transaction', () => {
  it('reads the file meanwhile, reports waiting, then running, and imports once the other commits', async () => {
    const db = join(dir, 'progress.db');
    const holder = openStore(db);
    holder.exec('BEGIN IMMEDIATE');
    const states: Array<ImportProgress['state']> = [];
    let readWhenWaiting = 0;
    const importing = runImport({
      dbPath: db,
      files: [files[0]!],
      onProgress: (p) => {
        if (states.at(-1) !== p.state) states.push(p.state);
        if (p.state === 'waiting' && holder.inTransaction) {
          readWhenWaiting = p.events;
          setTimeout(() => holder.exec('COMMIT'), 500);
        }
      },
    });
    const summary = await importing;
    holder.close();
    // The file's rows are staged away from the store: it takes the store's lock once it is read.
    expect(states).toEqual(['running', 'waiting', 'running']);
    expect(readWhenWaiting).toBe(summary.records);
    expect(summary.files[0]!.status).toBe('imported');
    expect(summary.imported).toBeGreaterThan(0);
  }, 60_000);

  it('stops waiting when cancelled and leaves the store unchanged', async () => {
    const db = join(dir, 'cancel.db');
    const holder = openStore(db);
    const before = storeSnapshot(db);
    holder.exec('BEGIN IMMEDIATE');
    const controller = new AbortController();
    const summary = await runImport({
      dbPath: db,
      files,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.state === 'waiting') setTimeout(() => controller.abort(), 200);
      },
    });
    // Still held: the cancel did not need the lock to be let go.
    expect(holder.inTransaction).toBe(true);
    holder.exec('ROLLBACK');
    holder.close();
    expect(summary.cancelled).toBe(true);
    expect(summary.files.map((f) => f.status)).toEqual(['cancelled', 'cancelled']);
    expect(storeSnapshot(db)).toEqual(before);
  }, 60_000);
});

describe('a preference saved while an import writes', () => {
  it('waits for the import\'s transaction without blocking the host\'s thread, then saves', async () => {
    const db = join(dir, 'prefs.db');
    const core = createCore({ dbPath: db });
    const holder = openStore(db);
    try {
      holder.exec('BEGIN IMMEDIATE');
      const saving = core.dispatch('prefs.set', { key: 'grid.users', value: { columns: ['user_id'] } });
      let ticks = 0;
      const timer = setInterval(() => ticks++, 50);
      await new Promise((r) => setTimeout(r, 1000));
      clearInterval(timer);
      expect(ticks).toBeGreaterThan(10);
      holder.exec('COMMIT');
      expect(await saving).toEqual({ ok: true, value: {} });
      expect(await core.dispatch('prefs.get', { key: 'grid.users' })).toEqual({ ok: true, value: { value: { columns: ['user_id'] } } });
    } finally {
      holder.close();
      await core.close();
    }
  });
});
