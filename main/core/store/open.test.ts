import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, optimizeIfFree, PAGE_SIZE } from './open';

const dir = mkdtempSync(join(tmpdir(), 'open-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPENERS = 4;
/** The race is lost only now and then: several rounds make it near certain to happen. */
const ROUNDS = 10;

/**
 * Threads (each its own connection, like separate processes) that load openStore once, then
 * for each round wait on that round's gate and open the round's new store at the same moment.
 * Resolves with each thread's outcomes, round by round.
 */
async function openAtOnce(paths: string[]): Promise<string[][]> {
  const here = import.meta.url;
  const tsxApi = createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const boot = `
    const { workerData, parentPort } = require('node:worker_threads');
    import(${JSON.stringify(pathToFileURL(tsxApi).href)})
      .then((tsx) => tsx.tsImport(${JSON.stringify(new URL('./open.ts', here).href)}, ${JSON.stringify(here)}))
      .then(({ openStore }) => {
        parentPort.postMessage('ready');
        const outcomes = workerData.paths.map((path, round) => {
          Atomics.wait(workerData.gates, round, 0);
          try { openStore(path).close(); return 'ok'; } catch (err) { return String(err && err.message); }
        });
        parentPort.postMessage(outcomes);
      });`;
  const gates = new Int32Array(new SharedArrayBuffer(4 * paths.length));
  const workers = Array.from({ length: OPENERS }, () => new Worker(boot, { eval: true, workerData: { gates, paths } }));
  const messages = workers.map((w) => {
    const got: unknown[] = [];
    const ready = new Promise<void>((r) => w.once('message', () => r()));
    const done = new Promise<string[]>((r) => w.on('message', (m: unknown) => got.push(m) === 2 && r(m as string[])));
    return { ready, done };
  });
  await Promise.all(messages.map((m) => m.ready));
  for (let round = 0; round < paths.length; round++) {
    Atomics.store(gates, round, 1);
    Atomics.notify(gates, round);
    // Let this round's openers finish before the next gate opens (no need to be exact).
    await new Promise((r) => setTimeout(r, 300));
  }
  const outcomes = await Promise.all(messages.map((m) => m.done));
  await Promise.all(workers.map((w) => w.terminate()));
  return outcomes;
}

describe('openStore', () => {
  it('succeeds for every connection opening the same new store at the same moment, migrating it once', async () => {
    const journal = JSON.parse(readFileSync(new URL('./migrations/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };
    const paths = Array.from({ length: ROUNDS }, (_, round) => join(dir, `race-${round}.db`));
    const outcomes = await openAtOnce(paths);
    expect(outcomes).toEqual(Array(OPENERS).fill(Array(ROUNDS).fill('ok')));
    for (const path of paths) {
      const db = new Database(path, { readonly: true });
      expect(db.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(journal.entries.length);
      db.close();
    }
  }, 120_000);

  it('gives a new store PAGE_SIZE pages and leaves the page size of an existing store as it was', () => {
    const made = join(dir, 'new.db');
    const db = openStore(made);
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    db.close();

    const older = join(dir, 'older.db');
    const before = new Database(older);
    before.pragma('page_size = 4096');
    before.exec('CREATE TABLE kept (x)');
    before.close();
    const reopened = openStore(older);
    expect(reopened.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('kept', 'users')").pluck().get()).toBe(2);
    reopened.close();
  });
});

describe('optimizeIfFree', () => {
  it('leaves the connection\'s busy timeout and autocheckpoint as they were', () => {
    const db = openStore(join(dir, 'optimize.db'));
    try {
      db.pragma('busy_timeout = 1234');
      db.pragma('wal_autocheckpoint = 77');
      optimizeIfFree(db);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(77);
    } finally {
      db.close();
    }
  });
});
