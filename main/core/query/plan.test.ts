/**
 * The grid budgets rest on query plans: a block at any sort walks that attribute's index
 * instead of sorting the table, and free text goes through the FTS index.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Filter } from '../../../common/filter';
import { ATTRIBUTES, type ProfileKind } from '../../../common/keys';
import { openStore } from '../store/open';
import { BlockReader } from './blocks';

const dir = mkdtempSync(join(tmpdir(), 'profile-desk-plan-'));
const db = openStore(join(dir, 'plan.db'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const blocks = new BlockReader(db);

function plan(kind: ProfileKind, key: string, dir: 'asc' | 'desc', filter: Filter | null = null): string {
  const { sql, params } = blocks.blockQuery(kind, { offset: 500_000, limit: 100, sort: [{ key, dir }], filter });
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('\n');
}

describe('query plans', () => {
  for (const kind of ['user', 'account'] as const) {
    for (const { key } of ATTRIBUTES[kind]) {
      it(`sorts ${kind}s by ${key} with an index, never a temporary sort of the table`, () => {
        for (const dir of ['asc', 'desc'] as const) {
          const p = plan(kind, key, dir);
          expect(p).toMatch(/SCAN \w+ USING (COVERING )?INDEX/);
          expect(p).not.toMatch(/USE TEMP B-TREE/);
        }
      });
    }
  }

  it('searches free text through the FTS index', () => {
    expect(plan('user', 'last_seen', 'desc', { op: 'text', text: 'alice' })).toMatch(/VIRTUAL TABLE INDEX/);
  });
});
