import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../store/open';
import { Tally } from './tally';

let db: Db;
let tally: Tally;
beforeEach(() => {
  db = new Database(':memory:') as Db;
  db.exec(`CREATE TABLE sessions (user_id TEXT NOT NULL, session_id TEXT NOT NULL, start INTEGER NOT NULL, views INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (user_id, session_id)) WITHOUT ROWID;
    CREATE TABLE views (user_id TEXT, view_id TEXT, session_id TEXT);
    INSERT INTO sessions (user_id, session_id, start, views) VALUES ('a', 's1', 5, 2), ('a', 's2', 6, 0), ('b', 's1', 7, 0)`);
  tally = new Tally(db, 'sessions', ['user_id', 'session_id'], ['views', 'errors']);
  db.exec(`CREATE TEMP TRIGGER count_views AFTER INSERT ON main.views BEGIN
    ${tally.bump('views', ['new.user_id', 'new.session_id'], 'new.session_id IS NOT NULL')} END`);
});

const sessions = () => db.prepare('SELECT user_id, session_id, start, views, errors FROM sessions ORDER BY 1, 2').raw().all();

describe('Tally', () => {
  it('sums what the bumping rows count per key, and adds the sums to the stored rows only', () => {
    db.exec(`INSERT INTO views VALUES ('a', 'v1', 's1'), ('b', 'v1', 's1'), ('a', 'v2', 's1'), ('a', 'v3', NULL)`);
    expect(db.prepare(`SELECT * FROM ${tally.sums} ORDER BY 1, 2`).raw().all()).toEqual([
      ['a', 's1', 2, 0],
      ['b', 's1', 1, 0],
    ]);
    tally.addTo(['start']);
    expect(sessions()).toEqual([
      ['a', 's1', 5, 4, 0],
      ['a', 's2', 6, 0, 0],
      ['b', 's1', 7, 1, 0],
    ]);
    tally.clear();
    expect(db.prepare(`SELECT count(*) FROM ${tally.sums}`).pluck().get()).toBe(0);
  });

  it('fails rather than store a row for counts whose key is not stored, and leaves no trigger behind', () => {
    db.exec(`INSERT INTO views VALUES ('a', 'v1', 's1'), ('c', 'v1', 'gone')`);
    expect(() => tally.addTo(['start'])).toThrow('counts for a sessions row that is not stored');
    expect(sessions()).toEqual([
      ['a', 's1', 5, 2, 0],
      ['a', 's2', 6, 0, 0],
      ['b', 's1', 7, 0, 0],
    ]);
    expect(db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'trigger'").pluck().all()).toEqual(['count_views']);
  });

  it('bumps only counters it has', () => {
    expect(() => tally.bump('actions', ['new.user_id'])).toThrow('sessions has no counter actions');
  });
});
