/**
 * Uploads through the browser host over a real core: the core resolves upload ids through the
 * upload store (never host paths), shows file names instead of temp paths, and the uploads are
 * deleted when their job finishes; size and count limits; folders of killed hosts removed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../common/bridge';
import { createCore, type Core } from '../core/core';
import { startServer, type RunningServer } from './server';
import { readEvents, request, sseMessages } from './test-http';
import { OWNER_FILE, UPLOADS_PREFIX, removeOrphanedUploads } from './upload-orphans';
import { createUploadStore, type UploadStore } from './uploads';

const TOKEN = 'test-token';
const FIXTURE = fileURLToPath(new URL('../../tests/fixtures/rum/sdk__extended_error.json', import.meta.url));
/** Above any pid_max (Linux caps at 2^22, macOS at 99,999): never a running process. */
const DEAD_PID = 2 ** 30;

let parent: string;
let uploads: UploadStore;
let core: Core;
let server: RunningServer;

async function start(options: { maxBytes?: number; maxWaiting?: number } = {}): Promise<void> {
  uploads = await createUploadStore({ parent, ...options });
  core = createCore({ dbPath: join(parent, 'profiles.db'), importSources: uploads });
  server = await startServer({ core, uploads, port: 0, staticDir: parent, token: TOKEN });
}

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'profile-desk-test-uploads-'));
});

afterEach(async () => {
  await server?.close();
  await core?.close();
  rmSync(parent, { recursive: true, force: true });
});

const api = (method: string, body: unknown) =>
  request(server.port, { method: 'POST', path: `/api/${method}`, headers: { [TOKEN_HEADER]: TOKEN }, body: JSON.stringify(body) });
const upload = (name: string, body: string | Buffer) =>
  request(server.port, { method: 'POST', path: `/api/upload?name=${encodeURIComponent(name)}`, headers: { [TOKEN_HEADER]: TOKEN }, body });
const uploadId = async (name: string, body: string | Buffer): Promise<string> =>
  (JSON.parse((await upload(name, body)).body) as { value: { uploadId: string } }).value.uploadId;
/** Files under the uploads root (the owner file aside). */
const storedFiles = (): string[] => {
  const root = readdirSync(parent).find((n) => n.startsWith(UPLOADS_PREFIX))!;
  const ids = readdirSync(join(parent, root)).filter((n) => n !== OWNER_FILE);
  return ids.flatMap((id) => readdirSync(join(parent, root, id)).map((file) => join(id, file)));
};
/** Starts an import and resolves with its job.finished message. */
async function importUntilFinished(paths: string[]): Promise<{ jobId: string; finished: Record<string, unknown>; text: string }> {
  let jobId = '';
  const stream = await readEvents(server.port, `/api/events?token=${TOKEN}`, (t) => t.includes('"job.finished"'), () => {
    void api('imports.start', { paths }).then((r) => (jobId = JSON.parse(r.body).value.jobId as string));
  });
  const finished = sseMessages(stream.text).find((m) => m.event === 'job.finished')!.data;
  return { jobId, finished, text: stream.text };
}

