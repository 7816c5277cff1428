/** The app:// handler that serves the built renderer in Electron, against a real folder. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CSP } from '../../common/csp';

const registered = vi.hoisted(() => ({ schemes: [] as unknown[] }));
vi.mock('electron', () => {
  const electron = { protocol: { registerSchemesAsPrivileged: (s: unknown[]) => registered.schemes.push(...s) } };
  return { ...electron, default: electron };
});

const { APP_ENTRY_URL, createAppProtocolHandler, registerAppScheme } = await import('./protocol');

let dir: string;
let root: string;
let handler: ReturnType<typeof createAppProtocolHandler>;
const get = (url: string, method = 'GET') => handler({ url, method });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'profile-desk-protocol-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Profile Desk</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'font.WOFF2'), 'wOF2');
  writeFileSync(join(root, 'assets', 'blob'), 'bytes');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  handler = createAppProtocolHandler({ root });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme that supports fetch', () => {
    registerAppScheme();
    expect(registered.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves index.html with the CSP', async () => {
    const res = await get(APP_ENTRY_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Profile Desk</title>');
    expect(await (await get('app://profile-desk/')).text()).toContain('<title>Profile Desk</title>');
  });

  it('serves assets with their MIME type', async () => {
    const js = await get('app://profile-desk/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://profile-desk/assets/index-abc123.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://profile-desk/assets/font.WOFF2')).headers.get('content-type')).toBe('font/woff2');
    expect((await get('app://profile-desk/assets/blob')).headers.get('content-type')).toBe('application/octet-stream');
  });

  it('answers HEAD without a body', async () => {
    const res = await get(APP_ENTRY_URL, 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('refuses path traversal, plain or encoded, with the CSP on the refusal', async () => {
    for (const url of [
      'app://profile-desk/../../etc/passwd',
      'app://profile-desk/../secret.txt',
      'app://profile-desk/assets/../../secret.txt',
      'app://profile-desk/%2e%2e/secret.txt',
      'app://profile-desk/%2E%2E%2Fsecret.txt',
      'app://profile-desk/..%5csecret.txt',
      'app://profile-desk/assets%2f..%2f..%2fsecret.txt',
      'app://profile-desk/index.html%00.js',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(403);
      expect(res.headers.get('content-security-policy'), url).toBe(CSP);
      expect(await res.text(), url).not.toContain('outside the renderer');
    }
  });

  it('refuses other hosts and schemes', async () => {
    for (const url of ['app://evil/index.html', 'app://profile-desk.evil/index.html', 'file:///etc/passwd', 'https://profile-desk/index.html', 'not a url']) {
      expect((await get(url)).status, url).toBe(403);
    }
  });

  it('answers 404 for missing files and folders, 405 for other methods', async () => {
    expect((await get('app://profile-desk/nope.js')).status).toBe(404);
    expect((await get('app://profile-desk/assets')).status).toBe(404);
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405);
  });
});
