/**
 * The store's floor on a small generated store: the copy holds exactly the imported profiles,
 * with the same indexes, triggers and a working search index, and a failed copy leaves nothing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_TABLES, writeFloor } from './write-floor';
import { importedStore } from './stores.test-support';

let dir: string;
let src: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'write-floor-'));
  src = (await importedStore(dir, { users: 500, events: 5_000, seed: 4 })).dbPath;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schemaObjects = (db: Database.Database, schema: string): string[] =>
  (db.prepare(`SELECT type || ' ' || name FROM ${schema}.sqlite_master WHERE type IN ('index', 'trigger') ORDER BY 1`).pluck().all() as string[]);

describe('writeFloor', () => {
  it('copies every profile table row for row, with the indexes and a search index that finds the same users', () => {
    const dst = join(dir, 'copy.db');
    const r = writeFloor({ src, dst }, true);
    expect(r.seconds).toBeGreaterThan(0);
    const db = new Database(dst, { readonly: true });
    try {
      db.prepare('ATTACH DATABASE ? AS src').run(src);
      for (const table of PROFILE_TABLES) {
        const stored = db.prepare(`SELECT count(*) FROM src.${table}`).pluck().get() as number;
        expect(r.rows[table], table).toBe(stored);
        const differ = db.prepare(
          `SELECT (SELECT count(*) FROM (SELECT * FROM main.${table} EXCEPT SELECT * FROM src.${table})) +
                  (SELECT count(*) FROM (SELECT * FROM src.${table} EXCEPT SELECT * FROM main.${table}))`,
        ).pluck().get();
        expect(differ, table).toBe(0);
      }
      for (const table of ['users', 'accounts', 'user_sessions', 'user_views', 'account_users']) expect(r.rows[table], table).toBeGreaterThan(0);
      // Bulk mode dropped the sort indexes and search triggers: all are back.
      expect(schemaObjects(db, 'main')).toEqual(schemaObjects(db, 'src'));
      expect(schemaObjects(db, 'main').filter((o) => o.startsWith('index users_by_')).length).toBeGreaterThan(20);
      const email = db.prepare('SELECT user_email FROM main.users WHERE user_email IS NOT NULL LIMIT 1').pluck().get() as string;
      const term = `"${email.slice(0, 3)}"*`;
      const found = (schema: string) => db.prepare(`SELECT count(*) FROM ${schema}.users_fts WHERE users_fts MATCH ?`).pluck().get(term) as number;
      expect(found('main')).toBeGreaterThan(0);
      expect(found('main')).toBe(found('src'));
    } finally {
      db.close();
    }
  });

  it('removes the copy when it is not kept', () => {
    const dst = join(dir, 'gone.db');
    writeFloor({ src, dst });
    expect(existsSync(dst)).toBe(false);
  });

  it('rolls back and leaves no store when the source has no profiles', () => {
    const dst = join(dir, 'failed.db');
    expect(() => writeFloor({ src: join(dir, 'not-a-store.db'), dst })).toThrow(/no such table: src\.accounts/);
    expect(existsSync(dst)).toBe(false);
  });
});
