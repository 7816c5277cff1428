import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { samplePivot } from './pivot';

/** A table like the profiles': integer ids, a text column (some NULL) compared without case. */
function table(rows: Array<string | null>): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  for (const v of rows) insert.run(v);
  return db;
}

/** Where `pivot` falls in the sorted values, from 0 to 1. */
const quantile = (sorted: string[], pivot: string): number => sorted.filter((v) => v.toLowerCase() < pivot.toLowerCase()).length / sorted.length;

describe('samplePivot', () => {
  it('lands near the middle of the column order, whatever the row order', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => `user${String((i * 7919) % 20_000).padStart(5, '0')}@X.com`);
    const db = table(values);
    const pivot = samplePivot(db, 't', 'v', 'v COLLATE NOCASE') as string;
    expect(values).toContain(pivot);
    const q = quantile([...values].sort(), pivot);
    expect(q).toBeGreaterThan(0.35);
    expect(q).toBeLessThan(0.65);
  });

  it('skips rows without a value and ids left by deleted rows', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? null : `v${String(i).padStart(5, '0')}`));
    const db = table(rows);
    db.exec('DELETE FROM t WHERE id BETWEEN 2000 AND 6000');
    const kept = (db.prepare('SELECT v FROM t WHERE v IS NOT NULL ORDER BY v').pluck().all() as string[]);
    const pivot = samplePivot(db, 't', 'v', 'v') as string;
    expect(kept).toContain(pivot);
    expect(quantile(kept, pivot)).toBeGreaterThan(0.25);
    expect(quantile(kept, pivot)).toBeLessThan(0.75);
  });

  it('is null for an empty table and for a column without values', () => {
    expect(samplePivot(table([]), 't', 'v', 'v')).toBeNull();
    expect(samplePivot(table([null, null, null]), 't', 'v', 'v')).toBeNull();
  });

  it('takes the one value of a table of one row', () => {
    expect(samplePivot(table(['only']), 't', 'v', 'v')).toBe('only');
  });
});
