/**
 * Custom attributes from a CSV reference table, through the core's API: the sync's report,
 * typed values in every read (grid, query, sort, detail, export, chart), later imports picking
 * up synced values, failures keeping the previous values, and names that can't be taken.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceInfo, SyncReport, SyncRun } from '../../common/attributes';
import { runJob } from '../../common/jobs';
import type { AttributeSpec, ProfileRow } from '../../common/keys';
import type { UserDetail } from '../../common/types';
import type { SessionVolume } from '../../common/analytics';
import { event, importFiles, jobFinished, ok, tempStore, writeEvents, type TempStore } from './helpers';

let store: TempStore;

/** Five users u1…u5 with emails; u5 has no email. */
async function seedUsers(s: TempStore, ids = [1, 2, 3, 4, 5], file = 'events.ndjson'): Promise<void> {
  const events = ids.map((n) =>
    event(n, {
      usr: { id: `u${n}`, ...(n === 5 ? {} : { email: `User${n}@Example.com` }) },
      session: { id: `s-${n}`, type: 'user' },
    }),
  );
  await importFiles(s.core, [writeEvents(s.dir, file, events)]);
}

function csv(name: string, text: string): string {
  const path = join(store.dir, name);
  writeFileSync(path, text);
  return path;
}

const CRM = '\uFEFFemail,ltv,tier,vip,signed_up\r\n' +
  ' user1@example.com ,150.5,gold,yes,2024-03-05\r\n' +
  'USER2@EXAMPLE.COM,80,"silver, with ""quotes""",false,2024-03-06T10:00:00+02:00\r\n' +
  'user3@example.com,1200,gold,1,2024-03-07T00:00:00\r\n' +
  'user3@example.com,5,bronze,0,2020-01-01\r\n' +
  'nobody@example.com,99,tin,no,2024-01-01\r\n' +
  ',7,none,no,2024-01-01\r\n';

async function addSource(path: string, extra: Record<string, unknown> = {}): Promise<SyncReport> {
  const saved = await ok<{ source: SourceInfo; jobId: string | null }>(
    store.core.dispatch('sources.save', {
      source: {
        name: 'CRM',
        kind: 'csv',
        entity: 'users',
        path,
        join: { column: 'email', attribute: 'user_email' },
        attributes: [
          { column: 'ltv', name: 'ltv' },
          { column: 'tier', name: 'tier' },
          { column: 'vip', name: 'vip' },
          { column: 'signed_up', name: 'signed_up' },
        ],
        ...extra,
      },
    }),
  );
  expect(saved.jobId).not.toBeNull();
  return finished(saved.jobId!);
}

async function finished(jobId: string): Promise<SyncReport> {
  const done = await jobFinished(store.core, jobId);
  if (!done.ok) throw new Error(`${done.error.code}: ${done.error.message}`);
  return done.result as SyncReport;
}


async function users(query?: string, sort: Array<{ key: string; dir: 'asc' | 'desc' }> = [{ key: 'user_id', dir: 'asc' }]): Promise<ProfileRow[]> {
  return (await ok<{ rows: ProfileRow[] }>(store.core.dispatch('users.page', { offset: 0, limit: 100, sort, query }))).rows;
}

beforeEach(async () => {
  store = tempStore();
  await seedUsers(store);
});
afterEach(() => store.cleanup());

