/**
 * Session volume and CSV export through the core's API: the chart's numbers against sessions
 * counted from the profile detail of every matching user, and an export job's file against the
 * grid's rows for the same selection.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionVolume } from '../../common/analytics';
import { runJob } from '../../common/jobs';
import type { ProfileRow } from '../../common/keys';
import type { UserDetail } from '../../common/types';
import { writeEventsFile } from '../../main/core/sample/generator';
import { importFiles, ok, tempStore, type TempStore } from './helpers';

let store: TempStore;
beforeAll(async () => {
  store = tempStore();
  const file = join(store.dir, 'events.ndjson');
  await writeEventsFile(file, { users: 200, events: 6000, seed: 3, days: 30, startMs: Date.UTC(2025, 1, 1) });
  await importFiles(store.core, [file]);
}, 60_000);
afterAll(() => store.cleanup());

const QUERY = 'last_device_type:desktop';

describe('sessions.volume', () => {
  it('counts each matching user session once, in its start day', async () => {
    const { rows } = await ok<{ rows: ProfileRow[] }>(store.core.dispatch('users.page', { offset: 0, limit: 1000, query: QUERY }));
    expect(rows.length).toBeGreaterThan(5);
    const firstStart = new Map<string, number>();
    for (const row of rows) {
      const detail = await ok<UserDetail>(store.core.dispatch('users.get', { id: String(row.user_id) }));
      expect(detail.sessions.length).toBe(detail.sessionTotal); // small users: the whole history
      for (const s of detail.sessions) firstStart.set(s.session_id, Math.min(firstStart.get(s.session_id) ?? Infinity, Date.parse(s.start)));
    }
    const byDay = new Map<string, number>();
    for (const t of firstStart.values()) {
      const day = new Date(t).toISOString().slice(0, 10);
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    const volume = await ok<SessionVolume>(store.core.dispatch('sessions.volume', { query: QUERY, interval: 'day', from: '2025-01-25', to: '2025-03-10' }));
    expect(volume.points).toHaveLength(45);
    for (const p of volume.points) expect(p.sessions, p.bucket).toBe(byDay.get(p.bucket) ?? 0);
    expect(volume.points.reduce((n, p) => n + p.sessions, 0)).toBe(firstStart.size);
  });

  it('refuses a time that is not one', async () => {
    expect(await store.core.dispatch('sessions.volume', { from: 'last tuesday' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('exports.start', () => {
  it('writes every matching row in the grid order, as a job', async () => {
    const out = join(store.dir, 'desktop.csv');
    const sort = [{ key: 'session_count', dir: 'desc' as const }];
    const finished = await runJob(store.core, 'exports.start', { entity: 'users', query: QUERY, sort, target: out, columns: ['user_id', 'session_count', 'last_seen'] });
    expect(finished.ok).toBe(true);
    const { rows } = await ok<{ rows: ProfileRow[] }>(store.core.dispatch('users.page', { offset: 0, limit: 1000, query: QUERY, sort }));
    const records = parse(readFileSync(out), { columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => [r.user_id, Number(r.session_count), r.last_seen])).toEqual(rows.map((r) => [r.user_id, r.session_count, r.last_seen]));
    if (finished.ok) expect(finished.result).toMatchObject({ target: 'desktop.csv', rows: rows.length, columns: ['user_id', 'session_count', 'last_seen'] });
  });

  it('refuses a bad query before any job starts', async () => {
    const r = await store.core.dispatch('exports.start', { entity: 'users', query: 'nope:1', target: join(store.dir, 'x.csv') });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_query' } });
  });
});