describe('uploads as the core import sources', () => {
  it('refuses watched-folder feeds (a page may not name host folders) and their tests, but not other feeds', async () => {
    await start();
    const folder = { name: 'drop', kind: 'folder', path: parent };
    for (const [method, input] of [['feeds.save', { feed: folder }], ['feeds.test', { feed: folder }]] as const) {
      const r = await api(method, input);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false });
      expect(JSON.parse(r.body).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/cannot name folders/) });
    }
    expect(JSON.parse((await api('feeds.list', {})).body).value.feeds).toEqual([]);
    const saved = await api('feeds.save', { feed: { name: 'remote', kind: 'url', url: 'http://127.0.0.1:9/events.ndjson' } });
    expect(JSON.parse(saved.body).value.feed.name).toBe('remote');
  });

  it('imports an upload by id, shows its file name, and deletes it when the job is over', async () => {
    await start();
    expect((await request(server.port, { method: 'POST', path: '/api/upload?name=a', body: 'x' })).status).toBe(401);
    const id = await uploadId('../../evil\\dir/events.json', readFileSync(FIXTURE));
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const [stored] = storedFiles();
    expect(stored).toBe(join(id, 'events.json'));
    const root = join(parent, readdirSync(parent).find((n) => n.startsWith(UPLOADS_PREFIX))!);
    expect(statSync(join(root, stored!)).mode & 0o777).toBe(0o600);

    // Host paths are not upload ids: a web page cannot make the host read its files.
    const hostPath = await api('imports.start', { paths: [FIXTURE] });
    expect(hostPath.status).toBe(400);
    expect(JSON.parse(hostPath.body).error.message).toMatch(/not an unused upload id/);

    const { finished, text } = await importUntilFinished([id]);
    expect(finished.ok).toBe(true);
    expect((finished.result as { files: Array<{ file: string }> }).files.map((f) => f.file)).toEqual(['events.json']);
    expect(text).not.toContain(root); // progress and summary show names, not temp paths
    await expect.poll(() => storedFiles()).toEqual([]);

    // Consumed: the id is not usable again.
    expect(JSON.parse((await api('imports.start', { paths: [id] })).body).error.code).toBe('invalid_input');
  });

  it('shows the file name in a failed file\'s error, not the temp path', async () => {
    await start();
    const id = await uploadId('broken.json.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]));
    const { text } = await importUntilFinished([id]);
    expect(text).toContain('broken.json.gz');
    expect(text).not.toContain(parent);
    await expect.poll(() => storedFiles()).toEqual([]);
  });

  it('keeps every upload usable when one name in a call is refused', async () => {
    await start();
    const id = await uploadId('a.json', readFileSync(FIXTURE));
    const refused = await api('imports.start', { paths: [id, 'f'.repeat(32)] });
    expect(refused.status).toBe(400);
    // Twice in one call is refused too: an upload is read by one job, once.
    expect((await api('imports.start', { paths: [id, id] })).status).toBe(400);
    const { finished } = await importUntilFinished([id]);
    expect(finished.ok).toBe(true);
  });

  it('refuses an upload over the size limit and keeps no part of it', async () => {
    await start({ maxBytes: 1000 });
    const declared = await upload('big.ndjson', 'x'.repeat(5000));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.message).toMatch(/larger than the upload limit \(1KB; serve --max-upload raises it\)/);
    expect(storedFiles()).toEqual([]);

    // Without a Content-Length (chunked), the limit is counted while writing.
    const chunked = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request: httpRequest }) => {
        const r = httpRequest(
          { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/upload?name=big2', headers: { host: `127.0.0.1:${server.port}`, [TOKEN_HEADER]: TOKEN } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        r.on('error', reject);
        r.write('y'.repeat(800));
        setTimeout(() => r.end('y'.repeat(800)), 50);
      }, reject);
    });
    expect(chunked).toBe(413);
    expect(storedFiles()).toEqual([]);
    expect(await uploadId('small.json', 'z'.repeat(1000))).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lets only so many uploads wait for an import', async () => {
    await start({ maxWaiting: 2 });
    const a = await uploadId('a.json', readFileSync(FIXTURE));
    await uploadId('b.json', '[]');
    const third = await upload('c.json', '[]');
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body).error.message).toMatch(/At most 2 uploaded files can wait for an import/);
    // Claiming one by an import frees its place.
    await importUntilFinished([a]);
    expect((await upload('c.json', '[]')).status).toBe(200);
  });

  it('deletes leftover uploads on close', async () => {
    await start();
    await uploadId('left.json', '[]');
    expect(storedFiles()).toHaveLength(1);
    await server.close();
    expect(readdirSync(parent).filter((n) => n.startsWith(UPLOADS_PREFIX))).toEqual([]);
  });
});

describe('upload folders of killed hosts', () => {
  const folder = (name: string, owner: string | null, ageMs = 0): string => {
    const dir = join(parent, name);
    mkdirSync(join(dir, 'f'.repeat(32)), { recursive: true });
    writeFileSync(join(dir, 'f'.repeat(32), 'events.json'), '[]');
    if (owner !== null) writeFileSync(join(dir, OWNER_FILE), owner);
    const at = (Date.now() - ageMs) / 1000;
    utimesSync(dir, at, at);
    return dir;
  };

  it('removes folders whose host is gone, keeps live and unrelated ones', async () => {
    const dead = folder(`${UPLOADS_PREFIX}dead`, String(DEAD_PID));
    const live = folder(`${UPLOADS_PREFIX}live`, String(process.pid));
    const starting = folder(`${UPLOADS_PREFIX}starting`, null);
    const ancient = folder(`${UPLOADS_PREFIX}ancient`, null, 24 * 3600_000);
    const other = folder('someone-elses-folder', String(DEAD_PID));
    expect((await removeOrphanedUploads(parent)).sort()).toEqual([ancient, dead].sort());
    expect([dead, live, starting, ancient, other].map((d) => existsSync(d))).toEqual([false, true, true, false, true]);
  });

  it('are removed when the next host starts', async () => {
    const dead = folder(`${UPLOADS_PREFIX}killed`, String(DEAD_PID));
    await start();
    expect(existsSync(dead)).toBe(false);
    const mine = readdirSync(parent).filter((n) => n.startsWith(UPLOADS_PREFIX));
    expect(mine).toHaveLength(1);
    expect(readFileSync(join(parent, mine[0]!, OWNER_FILE), 'utf8')).toBe(String(process.pid));
  });
});
