/**
 * The store holds what real users did: its file, WAL, shared memory and the folders created for
 * it are readable by this user only, whether the core's connection or the import worker's made
 * them. Folders that already existed keep their mode.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobFinished } from '../../common/types';
import { createCore, type Core } from '../../main/core/core';
import { event, writeEvents } from './helpers';

const mode = (path: string): number => statSync(path).mode & 0o777;

let dir: string;
let core: Core | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-modes-'));
  // A folder the user chose, open to others: the store must not change it.
  chmodSync(dir, 0o755);
});

afterEach(async () => {
  await core?.close();
  core = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('private store files', () => {
  it('creates the store, its WAL, shared memory and new folders for this user only', async () => {
    const dbPath = join(dir, 'made', 'for', 'it', 'profiles.db');
    core = createCore({ dbPath });
    expect(mode(dir)).toBe(0o755);
    for (const folder of ['made', 'made/for', 'made/for/it']) expect(mode(join(dir, folder)), folder).toBe(0o700);
    expect(existsSync(`${dbPath}-wal`)).toBe(true);
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) expect(mode(file), file).toBe(0o600);

    // The import worker opens a connection of its own and writes through it.
    const file = writeEvents(dir, 'events.ndjson', [event(1, { usr: { id: 'u-1' } })]);
    const finished = new Promise<JobFinished>((resolve) => {
      core!.events.subscribe((m) => {
        if (m.event === 'job.finished') resolve(m.data as JobFinished);
      });
    });
    expect(await core.dispatch('imports.start', { paths: [file] })).toMatchObject({ ok: true });
    expect(await finished).toMatchObject({ ok: true, result: { imported: 1 } });
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
      if (existsSync(file)) expect(mode(file), file).toBe(0o600);
    }

    // Closed and reopened (the WAL is removed at close and made again).
    await core.close();
    core = createCore({ dbPath });
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) expect(mode(file), file).toBe(0o600);
  });
});
