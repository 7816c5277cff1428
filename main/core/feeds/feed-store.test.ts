import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedDefinition, type FeedDefinition } from '../../../common/feeds';
import { ApiError } from '../dispatcher';
import { createFileCipher } from '../secrets/file-cipher';
import { openStore, type Db } from '../store/open';
import { FeedStore, sweepInterruptedPulls } from './feed-store';

const NOW = Date.UTC(2025, 5, 1, 12);
const API_KEY = 'dd-api-key-7c1f0e9a2b4d';
const APP_KEY = 'dd-app-key-5e8a3c6b9d01';

let dir: string;
let db: Db;
let store: FeedStore;

const def = (input: Record<string, unknown>): FeedDefinition => feedDefinition.parse(input);
const datadog = (extra: Record<string, unknown> = {}): FeedDefinition =>
  def({ name: 'Prod RUM', kind: 'datadog', apiKey: API_KEY, appKey: APP_KEY, from: 'now-7d', ...extra });
const save = (d: FeedDefinition, current?: string) => store.write(store.prepare(d, current));

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'feed-store-'));
  db = openStore(join(dir, 'profiles.db'));
  store = new FeedStore(db, createFileCipher(join(dir, 'secrets.key')), () => NOW);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('FeedStore', () => {
  it('seals the keys: no file beside the store holds them, and only their names are listed', () => {
    const feed = save(datadog());
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, name)).toString('latin1');
      expect(bytes.includes(API_KEY), name).toBe(false);
      expect(bytes.includes(APP_KEY), name).toBe(false);
    }
    expect(store.secretNames(feed)).toEqual(['apiKey', 'appKey']);
    expect(store.secretsOf(feed)).toEqual({ apiKey: API_KEY, appKey: APP_KEY });
    expect(feed.settings).toEqual({ site: 'datadoghq.com', query: '*', from: 'now-7d', lookbackMinutes: 15 });
  });

  it('keeps the saved keys an edit leaves out, and takes the ones it gives', () => {
    save(datadog());
    const edited = save(datadog({ name: 'Production', apiKey: undefined, appKey: 'new-app-key', query: '@type:view' }), 'prod rum');
    expect(edited.name).toBe('Production');
    expect(store.secretsOf(edited)).toEqual({ apiKey: API_KEY, appKey: 'new-app-key' });
    expect(edited.settings.query).toBe('@type:view');
    expect(store.list()).toHaveLength(1);
  });

  it('replaces all of a url feed\'s headers when some are given, keeps them when none are', () => {
    save(def({ name: 'Export', kind: 'url', url: 'https://x.example/e.ndjson', headers: { Authorization: 'Bearer a', 'X-Extra': 'b' } }));
    const kept = save(def({ name: 'Export', kind: 'url', url: 'https://x.example/e.ndjson' }), 'Export');
    expect(store.secretNames(kept)).toEqual(['header:Authorization', 'header:X-Extra']);
    const replaced = save(def({ name: 'Export', kind: 'url', url: 'https://x.example/e.ndjson', headers: { 'X-Api-Key': 'k' } }), 'Export');
    expect(store.secretsOf(replaced)).toEqual({ 'header:X-Api-Key': 'k' });
  });

  it('refuses a name taken without regard to case, naming the field', () => {
    save(datadog());
    const err = refusal(() => save(datadog({ name: 'PROD rum' })));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^feed\.name: a feed named "Prod RUM" exists already/);
    // Renaming itself to another case is not a clash.
    expect(save(datadog({ name: 'PROD RUM' }), 'Prod RUM').name).toBe('PROD RUM');
  });

  it('refuses a Datadog feed without both keys, a start that is not a time, a relative folder', () => {
    expect(refusal(() => save(datadog({ appKey: undefined }))).message).toMatch(/^feed\.appKey: /);
    expect(refusal(() => save(datadog({ apiKey: undefined }))).message).toMatch(/^feed\.apiKey: /);
    const from = refusal(() => save(datadog({ from: 'last tuesday' })));
    expect([from.code, from.message]).toEqual(['invalid_input', expect.stringMatching(/^feed\.from: "last tuesday" is not a time/)]);
    expect(save(datadog({ from: '2025-03-01T00:00:00Z' })).settings.from).toBe('2025-03-01T00:00:00Z');
    expect(refusal(() => save(def({ name: 'Drop', kind: 'folder', path: 'relative/drop' }))).message).toMatch(/^feed\.path: /);
    expect(refusal(() => save(def({ name: 'Drop', kind: 'url', url: 'https://x.example/' }), 'Prod RUM')).message).toMatch(/^feed\.kind: "Prod RUM" is a datadog feed/);
    expect(refusal(() => save(def({ name: 'Drop', kind: 'url', url: 'https://x.example/' }), 'Nope')).code).toBe('not_found');
  });

  it('starts a feed over when its query changes, not when its schedule does', () => {
    const feed = save(datadog());
    db.prepare('UPDATE feeds SET cursor = ?, window_from = 1, window_to = 2, high_water = 3, covered_from = 1 WHERE id = ?').run('c', feed.id);
    save(datadog({ schedule: 'hourly' }), feed.name);
    expect(store.state(feed.id)).toEqual({ coveredFrom: 1, highWater: 3, resumable: true });
    save(datadog({ query: '@type:view' }), feed.name);
    expect(store.state(feed.id)).toEqual({ coveredFrom: null, highWater: null, resumable: false });
  });

  it('records runs with their counts, newest first, and marks the runs of dead processes failed', () => {
    const feed = save(datadog());
    const ok = store.startRun(feed.id, 'manual');
    store.finishRun(ok, 'ok', { pages: 3, events: 2500, imported: 2400, skipped: 1, from: '2025-05-25T12:00:00.000Z', to: '2025-06-01T12:00:00.000Z', notModified: false, files: 0, failedFiles: 0 }, null);
    const dead = store.startRun(feed.id, 'schedule');
    db.prepare('UPDATE feed_runs SET pid = ?, started_at = started_at + 1 WHERE id = ?').run(2 ** 22 + 12345, dead);
    const mine = store.startRun(feed.id, 'manual');
    db.prepare('UPDATE feed_runs SET started_at = started_at + 2 WHERE id = ?').run(mine);
    sweepInterruptedPulls(db, NOW + 5);
    const runs = store.runs(feed.id, 10);
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [mine, 'running'],
      [dead, 'failed'],
      [ok, 'ok'],
    ]);
    expect(runs[1]!.error).toMatch(/Interrupted/);
    expect(runs[2]).toMatchObject({ pages: 3, events: 2500, imported: 2400, skipped: 1, from: '2025-05-25T12:00:00.000Z', durationMs: 0 });
    store.remove(feed.id);
    expect(store.list()).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM feed_runs').pluck().get()).toBe(0);
  });
});