describe('a CSV source', () => {
  it('syncs typed values, matching emails after trimming and without regard to case', async () => {
    const report = await addSource(csv('crm.csv', CRM));
    expect(report).toMatchObject({ status: 'ok', rows: 6, matched: 3, unmatched: 1, duplicates: 1, blankKeys: 1 });
    expect(report.unmatchedKeys).toEqual(['nobody@example.com']);
    expect(report.duplicateKeys).toEqual(['user3@example.com']);

    const rows = await users();
    const pick = (r: ProfileRow) => [r.user_id, r.ltv, r.tier, r.vip, r.signed_up];
    expect(rows.map(pick)).toEqual([
      ['u1', 150.5, 'gold', true, '2024-03-05T00:00:00.000Z'],
      ['u2', 80, 'silver, with "quotes"', false, '2024-03-06T08:00:00.000Z'],
      // The first row of a duplicated key wins.
      ['u3', 1200, 'gold', true, '2024-03-07T00:00:00.000Z'],
      ['u4', null, null, null, null],
      ['u5', null, null, null, null],
    ]);
  });

  it('lists its attributes with the types inferred from the file', async () => {
    await addSource(csv('crm.csv', CRM));
    const { user } = await ok<{ user: AttributeSpec[] }>(store.core.dispatch('attributes.list', {}));
    const custom = user.filter((a) => a.group === 'custom');
    expect(custom.map((a) => [a.key, a.type, a.source, a.lowCardinality ?? false])).toEqual([
      ['ltv', 'number', 'CRM', false],
      ['tier', 'text', 'CRM', true],
      ['vip', 'boolean', 'CRM', true],
      ['signed_up', 'time', 'CRM', false],
    ]);
  });

  it('is queried, sorted, counted, shown, exported and charted like a built-in attribute', async () => {
    await addSource(csv('crm.csv', CRM));
    expect((await users('ltv:>100')).map((r) => r.user_id)).toEqual(['u1', 'u3']);
    expect((await users('tier:GOLD vip:true')).map((r) => r.user_id)).toEqual(['u1', 'u3']);
    expect((await users('-tier:gold')).map((r) => r.user_id)).toEqual(['u2', 'u4', 'u5']);
    expect((await users('signed_up:[2024-03-06 TO 2024-03-31]')).map((r) => r.user_id)).toEqual(['u2', 'u3']);
    expect((await users('tier:*')).map((r) => r.user_id)).toEqual(['u1', 'u2', 'u3']);
    expect((await users(undefined, [{ key: 'ltv', dir: 'desc' }])).map((r) => r.user_id)).toEqual(['u3', 'u1', 'u2', 'u5', 'u4']);
    const block = await ok<{ rows: ProfileRow[] }>(store.core.dispatch('users.page', { offset: 2, limit: 2, sort: [{ key: 'ltv', dir: 'desc' }] }));
    expect(block.rows.map((r) => r.user_id)).toEqual(['u2', 'u5']);
    expect(await ok(store.core.dispatch('users.count', { query: 'ltv:>=80' }))).toEqual({ count: 3 });
    expect(await ok(store.core.dispatch('users.count', { filter: { op: 'eq', key: 'vip', value: 'true' } }))).toEqual({ count: 2 });

    const detail = await ok<UserDetail>(store.core.dispatch('users.get', { id: 'u3' }));
    expect(detail.profile).toMatchObject({ ltv: 1200, tier: 'gold', vip: true });

    const bad = await store.core.dispatch('users.page', { offset: 0, limit: 10, query: 'vip:maybe' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_query' } });

    const target = join(store.dir, 'out.csv');
    await runJob(store.core, 'exports.start', { entity: 'users', query: 'ltv:*', columns: ['user_id', 'ltv', 'vip', 'signed_up'], target });
    const exported = parse(readFileSync(target, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(exported).toEqual([
      { user_id: 'u3', ltv: '1200', vip: 'true', signed_up: '2024-03-07T00:00:00.000Z' },
      { user_id: 'u2', ltv: '80', vip: 'false', signed_up: '2024-03-06T08:00:00.000Z' },
      { user_id: 'u1', ltv: '150.5', vip: 'true', signed_up: '2024-03-05T00:00:00.000Z' },
    ]);

    const volume = await ok<SessionVolume>(store.core.dispatch('sessions.volume', { breakdown: 'tier', query: 'ltv:>10', from: '2025-03-01', to: '2025-03-01' }));
    expect(volume.values).toEqual(['gold', 'silver, with "quotes"']);
    expect(volume.points.find((p) => p.value === 'gold')?.sessions).toBe(2);
  });

  it('gives profiles imported after the sync their values without a new sync', async () => {
    await addSource(csv('crm.csv', CRM + 'user9@example.com,42,gold,no,2024-05-01\r\n'));
    expect((await users('ltv:42')).map((r) => r.user_id)).toEqual([]);
    await seedUsers(store, [9], 'later.ndjson');
    expect((await users('ltv:42')).map((r) => r.user_id)).toEqual(['u9']);
  });

  it('keeps the previous values when a later sync fails, and records both runs', async () => {
    const path = csv('crm.csv', CRM);
    await addSource(path);
    writeFileSync(path, 'email,ltv,tier,vip,signed_up\nuser1@example.com,1,gold\n');
    const { jobId } = await ok<{ jobId: string }>(store.core.dispatch('sources.sync', { name: 'crm' }));
    await expect(finished(jobId)).rejects.toThrow(/source_failed: crm\.csv line 2/);
    expect((await users('ltv:>100')).map((r) => r.user_id)).toEqual(['u1', 'u3']);
    const { runs } = await ok<{ runs: SyncRun[] }>(store.core.dispatch('sources.history', { name: 'CRM' }));
    expect(runs.map((r) => r.status)).toEqual(['failed', 'ok']);
    expect(runs[0]!.error).toMatch(/line 2/);
    const tables = await leftoverValueTables();
    expect(tables).toHaveLength(1);
  });

  it('keeps the previous values when a sync is cancelled', async () => {
    const path = csv('crm.csv', CRM);
    await addSource(path);
    writeFileSync(path, 'email,ltv,tier,vip,signed_up\n' + Array.from({ length: 200_000 }, (_, i) => `x${i}@example.com,${i},t,no,2024-01-01`).join('\n'));
    const { jobId } = await ok<{ jobId: string }>(store.core.dispatch('sources.sync', { name: 'CRM' }));
    const result = finished(jobId);
    setTimeout(() => void store.core.dispatch('jobs.cancel', { jobId }), 20);
    await expect(result).rejects.toThrow(/cancelled/);
    expect((await users('ltv:>100')).map((r) => r.user_id)).toEqual(['u1', 'u3']);
    expect(await leftoverValueTables()).toHaveLength(1);
  });

  it('removes its attributes everywhere when removed', async () => {
    await addSource(csv('crm.csv', CRM));
    await ok(store.core.dispatch('sources.remove', { name: 'CRM' }));
    const { user } = await ok<{ user: AttributeSpec[] }>(store.core.dispatch('attributes.list', {}));
    expect(user.some((a) => a.key === 'ltv')).toBe(false);
    expect((await users())[0]).not.toHaveProperty('ltv');
    expect(await store.core.dispatch('users.count', { query: 'ltv:>1' })).toMatchObject({ ok: false, error: { code: 'bad_query' } });
    expect(await leftoverValueTables()).toHaveLength(0);
  });

  it('refuses names that are built in or imported by another source', async () => {
    await addSource(csv('crm.csv', CRM));
    const save = (name: string, attribute: string) =>
      store.core.dispatch('sources.save', {
        source: { name, kind: 'csv', entity: 'users', path: join(store.dir, 'crm.csv'), join: { column: 'email', attribute: 'user_email' }, attributes: [{ column: 'ltv', name: attribute }] },
      });
    expect(await save('Other', 'user_email')).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/attributes\[0\]\.name: "user_email" is a built-in key/) } });
    expect(await save('Other', 'ltv')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already imported by the source "CRM"/) } });
    expect(await save('crm', 'ltv2')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/source named "CRM" exists/) } });
    expect(await save('Other', 'Bad Name')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const missing = await store.core.dispatch('sources.save', {
      source: { name: 'Other', kind: 'csv', entity: 'users', path: join(store.dir, 'crm.csv'), join: { column: 'mail', attribute: 'user_email' }, attributes: [{ column: 'ltv', name: 'x' }] },
    });
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/join\.column: .*no column "mail"/) } });
  });

  it('previews the first rows and how they would match', async () => {
    const path = csv('crm.csv', CRM);
    const preview = await ok<{ columns: unknown[]; rows: unknown[]; match: unknown }>(
      store.core.dispatch('sources.preview', { kind: 'csv', path, entity: 'users', join: { column: 'email', attribute: 'user_email' }, limit: 1000 }),
    );
    expect(preview.columns).toHaveLength(5);
    expect(preview.rows).toHaveLength(6);
    expect(preview.match).toEqual({ rows: 6, matched: 3, unmatched: 1, duplicates: 1, blankKeys: 1 });
  });
});

function leftoverValueTables(): Promise<string[]> {
  // Through a second connection: what any reader of the file would find.
  return import('../../main/core/store/open').then(({ openStore }) => {
    const db = openStore(store.dbPath, { readonly: true });
    try {
      return db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'source_values_%'`).pluck().all() as string[];
    } finally {
      db.close();
    }
  });
}
