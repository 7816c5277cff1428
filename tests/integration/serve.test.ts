/**
 * `profile-desk serve` from the built CLI over a real core: the printed URL, 127.0.0.1 only,
 * the token, error codes, DNS-rebinding and traversal defences, and an import from an upload
 * with its events arriving over SSE.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../common/bridge';
import { readEvents, request, sseMessages } from '../../main/serve/test-http';
import { FIXTURES, ensureCliBuilt, isolatedEnv, startCli } from './built-cli';

let dir: string;
let child: ChildProcess;
let url: string;
let port: number;
let token: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-serve-'));
  child = startCli(['--db', join(dir, 'profiles.db'), 'serve', '--port', '0'], isolatedEnv(dir));
  const lines = createInterface({ input: child.stdout! });
  url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const match = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]{48})$/.exec(url);
  if (!match) throw new Error(`unexpected first line: ${url}`);
  port = Number(match[1]);
  token = match[2]!;
}, 120_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const api = (method: string, body: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: token }) =>
  request(port, { method: 'POST', path: `/api/${method}`, headers, body: JSON.stringify(body) });

describe('profile-desk serve', () => {
  it('prints the URL with a fresh token as its first stdout line', () => {
    expect(url).toBe(`http://127.0.0.1:${port}/#token=${token}`);
  });

  it('listens on 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) await expect(request(port, { host: external.address, path: '/' })).rejects.toThrow();
    await expect(request(port, { host: '::1', path: '/' })).rejects.toThrow();
  });

  it('requires the token', async () => {
    expect((await api('store.info', {}, {})).status).toBe(401);
    expect((await api('store.info', {}, { [TOKEN_HEADER]: 'f'.repeat(48) })).status).toBe(401);
    expect((await readEvents(port, '/api/events', () => true)).status).toBe(401);
    const ok = await api('store.info', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).value.dbPath).toBe(join(dir, 'profiles.db'));
  });

  it('rejects unknown methods and invalid input with codes', async () => {
    expect(JSON.parse((await api('users.drop', {})).body).error.code).toBe('unknown_method');
    expect(JSON.parse((await api('users.page', { offset: 0, limit: 5000 })).body).error.code).toBe('invalid_input');
    expect((await request(port, { path: '/api/store.info', headers: { [TOKEN_HEADER]: token } })).status).toBe(405);
  });

  it('refuses a foreign Host header and path traversal', async () => {
    expect((await request(port, { path: '/', headers: { host: `attacker.example:${port}` } })).status).toBe(403);
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2f..%2fpackage.json']) {
      const r = await request(port, { path });
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('root:');
    }
  });

  it('imports an upload and reports the job over SSE', async () => {
    const upload = await request(port, {
      method: 'POST',
      path: '/api/upload?name=sdk__extended_error.json',
      headers: { [TOKEN_HEADER]: token },
      body: readFileSync(join(FIXTURES, 'sdk__extended_error.json')),
    });
    const { uploadId } = JSON.parse(upload.body).value as { uploadId: string };

    expect(JSON.parse((await api('imports.start', { paths: [join(FIXTURES, 'sdk__view.json')] })).body).error.code).toBe('invalid_input');

    let jobId = '';
    const stream = await readEvents(port, `/api/events?token=${token}`, (t) => t.includes('"job.finished"'), () => {
      void api('imports.start', { paths: [uploadId] }).then((r) => (jobId = JSON.parse(r.body).value.jobId as string));
    });
    const finished = sseMessages(stream.text).find((m) => m.event === 'job.finished')!;
    expect(finished.data.jobId).toBe(jobId);
    expect(finished.data.ok).toBe(true);
    const result = finished.data.result as { files: Array<{ file: string; status: string }>; imported: number };
    expect(result.files).toEqual([expect.objectContaining({ file: 'sdk__extended_error.json', status: 'imported' })]);
    expect(result.imported).toBe(1);

    const page = JSON.parse((await api('users.page', { offset: 0, limit: 10 })).body);
    expect(page.ok).toBe(true);
    expect(page.value.rows.map((r: { user_id: string }) => r.user_id)).toEqual(['4815162342']);
    // The upload was consumed by the finished job.
    expect(JSON.parse((await api('imports.start', { paths: [uploadId] })).body).error.code).toBe('invalid_input');
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
