import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../dispatcher';
import { isCandidateName, scanFolder } from './scan';
import { SettleTracker } from './settle-tracker';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-scan-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('candidate names', () => {
  it('takes event files and leaves hidden and in-progress ones', () => {
    for (const name of ['events.ndjson', 'page-1.json', 'events.ndjson.gz', 'noext', 'a.partial.json']) expect(isCandidateName(name), name).toBe(true);
    for (const name of ['.hidden.ndjson', '.DS_Store', 'x.ndjson.part', 'x.tmp', 'x.crdownload', 'x.download', 'x.ndjson~', 'X.PART']) {
      expect(isCandidateName(name), name).toBe(false);
    }
  });
});

describe('scanFolder', () => {
  it('lists regular files (and links to them) by name with size and whole-ms mtime, not folders or nested files', async () => {
    writeFileSync(join(dir, 'b.ndjson'), '{"a":1}\n');
    writeFileSync(join(dir, 'a.json'), '[]');
    writeFileSync(join(dir, 'c.ndjson.part'), 'half');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'nested.ndjson'), '{}');
    symlinkSync(join(dir, 'a.json'), join(dir, 'link.json'));
    symlinkSync(join(dir, 'sub'), join(dir, 'link-to-folder'));
    symlinkSync(join(dir, 'gone'), join(dir, 'dangling.json'));
    utimesSync(join(dir, 'b.ndjson'), 1_700_000_000.5, 1_700_000_000.5);

    const found = await scanFolder(dir);
    expect(found.map((f) => f.name)).toEqual(['a.json', 'b.ndjson', 'link.json']);
    expect(found[1]).toEqual({ name: 'b.ndjson', path: join(dir, 'b.ndjson'), bytes: 8, mtimeMs: 1_700_000_000_500 });
  });

  it('says clearly when the folder is missing or is a file', async () => {
    const missing = join(dir, 'nope');
    await expect(scanFolder(missing)).rejects.toThrow(new ApiError('source_failed', `The folder ${missing} does not exist (was it moved or removed?)`));
    writeFileSync(join(dir, 'file'), 'x');
    await expect(scanFolder(join(dir, 'file'))).rejects.toMatchObject({ code: 'source_failed', message: `${join(dir, 'file')} is not a folder` });
  });
});

describe('SettleTracker', () => {
  const entry = (name: string, bytes: number, mtimeMs = 1000) => ({ name, path: `/f/${name}`, bytes, mtimeMs });

  it('finds a file ready once its size and mtime stayed the same for settleMs', () => {
    const tracker = new SettleTracker(2000);
    expect(tracker.observe([entry('a', 10)], 0)).toEqual({ ready: [], nextCheckAt: 2000 });
    expect(tracker.observe([entry('a', 10)], 1999).ready).toEqual([]);
    expect(tracker.observe([entry('a', 10)], 2000).ready.map((e) => e.name)).toEqual(['a']);
  });

  it('starts over when a file grows or is touched (still being written)', () => {
    const tracker = new SettleTracker(2000);
    tracker.observe([entry('a', 10)], 0);
    expect(tracker.observe([entry('a', 20)], 1500)).toEqual({ ready: [], nextCheckAt: 3500 });
    expect(tracker.observe([entry('a', 20, 2000)], 3000)).toEqual({ ready: [], nextCheckAt: 5000 });
    expect(tracker.observe([entry('a', 20, 2000)], 5000).ready).toHaveLength(1);
  });

  it('never takes a file at its first look, even with no settle time', () => {
    const tracker = new SettleTracker(0);
    expect(tracker.observe([entry('a', 10)], 100).ready).toEqual([]);
    expect(tracker.observe([entry('a', 10)], 101).ready).toHaveLength(1);
  });

  it('forgets a file that went away, so one dropped again under the name waits again', () => {
    const tracker = new SettleTracker(1000);
    tracker.observe([entry('a', 10)], 0);
    tracker.observe([], 500);
    expect(tracker.observe([entry('a', 10)], 1200)).toEqual({ ready: [], nextCheckAt: 2200 });
  });

  it('reports the earliest time a waiting file could be ready', () => {
    const tracker = new SettleTracker(1000);
    tracker.observe([entry('a', 1)], 0);
    const r = tracker.observe([entry('a', 1), entry('b', 1)], 600);
    expect(r).toEqual({ ready: [], nextCheckAt: 1000 });
  });
});
