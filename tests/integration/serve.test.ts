/**
 * `profile-desk serve` from the built CLI over a real core: the printed URL, 127.0.0.1 only,
 * the token, error codes and statuses, hostile filters, DNS-rebinding and traversal defences,
 * upload limits, upload folders of a killed host, and an import from an upload with its events
 * arriving over SSE.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../common/bridge';
import { readEvents, request, sseMessages } from '../../main/serve/test-http';
import { FIXTURES, ensureCliBuilt, isolatedEnv, runCli, startCli } from './built-cli';

let dir: string;
let child: ChildProcess;
let url: string;
let port: number;
let token: string;
/** The host's temp folder (TMPDIR), where a killed host left its uploads. */
let temp: string;
let orphan: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-serve-'));
  temp = join(dir, 'tmp');
  // Above any pid_max: the host that made this folder is surely gone.
  orphan = join(temp, 'profile-desk-uploads-killed');
  mkdirSync(join(orphan, 'f'.repeat(32)), { recursive: true });
  writeFileSync(join(orphan, 'owner.pid'), String(2 ** 30));
  writeFileSync(join(orphan, 'f'.repeat(32), 'events.json'), '[]');
  const env = isolatedEnv(dir, { TMPDIR: temp, TMP: temp, TEMP: temp });
  child = startCli(['--db', join(dir, 'profiles.db'), 'serve', '--port', '0', '--max-upload', '10KB'], env);
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
    const invalid = await api('users.page', { offset: 0, limit: 5000 });
    expect([invalid.status, JSON.parse(invalid.body).error.code]).toEqual([400, 'invalid_input']);
    expect((await request(port, { path: '/api/store.info', headers: { [TOKEN_HEADER]: token } })).status).toBe(405);
  });

  it('answers deep and wide filters with 400, never 500, and serves the largest allowed', async () => {
    const eq = (i: number) => ({ op: 'eq', key: 'user_name', value: `n${i}` });
    const count = async (filter: unknown) => {
      const r = await api('users.count', { filter });
      return { status: r.status, body: JSON.parse(r.body) as { ok: boolean; error?: { code: string; message: string } } };
    };
    // 100,000 nested `not`s: 1.9 MB of JSON is over the body limit, 50,000 are not.
    const deepText = `{"filter":${'{"op":"not","item":'.repeat(50_000)}{"op":"exists","key":"name"}${'}'.repeat(50_000)}}`;
    const deep = await request(port, { method: 'POST', path: '/api/users.count', headers: { [TOKEN_HEADER]: token }, body: deepText });
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.body).error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/filter: nested more than/) });

    let nested: unknown = eq(0);
    for (let i = 1; i < 33; i++) nested = { op: 'not', item: nested };
    expect(await count(nested)).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', message: expect.stringMatching(/32 levels/) } } });

    const wide = (n: number) => ({ op: 'or', items: Array.from({ length: n }, (_, i) => eq(i)) });
    expect(await count(wide(999))).toMatchObject({ status: 200, body: { ok: true } });
    expect(await count(wide(1000))).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    // Deep and wide at once, within every limit: still within SQLite's expression depth (1000).
    let both: unknown = wide(960);
    for (let i = 0; i < 30; i++) both = { op: 'not', item: both };
    expect(await count(both)).toMatchObject({ status: 200, body: { ok: true } });

    const values = Array.from({ length: 10_000 }, (_, i) => `u${i}`);
    expect(await count({ op: 'in', key: 'user_id', values })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await count({ op: 'in', key: 'user_id', values: [...values, 'one more'] })).toMatchObject({ status: 400 });
    // Within each limit, over SQLite's bound parameters in all.
    const many = { op: 'or', items: [1, 2, 3, 4].map((n) => ({ op: 'in', key: 'user_id', values: values.map((v) => `${v}-${n}`) })) };
    expect(await count(many)).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', message: expect.stringMatching(/values in all/) } } });
  });

  it('removed the upload folder a killed host left behind', () => {
    expect(existsSync(orphan)).toBe(false);
  });

  it('refuses uploads over --max-upload and keeps nothing of them', async () => {
    const big = await request(port, { method: 'POST', path: '/api/upload?name=big.ndjson', headers: { [TOKEN_HEADER]: token }, body: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.message).toMatch(/upload limit \(10KB/);
    expect(readdirSync(temp).flatMap((d) => readdirSync(join(temp, d))).filter((n) => n !== 'owner.pid')).toEqual([]);
  });

  it('refuses a --max-upload that is not a size', async () => {
    const r = await runCli(['--db', join(dir, 'other.db'), 'serve', '--max-upload', 'lots'], isolatedEnv(dir));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-upload takes a size like 500MB or 20GB \(got "lots"\)/);
    expect(existsSync(join(dir, 'other.db'))).toBe(false);
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
