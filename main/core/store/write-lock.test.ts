import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../jobs/cancelled';
import { openStore, type Db } from './open';
import { beginWrite, writeWhenFree } from './write-lock';

let dir: string;
let writer: Db;
let other: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'write-lock-'));
  const path = join(dir, 'profiles.db');
  other = openStore(path);
  writer = openStore(path, { skipMigrations: true });
  // Far shorter than the lock is held below: only the waiting loop can make the writer succeed.
  writer.pragma('busy_timeout = 100');
});
afterEach(() => {
  writer.close();
  other.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('beginWrite', () => {
  it('begins at once when the store is free', async () => {
    let waited = false;
    await beginWrite(writer, { onWaiting: () => (waited = true) });
    expect(writer.inTransaction).toBe(true);
    expect(waited).toBe(false);
    writer.exec('ROLLBACK');
  });

  it('waits for another connection\'s transaction, says so once, then begins', async () => {
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO prefs (key, value, updated_at) VALUES ('k', '1', 0)").run();
    let waitingCalls = 0;
    const begun = beginWrite(writer, { onWaiting: () => waitingCalls++, pollMs: 20 });
    let done = false;
    void begun.then(() => (done = true));
    await sleep(600);
    expect(done).toBe(false);
    expect(waitingCalls).toBe(1);

    other.exec('COMMIT');
    await begun;
    expect(writer.inTransaction).toBe(true);
    // The writer's snapshot starts after the other's commit.
    expect(writer.prepare("SELECT value FROM prefs WHERE key = 'k'").pluck().get()).toBe('1');
    writer.exec('COMMIT');
    expect(waitingCalls).toBe(1);
    expect(writer.pragma('busy_timeout', { simple: true })).toBe(100);
  });

  it('stops waiting with CancelledError when cancelled, holding nothing', async () => {
    other.exec('BEGIN IMMEDIATE');
    let cancel = false;
    const begun = beginWrite(writer, { cancelled: () => cancel, pollMs: 20 });
    await sleep(200);
    cancel = true;
    const started = Date.now();
    await expect(begun).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(500);
    expect(writer.inTransaction).toBe(false);
    other.exec('ROLLBACK');
  });

  it('lets other errors through', async () => {
    writer.exec('BEGIN');
    await expect(beginWrite(writer)).rejects.toThrow(/within a transaction/);
    writer.exec('ROLLBACK');
  });
});

describe('writeWhenFree', () => {
  it('waits for an import\'s transaction without blocking the thread or changing the busy timeout meanwhile', async () => {
    other.exec('BEGIN IMMEDIATE');
    const write = writeWhenFree(writer, () => writer.prepare("INSERT INTO prefs (key, value, updated_at) VALUES ('p', '2', 0)").run().changes);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    await sleep(300);
    expect(ticks).toBeGreaterThan(5); // the thread kept serving other work
    expect(writer.pragma('busy_timeout', { simple: true })).toBe(100);
    expect(writer.prepare("SELECT count(*) FROM prefs WHERE key = 'p'").pluck().get()).toBe(0);
    other.exec('COMMIT');
    expect(await write).toBe(1);
    clearInterval(timer);
    expect(writer.inTransaction).toBe(false);
    expect(other.prepare("SELECT value FROM prefs WHERE key = 'p'").pluck().get()).toBe('2');
  });

  it('rolls back a write that throws', async () => {
    await expect(
      writeWhenFree(writer, () => {
        writer.prepare("INSERT INTO prefs (key, value, updated_at) VALUES ('q', '3', 0)").run();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(writer.inTransaction).toBe(false);
    expect(other.prepare("SELECT count(*) FROM prefs WHERE key = 'q'").pluck().get()).toBe(0);
  });

  it('lets writers of one connection take turns instead of nesting transactions', async () => {
    const order: number[] = [];
    const writes = [1, 2, 3].map((n) =>
      writeWhenFree(writer, () => {
        writer.prepare('INSERT INTO prefs (key, value, updated_at) VALUES (?, ?, 0)').run(`k${n}`, String(n));
        order.push(n);
      }),
    );
    const failing = writeWhenFree(writer, () => {
      throw new Error('boom');
    });
    await Promise.all(writes);
    await expect(failing).rejects.toThrow('boom');
    await writeWhenFree(writer, () => order.push(4));
    expect(order).toEqual([1, 2, 3, 4]);
    expect(other.prepare("SELECT count(*) FROM prefs WHERE key LIKE 'k%'").pluck().get()).toBe(3);
  });
});
