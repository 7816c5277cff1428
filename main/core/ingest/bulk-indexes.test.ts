import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../store/open';
import { importFile } from './import-file';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bulk-'));
  db = openStore(join(dir, 'store.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const cacheSize = (): number => db.pragma('cache_size', { simple: true }) as number;

describe('a bulk file', () => {
  it('rebuilds its indexes with small sort runs, then leaves the connection as it found it', async () => {
    const before = cacheSize();
    const cacheWhileIndexing: number[] = [];
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql.startsWith('CREATE INDEX')) cacheWhileIndexing.push(cacheSize());
      return exec(sql);
    };
    const none = (async function* () {})();
    await importFile(db, join(dir, 'empty.ndjson'), 0, none, [], { bulk: true });
    expect(new Set(cacheWhileIndexing)).toEqual(new Set([-2048]));
    expect(cacheSize()).toBe(before);
    // The rebuilt indexes are all there.
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'users!_by!_%' ESCAPE '!'").pluck().get()).toBeGreaterThan(20);
  });
});
