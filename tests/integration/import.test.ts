/**
 * Imports through the core's API: the real samples, generated files, merging across files,
 * idempotence, gzip, bad records, a file that isn't events, and cancel.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { importsSettled, runImport } from '../../main/core/ingest/run-import';
import { writeEventsFile } from '../../main/core/sample/generator';
import { openStore } from '../../main/core/store/open';
import { startJob } from '../../common/jobs';
import { allUsers, event, importFiles, ok, tempStore, user, writeEvents, type TempStore } from './helpers';
import { storeSnapshot } from './snapshot';

const FIXTURES = join(import.meta.dirname, '../fixtures/rum');

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(async () => {
  await store.cleanup();
});

/** A generated NDJSON file, split by time into its older and newer halves. */
async function generatedHalves(dir: string) {
  const all = join(dir, 'all.ndjson');
  await writeEventsFile(all, { users: 120, events: 4000, seed: 7 });
  const lines = readFileSync(all, 'utf8').trim().split('\n');
  const byTime = [...lines].sort((a, b) => (JSON.parse(a).date as number) - (JSON.parse(b).date as number));
  const mid = Math.floor(byTime.length / 2);
  const older = join(dir, 'older.ndjson');
  const newer = join(dir, 'newer.ndjson');
  writeFileSync(older, byTime.slice(0, mid).join('\n') + '\n');
  writeFileSync(newer, byTime.slice(mid).join('\n') + '\n');
  return { all, older, newer, lines };
}

describe('import', () => {
  it('imports the real RUM samples: SDK events, API pages and the empty last page', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => join(FIXTURES, f));
    const summary = await importFiles(store.core, files);
    expect(summary.files.every((f) => f.status === 'imported')).toBe(true);
    expect(summary.records).toBe(14);
    expect(summary.imported).toBe(14);
    expect(summary.skipped).toBe(0);
    const alice = await user(store.core, '1586212');
    expect(alice).toMatchObject({
      user_email: 'alice.doe@example.com',
      user_name: 'Alice Doe',
      first_country_code: 'IE',
      first_city: 'Dublin',
      first_device_type: 'desktop',
    });
    expect(summary.users.new).toBe((await allUsers(store.core)).length);
  });

  it('merges an older file imported later into first_*, and ends where importing all at once does', async () => {
    const { all, older, newer } = await generatedHalves(store.dir);
    await importFiles(store.core, [newer]);
    const before = await allUsers(store.core);
    const summary = await importFiles(store.core, [older]);
    expect(summary.users.updated).toBeGreaterThan(0);
    const after = await allUsers(store.core);
    const moved = after.filter((u) => before.find((b) => b.user_id === u.user_id && b.first_seen !== u.first_seen));
    expect(moved.length).toBeGreaterThan(0);

    const whole = tempStore();
    try {
      await importFiles(whole.core, [all]);
      expect(storeSnapshot(store.dbPath)).toEqual(storeSnapshot(whole.dbPath));
    } finally {
      await whole.cleanup();
    }
  });

  it('changes nothing when a file is imported again', async () => {
    const { all } = await generatedHalves(store.dir);
    const first = await importFiles(store.core, [all]);
    expect(first.users.new).toBeGreaterThan(50);
    const snapshot = storeSnapshot(store.dbPath);
    const again = await importFiles(store.core, [all]);
    expect(again.users).toEqual({ new: 0, updated: 0 });
    expect(again.accounts).toEqual({ new: 0, updated: 0 });
    expect(storeSnapshot(store.dbPath)).toEqual(snapshot);
  });

  it('reads gzip files to the same profiles as plain ones', async () => {
    const { all } = await generatedHalves(store.dir);
    const gz = join(store.dir, 'all.ndjson.gz');
    writeFileSync(gz, gzipSync(readFileSync(all)));
    await importFiles(store.core, [gz]);
    const plain = tempStore();
    try {
      await importFiles(plain.core, [all]);
      expect(storeSnapshot(store.dbPath)).toEqual(storeSnapshot(plain.dbPath));
    } finally {
      await plain.cleanup();
    }
  });

  it('skips bad records with file, line and reason, and imports the rest', async () => {
    const file = join(store.dir, 'mixed.ndjson');
    const good = (m: number) => JSON.stringify(event(m, { usr: { id: `u${m}` } }));
    writeFileSync(file, [good(1), '{"type": "view", oops', '"just a string"', JSON.stringify({ type: 'view', usr: { id: 'x' } }), good(2)].join('\n'));
    const summary = await importFiles(store.core, [file]);
    expect(summary.files[0]!.status).toBe('imported');
    expect(summary.imported).toBe(2);
    expect(summary.skipped).toBe(3);
    expect(summary.skippedByReason).toEqual({ 'invalid JSON': 1, 'not an object': 1, 'no usable time': 1 });
    expect(summary.errors.map((e) => [e.file, e.line, e.reason.split(':')[0]])).toEqual([
      [file, 2, 'invalid JSON'],
      [file, 3, 'not an object'],
      [file, 4, 'no usable time'],
    ]);
    expect((await allUsers(store.core)).map((u) => u.user_id)).toEqual(['u1', 'u2']);
  });

  it('lists the first 20 bad records and counts the rest', async () => {
    const lines = [JSON.stringify(event(1, { usr: { id: 'u1' } }))];
    for (let i = 0; i < 30; i++) lines.push(`{not json ${i}`);
    const file = join(store.dir, 'bad.ndjson');
    writeFileSync(file, lines.join('\n'));
    const summary = await importFiles(store.core, [file]);
    expect(summary.skipped).toBe(30);
    expect(summary.errors).toHaveLength(20);
    expect(summary.errors[19]!.line).toBe(21);
  });

  it('fails a file that is not events, naming it, and imports nothing from it', async () => {
    await importFiles(store.core, [writeEvents(store.dir, 'ok.ndjson', [event(1, { usr: { id: 'u1' } })])]);
    const snapshot = storeSnapshot(store.dbPath);
    const html = join(store.dir, 'page.html');
    writeFileSync(html, '<!DOCTYPE html><html><body>{"not": "events"}</body></html>');
    const csv = join(store.dir, 'users.csv');
    writeFileSync(csv, 'user_id,email\n1,a@b.c\n');
    const summary = await importFiles(store.core, [html, csv]);
    expect(summary.files.map((f) => f.status)).toEqual(['failed', 'failed']);
    expect(summary.files[0]!.error).toMatch(/page\.html/);
    expect(summary.files[1]!.error).toMatch(/users\.csv/);
    expect(storeSnapshot(store.dbPath)).toEqual(snapshot);
  });

  it('fails a file whose every record is invalid', async () => {
    const file = join(store.dir, 'junk.ndjson');
    writeFileSync(file, '{"a": 1}\n{"b": 2}\n');
    const summary = await importFiles(store.core, [file]);
    expect(summary.files[0]!.status).toBe('failed');
    expect(summary.files[0]!.error).toMatch(/junk\.ndjson holds no RUM events.*line 1: no usable time/);
  });

  it('leaves the store as before when cancelled mid-file, while reads keep working', async () => {
    await importFiles(store.core, [writeEvents(store.dir, 'ok.ndjson', [event(1, { usr: { id: 'u1' } })])]);
    const snapshot = storeSnapshot(store.dbPath);
    const big = join(store.dir, 'big.ndjson');
    await writeEventsFile(big, { users: 500, events: 80_000, seed: 3 });

    let countDuringImport: unknown;
    const job = await startJob(store.core, 'imports.start', { paths: [big] }, (progress) => {
      if (countDuringImport !== undefined || progress.events === 0) return;
      // A batch is already read and its rows staged: reads still see the old store.
      countDuringImport = store.core.dispatch('users.count', {});
      void store.core.dispatch('jobs.cancel', { jobId: progress.jobId });
    });
    const finished = await job.finished;
    if (!finished.ok) throw new Error(finished.error.message);
    const summary = finished.result;
    expect(summary.cancelled).toBe(true);
    expect(summary.files[0]!.status).toBe('cancelled');
    expect(await countDuringImport).toEqual({ ok: true, value: { count: 1 } });
    expect(storeSnapshot(store.dbPath)).toEqual(snapshot);
  });
});

