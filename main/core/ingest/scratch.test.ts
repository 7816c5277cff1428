import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchOf, event, view } from './batches.test-support';
import { PAGE_SIZE } from '../store/open';
import { ScratchStage } from './scratch';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scratch-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('ScratchStage', () => {
  it('stages every row of its batches in the order they came, whole groups of rows and the rest', () => {
    // 37 views then 20: two full groups of 16, then groups across the batches, and a rest. The
    // users (3, then 20 with those 3 again) are folded and staged at once: a group and a rest.
    const first = Array.from({ length: 37 }, (_, i) => event(`u${i % 3}`, i, view(`v${i}`)));
    const second = Array.from({ length: 20 }, (_, i) => event(`u${i}`, 100 + i, view(`w${i}`)));
    const file = join(dir, 'part-0.db');
    const stage = new ScratchStage(file, { pendingUsers: 4 });
    stage.add(batchOf(first));
    stage.add(batchOf(second));
    stage.finish();
    const db = new Database(file, { readonly: true });
    try {
      const views = db.prepare('SELECT view_id, user_id, path FROM user_views ORDER BY rowid').all();
      expect(views).toEqual([
        ...first.map((_, i) => ({ view_id: `v${i}`, user_id: `u${i % 3}`, path: `/p/v${i}` })),
        ...second.map((_, i) => ({ view_id: `w${i}`, user_id: `u${i}`, path: `/p/w${i}` })),
      ]);
      const minute = (m: number): number => Date.UTC(2025, 0, 1, 0, m);
      const users = db.prepare('SELECT user_id, first_seen, last_seen FROM users ORDER BY rowid').all();
      expect(users).toHaveLength(20);
      expect(new Set(users.map((u) => (u as { user_id: string }).user_id))).toEqual(new Set(second.map((_, i) => `u${i}`)));
      const seen = (id: string): unknown => users.find((u) => (u as { user_id: string }).user_id === id);
      expect(seen('u1')).toEqual({ user_id: 'u1', first_seen: minute(1), last_seen: minute(101) });
      expect(seen('u19')).toEqual({ user_id: 'u19', first_seen: minute(119), last_seen: minute(119) });
    } finally {
      db.close();
    }
  });

  it("writes its file with the store's page size", () => {
    const file = join(dir, 'part-0.db');
    const stage = new ScratchStage(file);
    stage.add(batchOf([event('u1', 1, view('v1'))]));
    stage.finish();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    db.close();
  });
});
