import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../store/open';
import type { Batch, BatchReport } from './batch';
import { batchOf, event, view } from './batches.test-support';
import { importFile } from './import-file';
import { ScratchStage } from './scratch';
import { MergeEffect, StoreWriter } from './writer';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-file-'));
  db = openStore(join(dir, 'store.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The batches of one file as two parsers would stage them: each part in a scratch file of its own. */
function staged(parts: Batch[][], pendingUsers?: number): { reports: Batch[]; scratch: string[] } {
  const scratch = parts.map((batches, i) => {
    const file = join(dir, `part-${i}.db`);
    const stage = new ScratchStage(file, { pendingUsers });
    for (const batch of batches) stage.add(batch);
    stage.finish();
    return file;
  });
  return { reports: parts.flat(), scratch };
}

async function* reportsOf(batches: BatchReport[], between?: () => void): AsyncGenerator<BatchReport> {
  for (const batch of batches) {
    yield batch;
    between?.();
  }
}

/** What the store holds, surrogate ids replaced by the ids they stand for. */
function contents(store: Db): unknown[] {
  return [
    'SELECT * FROM users ORDER BY user_id',
    'SELECT account_id, account_name, first_seen, last_seen, user_count, session_count FROM accounts ORDER BY account_id',
    'SELECT * FROM user_sessions ORDER BY user_id, session_id',
    'SELECT * FROM user_views ORDER BY user_id, view_id',
    'SELECT * FROM user_actions ORDER BY user_id, action_id',
    'SELECT a.account_id, x.user_id FROM account_users x JOIN accounts a ON a.id = x.aid ORDER BY 1, 2',
    'SELECT a.account_id, x.session_id FROM account_sessions x JOIN accounts a ON a.id = x.aid ORDER BY 1, 2',
  ].map((sql) => store.prepare(sql).all());
}

const attached = (): string[] => (db.pragma('database_list') as Array<{ name: string }>).map((d) => d.name);

const batches = (): Batch[][] => [
  [
    batchOf([event('a', 1, view('v1')), event('b', 2, { ...view('v2'), account: { id: 'beta', name: 'Beta' } })]),
    batchOf([event('a', 5, { geo: { country_iso_code: 'FR' }, action: { id: 'x1', type: 'click' }, type: 'action' })]),
  ],
  [batchOf([event('a', 3, view('v1')), event('c', 4, { ...view('v3'), account: { id: 'beta' } })])],
];

describe('importFile from scratch files', () => {
  it('ends where the writer applying the same batches itself ends', async () => {
    const parts = batches();
    const { reports, scratch } = staged(parts, 1);
    const outcome = await importFile(db, 'events.ndjson', 0, reportsOf(reports), scratch);
    expect(outcome).toMatchObject({ newUsers: 3, updatedUsers: 0, newAccounts: 2 });
    expect(outcome.summary).toMatchObject({ records: 5, imported: 5, status: 'imported' });

    const reference = openStore(join(dir, 'reference.db'));
    try {
      const writer = new StoreWriter(reference);
      const effect = new MergeEffect();
      reference.exec('BEGIN IMMEDIATE');
      for (const batch of parts.flat()) writer.apply(batch, effect);
      writer.flush(effect);
      reference.exec('COMMIT');
      expect(contents(db)).toEqual(contents(reference));
      expect(effect.newUsers).toBe(outcome.newUsers);
    } finally {
      reference.close();
    }
    expect(db.prepare("SELECT user_count, session_count FROM accounts WHERE account_id = 'beta'").get()).toEqual({ user_count: 2, session_count: 2 });
    expect(db.prepare("SELECT view_count, action_count FROM users WHERE user_id = 'a'").get()).toEqual({ view_count: 1, action_count: 1 });
    expect(attached()).toEqual(['main', 'temp']);
  });

  it('leaves the store writable by others while the file is read, and takes its lock after', async () => {
    const { reports, scratch } = staged(batches());
    const other = openStore(join(dir, 'store.db'));
    let othersWrites = 0;
    try {
      await importFile(db, 'events.ndjson', 0, reportsOf(reports, () => {
        other.exec("BEGIN IMMEDIATE; INSERT INTO prefs (key, value) VALUES ('k' || random(), '1'); COMMIT");
        othersWrites++;
      }), scratch);
    } finally {
      other.close();
    }
    expect(othersWrites).toBe(3);
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(3);
  });

  it('rolls back and detaches its scratch files when one of them cannot be taken over', async () => {
    const before = contents(db);
    const { reports, scratch } = staged(batches());
    const empty = join(dir, 'empty.db');
    await expect(importFile(db, 'events.ndjson', 0, reportsOf(reports), [...scratch, empty])).rejects.toThrow(/no such table/);
    expect(db.inTransaction).toBe(false);
    expect(contents(db)).toEqual(before);
    expect(attached()).toEqual(['main', 'temp']);
  });
});