describe('bulk mode', () => {
  it('builds the same store with its indexes and search rebuilt, or restores them on failure', async () => {
    const { all } = await generatedHalves(store.dir);
    await runImport({ dbPath: store.dbPath, files: [all], bulk: true });
    const incremental = tempStore();
    try {
      await runImport({ dbPath: incremental.dbPath, files: [all], bulk: false });
      expect(storeSnapshot(store.dbPath)).toEqual(storeSnapshot(incremental.dbPath));
      expect(schemaObjects(store.dbPath)).toEqual(schemaObjects(incremental.dbPath));
    } finally {
      await incremental.cleanup();
    }
    const { count } = await ok<{ count: number }>(store.core.dispatch('users.count', { filter: { op: 'text', text: 'u' } }));
    expect(count).toBeGreaterThan(0);

    // A failing file in bulk mode rolls back the dropped indexes too.
    const before = schemaObjects(store.dbPath);
    const junk = join(store.dir, 'junk.ndjson');
    writeFileSync(junk, '{"a": 1}\n');
    const failed = await runImport({ dbPath: store.dbPath, files: [junk], bulk: true });
    expect(failed.files[0]!.status).toBe('failed');
    expect(schemaObjects(store.dbPath)).toEqual(before);
  });
});

function schemaObjects(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare("SELECT type || ' ' || name FROM sqlite_master ORDER BY 1").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

describe('two parser threads on a big NDJSON file', () => {
  it('builds the same store as one thread, with file line numbers for bad records in either half', async () => {
    const { lines } = await generatedHalves(store.dir);
    const withBad = join(store.dir, 'with-bad.ndjson');
    const bad = [10, lines.length - 10];
    writeFileSync(withBad, lines.map((l, i) => (bad.includes(i) ? '{"broken": ' : l)).join('\n') + '\n');
    const split = await runImport({ dbPath: store.dbPath, files: [withBad], splitBytes: 1 });
    expect(split.errors.map((e) => e.line).sort((a, b) => a - b)).toEqual(bad.map((i) => i + 1));
    expect(split.records).toBe(lines.length);

    const single = tempStore();
    try {
      await runImport({ dbPath: single.dbPath, files: [withBad] });
      expect(storeSnapshot(store.dbPath)).toEqual(storeSnapshot(single.dbPath));
    } finally {
      await single.cleanup();
    }
  });
});

describe('scratch files', () => {
  it('are private while a file is read and gone after it, imported, failed or cancelled', async () => {
    const { all } = await generatedHalves(store.dir);
    const junk = join(store.dir, 'junk.ndjson');
    writeFileSync(junk, '{"a": 1}\n');
    const big = join(store.dir, 'big.ndjson');
    await writeEventsFile(big, { users: 500, events: 80_000, seed: 3 });
    // The import threads take their temp directory from TMPDIR when they start.
    const root = mkdtempSync(join(tmpdir(), 'profile-desk-scratch-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = root;
    const seen: string[] = [];
    // Only the import's own: the test's TypeScript loader keeps a cache there too.
    const ours = (): string[] => readdirSync(root).filter((name) => name.startsWith('profile-desk-import-'));
    const look = (): void => {
      for (const name of ours()) {
        seen.push(`${name.replace(/-\w+$/, '')} ${(statSync(join(root, name)).mode & 0o777).toString(8)} ${readdirSync(join(root, name)).sort().join(',')}`);
      }
    };
    try {
      await runImport({ dbPath: store.dbPath, files: [all], splitBytes: 1, onProgress: look });
      await runImport({ dbPath: store.dbPath, files: [all], onProgress: look });
      expect((await runImport({ dbPath: store.dbPath, files: [junk] })).files[0]!.status).toBe('failed');
      const controller = new AbortController();
      const cancelled = await runImport({ dbPath: store.dbPath, files: [big], signal: controller.signal, onProgress: () => controller.abort() });
      expect(cancelled.cancelled).toBe(true);
      expect(ours()).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(root, { recursive: true, force: true });
    }
    // Two parsers stage into a file each; one parser's rows are staged by the writer. Each of
    // the two parsers creates its file when it starts, so part-1 may be there before part-0.
    expect(seen).toContain('profile-desk-import 700 part-0.db,part-1.db');
    expect(seen).toContain('profile-desk-import 700 part-0.db');
    for (const s of seen) expect(s).toMatch(/^profile-desk-import 700 (part-0\.db|part-1\.db|part-0\.db,part-1\.db)$/);
  });
});

describe('the checkpoint', () => {
  it('copies an import into the store file once the import has reported it', async () => {
    const big = join(store.dir, 'big.ndjson');
    await writeEventsFile(big, { users: 2000, events: 20_000, seed: 5 });
    const before = statSync(store.dbPath).size;
    // The core's connection stays open, so the writer's close is not the last one (which
    // would checkpoint anyway); nothing else writes meanwhile.
    const summary = await runImport({ dbPath: store.dbPath, files: [big] });
    expect(summary.imported).toBeGreaterThan(0);
    await importsSettled();
    const reader = new Database(store.dbPath, { readonly: true });
    try {
      const bytes = (reader.pragma('page_count', { simple: true }) as number) * (reader.pragma('page_size', { simple: true }) as number);
      // Every page the import wrote is in the store file itself, not only in its WAL.
      expect(statSync(store.dbPath).size).toBe(bytes);
      expect(bytes).toBeGreaterThan(before);
    } finally {
      reader.close();
    }
  });

  it('runs between the files of an import too, so the WAL holds one file at most', async () => {
    const files = [1, 2, 3].map((seed) => join(store.dir, `f${seed}.ndjson`));
    for (const [i, file] of files.entries()) await writeEventsFile(file, { users: 1500, events: 15_000, seed: i + 1 });
    const walBytes = async (paths: string[]): Promise<number> => {
      const dir = mkdtempSync(join(store.dir, 'wal-'));
      const dbPath = join(dir, 'profiles.db');
      // Held open so that neither the writer's close nor the test's reads checkpoint or reset the WAL.
      const held = openStore(dbPath);
      try {
        await runImport({ dbPath, files: paths });
        await importsSettled();
        return statSync(`${dbPath}-wal`).size;
      } finally {
        held.close();
      }
    };
    const one = await walBytes(files.slice(0, 1));
    const three = await walBytes(files);
    // Each file's pages start over at the WAL's head once the one before is in the store. The
    // later files write more pages than the first (into a store that has users: measured 1.7×
    // the first's WAL); with no checkpoint between them the WAL held all three (4.0×).
    expect(three).toBeLessThan(one * 2.5);
  });
});
