import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../store/open';
import type { Batch } from './batch';
import { batchOf, event, view } from './batches.test-support';
import { MergeEffect, StoreWriter } from './writer';

/** Applies `batches` as one file, in one transaction, writing users after every `pendingUsers`. */
function importBatches(db: Db, batches: Batch[], pendingUsers = 25_000): MergeEffect {
  const writer = new StoreWriter(db, pendingUsers);
  const effect = new MergeEffect();
  db.exec('BEGIN IMMEDIATE');
  for (const b of batches) writer.apply(b, effect);
  writer.flush(effect);
  db.exec('COMMIT');
  return effect;
}

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'writer-'));
  db = openStore(join(dir, 'store.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const counts = (userId: string) =>
  db.prepare('SELECT session_count, view_count, action_count, error_count FROM users WHERE user_id = ?').get(userId);

describe('StoreWriter', () => {
  it('counts distinct details across batches and user writes, and reports new users as new only', () => {
    const batches = [
      batchOf([event('a', 1, view('v1')), event('a', 2, view('v1'))]),
      batchOf([event('a', 3, view('v2')), event('b', 3, view('v1')), event('a', 4, view('v1'))]),
    ];
    // Users are written after each batch here, so `a` is written twice in its first file.
    const effect = importBatches(db, batches, 1);
    expect(effect.newUsers).toBe(2);
    expect(effect.updatedUsers).toBe(0);
    expect(counts('a')).toEqual({ session_count: 1, view_count: 2, action_count: 0, error_count: 0 });
    expect(counts('b')).toEqual({ session_count: 1, view_count: 1, action_count: 0, error_count: 0 });
    expect(db.prepare("SELECT view_count FROM user_sessions WHERE user_id = 'a'").pluck().get()).toBe(2);
    // Adding the counts (tally.ts) leaves first/last seen and session start/end alone.
    const at = (min: number) => Date.UTC(2025, 0, 1, 0, min);
    expect(db.prepare("SELECT first_seen, last_seen FROM users WHERE user_id = 'a'").get()).toEqual({ first_seen: at(1), last_seen: at(4) });
    expect(db.prepare("SELECT start, \"end\" FROM user_sessions WHERE user_id = 'a'").get()).toEqual({ start: at(1), end: at(4) });
    expect(db.prepare("SELECT user_count, session_count FROM accounts WHERE account_id = 'acme'").get()).toEqual({
      user_count: 2,
      session_count: 2,
    });
  });

  it('reports a stored user as updated once, when a file only adds to its counts', () => {
    importBatches(db, [batchOf([event('a', 1, view('v1')), event('a', 9, view('v2')), event('b', 1)])]);
    // A new view between a's first and last event: nothing but the counts changes.
    const effect = importBatches(db, [batchOf([event('a', 5, view('v3'))]), batchOf([event('a', 6, view('v3'))])], 1);
    expect(effect.newUsers).toBe(0);
    expect(effect.updatedUsers).toBe(1);
    expect(counts('a')).toMatchObject({ session_count: 1, view_count: 3 });
    const again = importBatches(db, [batchOf([event('a', 5, view('v3'))])]);
    expect([again.newUsers, again.updatedUsers]).toEqual([0, 0]);
  });

  it('reports a stored user as updated once when several of its written rows change it', () => {
    importBatches(db, [batchOf([event('a', 1), event('b', 1)])]);
    const later = (min: number, country: string) => event('a', min, { geo: { country_iso_code: country } });
    const effect = importBatches(db, [batchOf([later(10, 'FR')]), batchOf([later(11, 'DE')]), batchOf([event('c', 2)])], 1);
    expect([effect.newUsers, effect.updatedUsers]).toEqual([1, 1]);
    expect(db.prepare("SELECT last_seen, last_country_code FROM users WHERE user_id = 'a'").get()).toEqual({
      last_seen: Date.UTC(2025, 0, 1, 0, 11),
      last_country_code: 'DE',
    });
  });

  it('keeps the first staged row of a detail, and leaves the staging tables empty after the file', () => {
    importBatches(db, [batchOf([event('a', 1, view('v1'))]), batchOf([event('a', 2, { view: { id: 'v1', url_path: '/later' } })])]);
    expect(db.prepare("SELECT path FROM user_views WHERE view_id = 'v1'").pluck().get()).toBe('/p/v1');
    const temp = db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table'").pluck().all() as string[];
    expect(temp.length).toBeGreaterThan(5);
    for (const t of temp) expect(db.prepare(`SELECT count(*) FROM temp.${t}`).pluck().get()).toBe(0);
  });

  it('counts only the rows the file itself added, not rows the connection inserted between files', () => {
    importBatches(db, [batchOf([event('a', 1, view('v1'))])]);
    db.prepare("INSERT INTO user_views (user_id, view_id, session_id, path) VALUES ('a', 'elsewhere', NULL, '/x')").run();
    importBatches(db, [batchOf([event('a', 2, view('v2')), event('a', 3, view('v1'))])]);
    expect(counts('a')).toMatchObject({ view_count: 2 });
    const triggers = db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'trigger'").pluck().all();
    expect(triggers).toEqual(['users_changed']);
  });

  it('leaves nothing staged when the file rolls back', () => {
    const writer = new StoreWriter(db);
    db.exec('BEGIN IMMEDIATE');
    writer.apply(batchOf([event('a', 1, view('v1'))]), new MergeEffect());
    db.exec('ROLLBACK');
    expect(db.prepare('SELECT count(*) FROM temp.stage_user_views').pluck().get()).toBe(0);
    const effect = importBatches(db, [batchOf([event('b', 1, view('v9'))])]);
    expect(effect.newUsers).toBe(1);
    expect(db.prepare('SELECT count(*) FROM user_views').pluck().get()).toBe(1);
  });
});
