/**
 * The real runners, offline: prebuild-install (the one better-sqlite3 depends on) downloads from
 * a local server standing in for the GitHub release (better-sqlite3's documented
 * npm_config_better_sqlite3_binary_host mirror setting), and the compiler's header check asks a
 * local server standing in for electronjs.org.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileFromSource, describeCompileFailure, describePrebuildFailure, fetchPrebuilt, toolEnv } from './electron-native-runners.mjs';
import { ensureElectronNative } from './electron-native.mjs';

const require = createRequire(import.meta.url);
const sourceDir = dirname(require.resolve('better-sqlite3/package.json'));
const betterSqlite3 = JSON.parse(readFileSync(join(sourceDir, 'package.json'), 'utf8')).version as string;

let work: string;
let tarball: Buffer;
let server: Server;
let host: string;
const requests: string[] = [];

beforeAll(async () => {
  // A release asset laid out like better-sqlite3's: build/Release/better_sqlite3.node inside a .tar.gz.
  const staging = mkdtempSync(join(tmpdir(), 'prebuilt-asset-'));
  mkdirSync(join(staging, 'build', 'Release'), { recursive: true });
  writeFileSync(join(staging, 'build', 'Release', 'better_sqlite3.node'), 'electron-abi-binary');
  const tar = spawnSync('tar', ['-czf', join(staging, 'asset.tar.gz'), '-C', staging, 'build']);
  expect(tar.status).toBe(0);
  tarball = readFileSync(join(staging, 'asset.tar.gz'));
  rmSync(staging, { recursive: true, force: true });

  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const asset = new RegExp(`^/v${betterSqlite3}/better-sqlite3-v${betterSqlite3}-electron-v\\d+-${process.platform}-${process.arch}\\.tar\\.gz$`);
    if (req.url?.startsWith('/published/') && asset.test(req.url.slice('/published'.length))) {
      res.writeHead(200, { 'content-type': 'application/gzip' }).end(tarball);
    } else {
      res.writeHead(404).end('Not Found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'electron-native-runners-test-'));
  requests.length = 0;
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The child tools' environment: a mirror for the release, and npm's cache kept inside `work`. */
function env(mirror: string): NodeJS.ProcessEnv {
  // No proxy: the mirror is on 127.0.0.1.
  const direct = Object.fromEntries(Object.entries(toolEnv()).filter(([key]) => !/^(npm_config_)?(https?_)?proxy$/i.test(key)));
  return { ...direct, npm_config_better_sqlite3_binary_host: mirror, npm_config_cache: join(work, 'npm-cache'), npm_config_devdir: join(work, 'gyp') };
}

/** What electron-native.mjs hands the runners: a copy of the package (its package.json names the asset). */
function job(electron = '45.5.0') {
  const dir = join(work, 'copy');
  mkdirSync(dir, { recursive: true });
  cpSync(join(sourceDir, 'package.json'), join(dir, 'package.json'));
  const logFile = join(work, 'build.log');
  writeFileSync(logFile, '');
  return { dir, sourceDir, electron, platform: process.platform, arch: process.arch, logFile };
}

