/** Event files for the import specs, made with the project's deterministic generator. */
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEventsFile } from '../../../main/core/sample/generator';
import { REPO_ROOT } from './host';

/** The Users grid's default columns, close to Datadog's page (asserted, not imported from the app). */
export const DEFAULT_USER_COLUMNS = [
  'user_name',
  'user_email',
  'user_id',
  'first_seen',
  'last_seen',
  'last_country_code',
  'last_device_type',
  'last_browser_name',
  'session_count',
];

export const RUM_FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'rum');

/** A small NDJSON file of generated events. */
export async function eventsFile(dir: string, name: string, opts: { users: number; events: number; seed: number }): Promise<string> {
  const path = join(dir, name);
  await writeEventsFile(path, opts);
  return path;
}

/**
 * A gzip file big enough that its import is still running when a spec cancels it, after doing
 * other things meanwhile: 2M events import in about 30 s. (600k took under 10 s once the import
 * got faster, and a cancel came after the end.) Cached in the temp folder between runs:
 * generating it takes about 30 s and it never changes.
 */
export async function bigEventsFile(events = 2_000_000): Promise<string> {
  const path = join(tmpdir(), `profile-desk-e2e-big-${events}.ndjson.gz`);
  if (existsSync(path)) return path;
  const partial = `${path}.${process.pid}.part`;
  await writeEventsFile(partial, { users: 30_000, events, seed: 7, gzip: true });
  await rename(partial, path);
  return path;
}

/** A file mixing good and bad records: a line that isn't JSON, one without a usable time. */
export async function badRecordsFile(dir: string, name = 'mixed-records.ndjson'): Promise<string> {
  const good = (id: string, ms: number) =>
    JSON.stringify({ type: 'view', date: ms, usr: { id, email: `${id}@example.com` }, session: { id: `s-${id}` }, view: { id: `v-${id}`, url: 'https://app.example.com/home' } });
  const lines = [
    good('mixed-1', Date.UTC(2025, 1, 1)),
    'this is not json',
    JSON.stringify({ type: 'view', usr: { id: 'no-time' }, session: { id: 's-x' }, view: { id: 'v-x' } }),
    good('mixed-2', Date.UTC(2025, 1, 2)),
  ];
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}
