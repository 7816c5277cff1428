/**
 * Exports through the browser host over a real core: only `download` targets, written into the
 * host's private folder, fetched once with the token and deleted; failures leave nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../common/bridge';
import { createCore, type Core } from '../core/core';
import { contentDisposition, createDownloadStore, downloadName, type DownloadStore } from './downloads';
import { startServer, type RunningServer } from './server';
import { readEvents, request, sseMessages } from './test-http';
import { DOWNLOADS_PREFIX, OWNER_FILE } from './upload-orphans';
import { createUploadStore } from './uploads';

const TOKEN = 'test-token';
const FIXTURE = fileURLToPath(new URL('../../tests/fixtures/rum/sdk__extended_error.json', import.meta.url));
const DEAD_PID = 2 ** 30;

let parent: string;
let downloads: DownloadStore;
let core: Core;
let server: RunningServer;

beforeEach(async () => {
  parent = mkdtempSync(join(tmpdir(), 'profile-desk-test-downloads-'));
  const uploads = await createUploadStore({ parent });
  downloads = await createDownloadStore({ parent });
  core = createCore({ dbPath: join(parent, 'profiles.db'), importSources: uploads, exportTargets: downloads });
  server = await startServer({ core, uploads, downloads, port: 0, staticDir: parent, token: TOKEN });
});

afterEach(async () => {
  await server.close();
  await core.close();
  rmSync(parent, { recursive: true, force: true });
});

interface Answer {
  ok: boolean;
  value: { rows: Array<{ user_id: string; session_count: number }> };
  error: { code: string };
}
const api = async (method: string, body: unknown): Promise<Answer> =>
  JSON.parse(
    (await request(server.port, { method: 'POST', path: `/api/${method}`, headers: { [TOKEN_HEADER]: TOKEN }, body: JSON.stringify(body) })).body,
  );
/** Starts a job and resolves with its job.finished data. */
async function untilFinished(method: string, input: unknown): Promise<Record<string, unknown>> {
  const stream = await readEvents(server.port, `/api/events?token=${TOKEN}`, (t) => t.includes('"job.finished"'), () => {
    void api(method, input);
  });
  return sseMessages(stream.text).find((m) => m.event === 'job.finished')!.data;
}
const downloadFiles = (): string[] => {
  const root = readdirSync(parent).find((n) => n.startsWith(DOWNLOADS_PREFIX))!;
  return readdirSync(join(parent, root)).filter((n) => n !== OWNER_FILE);
};

async function importFixture(): Promise<void> {
  const up = await request(server.port, { method: 'POST', path: '/api/upload?name=e.json', headers: { [TOKEN_HEADER]: TOKEN }, body: readFileSync(FIXTURE) });
  const finished = await untilFinished('imports.start', { paths: [JSON.parse(up.body).value.uploadId] });
  expect(finished.ok).toBe(true);
}

describe('exports as downloads', () => {
  it('writes the export privately, serves it once with the token as an attachment, then deletes it', async () => {
    await importFixture();
    const finished = await untilFinished('exports.start', { entity: 'users', columns: ['user_id', 'session_count'], target: 'download:Été users.csv' });
    expect(finished.ok).toBe(true);
    const summary = finished.result as { target: string; rows: number; download: string };
    expect(summary.target).toBe('Été users.csv');
    expect(summary.rows).toBe(1);
    expect(summary.download).toMatch(/^[0-9a-f]{32}$/);
    expect(downloadFiles()).toEqual([summary.download]);

    const path = `/api/download/${summary.download}`;
    expect((await request(server.port, { path })).status).toBe(401);
    expect((await request(server.port, { path: `${path}?token=nope` })).status).toBe(401);
    expect((await request(server.port, { method: 'POST', path: `${path}?token=${TOKEN}` })).status).toBe(405);

    const got = await request(server.port, { path: `${path}?token=${TOKEN}` });
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="_t_ users.csv"; filename*=UTF-8''%C3%89t%C3%A9%20users.csv`);
    const { value } = await api('users.page', { offset: 0, limit: 10 });
    const user = value.rows[0]!;
    expect(got.body).toBe(`user_id,session_count\r\n${user.user_id},${user.session_count}\r\n`);

    // One download per export: the file is gone, and a second request finds nothing.
    await new Promise((r) => setTimeout(r, 50));
    expect(downloadFiles()).toEqual([]);
    expect((await request(server.port, { path: `${path}?token=${TOKEN}` })).status).toBe(404);
    expect((await request(server.port, { path: `/api/download/../../etc/passwd?token=${TOKEN}` })).status).toBe(404);
  });

  it('refuses every target but a download', async () => {
    for (const target of [join(parent, 'out.csv'), '-', 'downloads', 'file:///tmp/x.csv']) {
      const result = await api('exports.start', { entity: 'users', target });
      expect(result.ok, target).toBe(false);
      expect(result.error.code).toBe('forbidden');
    }
    expect(existsSync(join(parent, 'out.csv'))).toBe(false);
    expect(downloadFiles()).toEqual([]);
  });

  it('deletes the file of a failed export at once, and what is left on close', async () => {
    const failed = downloads.open('download');
    writeFileSync((failed as { path: string }).path, 'partial');
    downloads.finished!(failed, false);
    await new Promise((r) => setTimeout(r, 50));
    expect(downloadFiles()).toEqual([]);

    const kept = downloads.open('download:a.csv');
    writeFileSync((kept as { path: string }).path, 'a\n');
    downloads.finished!(kept, true);
    expect(downloadFiles()).toEqual([kept.download]);
    await server.close();
    expect(readdirSync(parent).filter((n) => n.startsWith(DOWNLOADS_PREFIX))).toEqual([]);
  });

  it('removes the downloads folder of a killed host at the next start', async () => {
    const dead = join(parent, `${DOWNLOADS_PREFIX}dead`);
    mkdirSync(dead);
    writeFileSync(join(dead, OWNER_FILE), String(DEAD_PID));
    utimesSync(dead, new Date(0), new Date(0));
    const other = await createDownloadStore({ parent });
    expect(existsSync(dead)).toBe(false);
    await other.dispose();
  });
});

describe('file names', () => {
  it('takes the name a target asks for, a file name only', () => {
    expect(downloadName('download')).toBe('export.csv');
    expect(downloadName('download:segment Paris.csv')).toBe('segment Paris.csv');
    expect(downloadName('download:../../x.csv')).toBe('x.csv');
    expect(downloadName('download:')).toBe('export.csv');
    expect(() => downloadName('/etc/passwd')).toThrow(/only as downloads/);
  });

  it('encodes non-ASCII names as RFC 6266 asks', () => {
    expect(contentDisposition('users.csv')).toBe('attachment; filename="users.csv"');
    expect(contentDisposition('a "b".csv')).toBe(`attachment; filename="a _b_.csv"; filename*=UTF-8''a%20%22b%22.csv`);
    expect(contentDisposition('日本.csv')).toBe(`attachment; filename="__.csv"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.csv`);
  });
});