describe('fetchPrebuilt (prebuild-install)', () => {
  it('downloads and unpacks the Electron build into the copy', async () => {
    const j = job();
    expect(await fetchPrebuilt({ ...j, env: env(`${host}/published`) })).toEqual({ ok: true });
    expect(readFileSync(join(j.dir, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('electron-abi-binary');
    // Asked for the Electron runtime, not Node's.
    expect(requests).toEqual([expect.stringMatching(new RegExp(`-electron-v\\d+-${process.platform}-${process.arch}\\.tar\\.gz$`))]);
    expect(readFileSync(j.logFile, 'utf8')).toContain('--runtime electron --target 45.5.0');
  });

  it('reports "nothing published" when the release has no such asset', async () => {
    const result = await fetchPrebuilt({ ...job(), env: env(`${host}/unpublished`) });
    expect(result).toEqual({ ok: false, reason: 'none published for this Electron version and platform', noPrebuilt: true });
  });

  it('reports an Electron too new for prebuild-install as nothing published', async () => {
    const result = await fetchPrebuilt({ ...job('999.0.0'), env: env(`${host}/published`) });
    expect(result).toEqual({ ok: false, reason: 'could not detect abi for version 999.0.0 and runtime electron', noPrebuilt: true });
  });

  it('reports a failed download as such, not as nothing published', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await fetchPrebuilt({ ...job(), env: env(`http://127.0.0.1:${port}`) });
    expect(result).toMatchObject({ ok: false, noPrebuilt: false, reason: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('compileFromSource (node-gyp)', () => {
  it('fails in seconds with the reason when Electron headers are not available', async () => {
    const result = await compileFromSource({ ...job(), env: env(host), headersUrl: `${host}/headers` });
    expect(result).toEqual({ ok: false, reason: `Electron headers not available (HTTP 404 from ${host}/headers/v45.5.0/node-v45.5.0-headers.tar.gz)` });
  });

  it("takes node-gyp's own cause from its output", () => {
    const output = [
      'gyp info using node-gyp@12.4.0',
      'gyp ERR! find Python Python is not set from command line or npm configuration',
      'gyp ERR! configure error',
      'gyp ERR! stack Error: Could not find any Python installation to use',
      'gyp ERR! stack     at PythonFinder.fail (node-gyp/lib/find-python.js:306:11)',
    ].join('\n');
    expect(describeCompileFailure({ status: 1, output, error: null })).toBe('Could not find any Python installation to use');
    expect(describeCompileFailure({ status: 2, output: 'make: g++: No such file or directory', error: null })).toBe('node-gyp exit 2');
  });
});

describe('describePrebuildFailure', () => {
  it('takes the last warning as the reason', () => {
    const output = 'prebuild-install info begin\nprebuild-install warn install getaddrinfo ENOTFOUND github.com\n';
    expect(describePrebuildFailure({ status: 1, output, error: null })).toEqual({ ok: false, reason: 'getaddrinfo ENOTFOUND github.com', noPrebuilt: false });
  });
});

describe('toolEnv', () => {
  it("keeps npm's project config away from the tools but keeps the rest", () => {
    const base = { PATH: '/bin', npm_config_nodedir: '/usr', npm_config_runtime: 'node', npm_config_target: '20.0.0', npm_package_resolved: 'git+x', npm_config_cache: '/c' };
    expect(toolEnv(base)).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
  });
});

describe('electron-native with the real runners', () => {
  it('takes the published binary', async () => {
    const outDir = join(work, 'native', 'electron');
    const e = env(`${host}/published`);
    const source = await ensureElectronNative({
      electron: '45.5.0',
      betterSqlite3,
      sourceDir,
      outDir,
      root: work,
      log: () => {},
      fetchPrebuilt: (j) => fetchPrebuilt({ ...j, env: e }),
      compile: (j) => compileFromSource({ ...j, env: e, headersUrl: `${host}/headers` }),
    });
    expect(source).toBe('prebuilt');
    expect(readFileSync(join(outDir, 'better_sqlite3.node'), 'utf8')).toBe('electron-abi-binary');
  });

  it('fails with one line when nothing is published and nothing can be compiled', async () => {
    const e = env(`${host}/unpublished`);
    const run = ensureElectronNative({
      electron: '45.5.0',
      betterSqlite3,
      sourceDir,
      outDir: join(work, 'native', 'electron'),
      root: work,
      log: () => {},
      fetchPrebuilt: (j) => fetchPrebuilt({ ...j, env: e }),
      compile: (j) => compileFromSource({ ...j, env: e, headersUrl: `${host}/headers` }),
    });
    await expect(run).rejects.toThrow(/^cannot get better-sqlite3 .* no prebuilt binary is published for it .* compiling it failed \(Electron headers not available \(HTTP 404 .*\)\); install Python 3 and a C\+\+ toolchain .* and run again \(log: native\/electron\/build\.log\)$/);
  });
});
