/**
 * Interrupted downloads: a JSON array or an API page cut before its closing bracket fails as a
 * whole, through the core's `imports.start` job like every host, and leaves the store exactly
 * as it was. A cut last NDJSON line is one skipped record of a file that imports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { writeEventsFile } from '../../main/core/sample/generator';
import type { ImportFinished, ImportSummary } from '../../common/types';
import { event, tempStore, writeEvents, type TempStore } from './helpers';
import { storeSnapshot } from './snapshot';

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(async () => {
  await store.cleanup();
});

/** Starts an import job through the dispatcher and resolves with its summary. */
async function importJob(core: Core, paths: string[]): Promise<ImportSummary> {
  let jobId: string | null = null;
  const early: ImportFinished[] = [];
  const finished = new Promise<ImportFinished>((resolve) => {
    const off = core.events.subscribe((m) => {
      if (m.event !== 'job.finished') return;
      const f = m.data as ImportFinished;
      if (jobId === null) early.push(f);
      else if (f.jobId === jobId) {
        off();
        resolve(f);
      }
    });
  });
  const started = await core.dispatch('imports.start', { paths });
  if (!started.ok) throw new Error(started.error.message);
  jobId = (started.value as { jobId: string }).jobId;
  const f = early.find((e) => e.jobId === jobId) ?? (await finished);
  if (!f.ok) throw new Error(f.error.message);
  return f.result;
}

/** Pretty-printed like an API export: one event per few lines. */
const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

describe('a file cut short', () => {
  const events = Array.from({ length: 40 }, (_, i) => event(i, { usr: { id: `cut-${i % 7}` }, session: { id: `s-${i % 5}`, type: 'user' } }));

  it('fails a truncated JSON array and a truncated API page, leaving the store as before', { timeout: 120_000 }, async () => {
    await importJob(store.core, [writeEvents(store.dir, 'before.ndjson', [event(1, { usr: { id: 'kept' } })])]);
    const before = storeSnapshot(store.dbPath);

    // More records before the cut than a batch holds: some are written before the end is found.
    const ndjson = join(store.dir, 'generated.ndjson');
    await writeEventsFile(ndjson, { users: 300, events: 26_000, seed: 5 });
    const array = `[\n${readFileSync(ndjson, 'utf8').trim().split('\n').join(',\n')}\n]\n`;
    const arrayFile = join(store.dir, 'export.json');
    writeFileSync(arrayFile, array.slice(0, Math.floor(array.length * 0.9)));
    const page = pretty({ meta: { page: { after: 'x' } }, data: events, links: { next: 'y' } });
    const pageFile = join(store.dir, 'page.json');
    writeFileSync(pageFile, page.slice(0, Math.floor(page.length * 0.7)));
    const lastLine = (text: string, kept: number): number => text.slice(0, Math.floor(text.length * kept)).split('\n').length;

    const summary = await importJob(store.core, [arrayFile, pageFile]);
    expect(summary.files.map((f) => [f.file, f.status])).toEqual([
      [arrayFile, 'failed'],
      [pageFile, 'failed'],
    ]);
    expect(summary.files[0]!.error).toBe(
      `${arrayFile}: the file ends early, at line ${lastLine(array, 0.9)}, inside the JSON array opened on line 1 (an interrupted download?)`,
    );
    expect(summary.files[1]!.error).toBe(
      `${pageFile}: the file ends early, at line ${lastLine(page, 0.7)}, inside the API page opened on line 1 (an interrupted download?)`,
    );
    expect(summary.users).toEqual({ new: 0, updated: 0 });
    expect(storeSnapshot(store.dbPath)).toEqual(before);
  });

  it('imports an NDJSON file whose last line is cut, skipping only that line', async () => {
    const file = writeEvents(store.dir, 'cut.ndjson', events);
    const text = `${events.map((e) => JSON.stringify(e)).join('\n')}`;
    writeFileSync(file, text.slice(0, text.length - 30));
    const summary = await importJob(store.core, [file]);
    expect(summary.files[0]!.status).toBe('imported');
    expect(summary.imported).toBe(39);
    expect(summary.errors).toEqual([{ file, line: 40, reason: expect.stringMatching(/^invalid JSON: /) }]);
  });
});
