import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from './open';
import { smallSortRuns } from './sort-runs';

const dir = mkdtempSync(join(tmpdir(), 'sort-runs-'));
const db = openStore(join(dir, 'store.db'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it("switches to 2 MB sort runs on every core, and back to the connection's own settings", () => {
  db.pragma('threads = 0');
  const settings = () => [db.pragma('cache_size', { simple: true }), db.pragma('threads', { simple: true })];
  const before = settings();
  expect(before[0]).not.toBe(-2048);
  const restore = smallSortRuns(db);
  expect(settings()).toEqual([-2048, Math.min(availableParallelism(), 8)]);
  restore();
  expect(settings()).toEqual(before);
});
