import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../jobs/cancelled';
import { feedTestStore, ndjsonOfUsers, type FeedTestStore } from './context.test-support';
import { makeFolderPuller, testFolder } from './pull-folder';
import { listSeenFiles } from './seen-files';

let store: FeedTestStore;
let folder: string;
/** The settle waits a pull made; `during` runs inside the wait (a writer still at work). */
let waits: number[];
let during: (() => void) | null;
const pull = makeFolderPuller({
  settleMs: 1234,
  sleep: async (ms) => {
    waits.push(ms);
    during?.();
  },
});

beforeEach(() => {
  store = feedTestStore('folder', {});
  folder = join(store.dir, 'drop');
  mkdirSync(folder);
  store.feed.settings.path = folder;
  waits = [];
  during = null;
});
afterEach(() => store.cleanup());

describe('pullFolder', () => {
  it('imports each new file once, records it, and takes nothing the second time (without waiting)', async () => {
    writeFileSync(join(folder, 'a.ndjson'), ndjsonOfUsers(['u1', 'u2']));
    writeFileSync(join(folder, 'b.ndjson.gz'), gzipSync(ndjsonOfUsers(['u3'])));
    writeFileSync(join(folder, 'c.ndjson.part'), ndjsonOfUsers(['u9']));

    const first = await pull(store.context());
    expect(waits).toEqual([1234]);
    expect(first).toMatchObject({ pages: 0, events: 3, imported: 3, skipped: 0, files: 2, failedFiles: 0, notModified: false });
    expect(first.summary?.files.map((f) => [f.file, f.status])).toEqual([
      ['a.ndjson', 'imported'],
      ['b.ndjson.gz', 'imported'],
    ]);
    expect(first.summary?.users.new).toBe(3);
    expect(store.users()).toEqual(['u1', 'u2', 'u3']);
    expect(listSeenFiles(store.db, store.feed.id, 10).map((f) => [f.name, f.status, f.events])).toEqual([
      ['b.ndjson.gz', 'imported', 1],
      ['a.ndjson', 'imported', 2],
    ]);
    expect(store.progress.some((p) => p.file === 'b.ndjson.gz' && p.events >= 2)).toBe(true);

    waits = [];
    const second = await pull(store.context());
    expect(waits).toEqual([]);
    expect(second).toEqual({ pages: 0, events: 0, imported: 0, skipped: 0, from: null, to: null, notModified: false, files: 0, failedFiles: 0 });
  });

  it('lists a malformed file as failed, imports the others, and retries it only once it changes', async () => {
    writeFileSync(join(folder, 'bad.json'), '[{"type":"view",');
    writeFileSync(join(folder, 'good.ndjson'), ndjsonOfUsers(['u1']));

    const first = await pull(store.context());
    expect(first).toMatchObject({ files: 1, failedFiles: 1, events: 1, imported: 1 });
    const bad = first.summary?.files.find((f) => f.file === 'bad.json');
    expect(bad?.status).toBe('failed');
    expect(bad?.error).toMatch(/^bad\.json: /);
    expect(bad?.error).not.toContain(folder);
    const seen = listSeenFiles(store.db, store.feed.id, 10).find((f) => f.name === 'bad.json');
    expect(seen).toMatchObject({ status: 'failed', events: 0, error: bad?.error });

    expect(await pull(store.context())).toMatchObject({ files: 0, failedFiles: 0 });

    writeFileSync(join(folder, 'bad.json'), `[${ndjsonOfUsers(['u7']).trim()}]`);
    const fixed = await pull(store.context());
    expect(fixed).toMatchObject({ files: 1, failedFiles: 0, imported: 1 });
    expect(store.users()).toEqual(['u1', 'u7']);
  });

  it('leaves a file that is still being written for a later pull', async () => {
    writeFileSync(join(folder, 'slow.ndjson'), ndjsonOfUsers(['u1']));
    during = () => appendFileSync(join(folder, 'slow.ndjson'), ndjsonOfUsers(['u2']));
    expect(await pull(store.context())).toMatchObject({ files: 0, events: 0 });
    expect(store.users()).toEqual([]);

    during = null;
    expect(await pull(store.context())).toMatchObject({ files: 1, events: 2 });
    expect(store.users()).toEqual(['u1', 'u2']);
  });

  it('stops between files on cancel; the file not imported stays unseen', async () => {
    writeFileSync(join(folder, 'a.ndjson'), ndjsonOfUsers(['u1']));
    writeFileSync(join(folder, 'b.ndjson'), ndjsonOfUsers(['u2']));
    const controller = new AbortController();
    const base = store.context();
    const context = store.context({
      signal: controller.signal,
      importFiles: async (paths, options) => {
        const summary = await base.importFiles(paths, options);
        controller.abort();
        return summary;
      },
    });
    await expect(pull(context)).rejects.toBeInstanceOf(CancelledError);
    expect(listSeenFiles(store.db, store.feed.id, 10).map((f) => f.name)).toEqual(['a.ndjson']);
    expect(await pull(store.context())).toMatchObject({ files: 1, events: 1 });
  });

  it('fails naming the folder when it has gone', async () => {
    rmSync(folder, { recursive: true });
    await expect(pull(store.context())).rejects.toMatchObject({ code: 'source_failed', message: expect.stringContaining(folder) as unknown });
  });
});

describe('testFolder', () => {
  it('counts the files waiting, or says why the folder cannot be watched', async () => {
    expect(await testFolder(folder)).toBe(`No event files in ${folder} yet; files dropped there will be imported`);
    writeFileSync(join(folder, 'a.ndjson'), 'x'.repeat(2048));
    writeFileSync(join(folder, 'b.json'), '[]');
    writeFileSync(join(folder, '.hidden'), '[]');
    expect(await testFolder(folder)).toBe(`2 event files in ${folder} (2.0 KB)`);
    await expect(testFolder(join(folder, 'a.ndjson'))).rejects.toMatchObject({ code: 'source_failed', message: `${join(folder, 'a.ndjson')} is not a folder` });
  });
});
