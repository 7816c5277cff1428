import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/open';
import { afterPage, EMPTY_CHECKPOINT, readCheckpoint, startingPoint, writeCheckpoint, type Checkpoint } from './checkpoint';

const MIN = 60_000;
const START = Date.UTC(2025, 0, 1);
const NOW = Date.UTC(2025, 0, 8);

describe('where a pull starts', () => {
  it('first pull: from the feed\'s start to now', () => {
    expect(startingPoint(EMPTY_CHECKPOINT, START, 15 * MIN, NOW)).toEqual({ window: { from: START, to: NOW }, cursor: null });
  });

  it('later pulls: the lookback before the high-water time, even before a relative start', () => {
    const c: Checkpoint = { cursor: null, window: null, highWater: NOW - 60 * MIN, coveredFrom: START };
    expect(startingPoint(c, START, 15 * MIN, NOW)).toEqual({ window: { from: NOW - 75 * MIN, to: NOW }, cursor: null });
    // A feed not pulled for longer than its `now-7d` start covers the gap.
    expect(startingPoint({ ...c, highWater: START - 1000 * MIN }, NOW - 7 * 1440 * MIN, 15 * MIN, NOW).window.from).toBe(START - 1015 * MIN);
  });

  it('an interrupted pull: its own window and cursor', () => {
    const c: Checkpoint = { cursor: 'abc', window: { from: START, to: NOW - MIN }, highWater: START + 5 * MIN, coveredFrom: START };
    expect(startingPoint(c, START, 15 * MIN, NOW)).toEqual({ window: { from: START, to: NOW - MIN }, cursor: 'abc' });
  });
});

describe('the checkpoint after a page', () => {
  const window = { from: START, to: NOW };

  it('a middle page keeps the window and the next cursor; the high water only rises', () => {
    const first = afterPage(EMPTY_CHECKPOINT, window, 'p2', START + 10 * MIN);
    expect(first).toEqual({ cursor: 'p2', window, highWater: START + 10 * MIN, coveredFrom: START });
    expect(afterPage({ ...first, highWater: START + 20 * MIN }, window, 'p3', START + 12 * MIN).highWater).toBe(START + 20 * MIN);
    expect(afterPage(first, window, 'p3', null)).toEqual({ ...first, cursor: 'p3' });
  });

  it('the last page ends the pull at the window\'s end and keeps the earliest coverage', () => {
    const c: Checkpoint = { cursor: 'p9', window, highWater: NOW - 3 * MIN, coveredFrom: START - 1440 * MIN };
    expect(afterPage(c, window, null, NOW - MIN)).toEqual({ cursor: null, window: null, highWater: NOW, coveredFrom: START - 1440 * MIN });
  });
});

describe('checkpoint SQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through the feeds row, and a cursor without a window does not count', () => {
    const db = openStore(join(dir, 'profiles.db'));
    const id = Number(
      db
        .prepare(`INSERT INTO feeds (name, kind, settings, schedule, created_at, updated_at) VALUES ('f', 'datadog', '{}', '"manual"', 0, 0)`)
        .run().lastInsertRowid,
    );
    expect(readCheckpoint(db, id)).toEqual(EMPTY_CHECKPOINT);
    const c: Checkpoint = { cursor: 'eyJhZnRlciI6IjEifQ', window: { from: START, to: NOW }, highWater: START + MIN, coveredFrom: START };
    writeCheckpoint(db, id, c);
    expect(readCheckpoint(db, id)).toEqual(c);
    writeCheckpoint(db, id, { cursor: null, window: null, highWater: NOW, coveredFrom: START });
    expect(readCheckpoint(db, id)).toEqual({ cursor: null, window: null, highWater: NOW, coveredFrom: START });
    db.prepare(`UPDATE feeds SET cursor = 'stray' WHERE id = ?`).run(id);
    expect(readCheckpoint(db, id).cursor).toBeNull();
    expect(readCheckpoint(db, id + 1)).toEqual(EMPTY_CHECKPOINT);
    db.close();
  });
});
