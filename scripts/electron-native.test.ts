/**
 * scripts/electron-native.mjs with the download and the compiler replaced by stand-ins that
 * behave like the real runners (they leave a binary in the temp copy, or report why not): it
 * takes the prebuilt binary, falls back to compiling only without one, fails with one clear line
 * when neither works, and skips everything when the stamp matches.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NativeJob, RunnerResult } from './electron-native-runners.mjs';
import { ElectronNativeError, ensureElectronNative, type ElectronNativeOptions } from './electron-native.mjs';

let work: string;
let sourceDir: string;
let outDir: string;
let logged: string[];

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'electron-native-test-'));
  // A stand-in for node_modules/better-sqlite3, with the Node build the copy must leave out.
  sourceDir = join(work, 'node_modules', 'better-sqlite3');
  mkdirSync(join(sourceDir, 'build', 'Release'), { recursive: true });
  mkdirSync(join(sourceDir, 'src'));
  writeFileSync(join(sourceDir, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  writeFileSync(join(sourceDir, 'src', 'better_sqlite3.cpp'), '// source');
  writeFileSync(join(sourceDir, 'build', 'Release', 'better_sqlite3.node'), 'node-abi-build');
  outDir = join(work, 'native', 'electron');
  logged = [];
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A runner that succeeds the way the real ones do: the binary appears in the copy's build/Release. */
function producing(content: string) {
  return vi.fn(async (job: NativeJob): Promise<RunnerResult> => {
    // The copy has the sources but not Node's build, which would be the wrong ABI.
    expect(existsSync(join(job.dir, 'src', 'better_sqlite3.cpp'))).toBe(true);
    expect(existsSync(join(job.dir, 'build'))).toBe(false);
    mkdirSync(join(job.dir, 'build', 'Release'), { recursive: true });
    writeFileSync(join(job.dir, 'build', 'Release', 'better_sqlite3.node'), content);
    return { ok: true };
  });
}
const failing = (reason: string, noPrebuilt?: boolean) => vi.fn(async (): Promise<RunnerResult> => ({ ok: false, reason, noPrebuilt }));

function options(overrides: Partial<ElectronNativeOptions>): ElectronNativeOptions {
  return {
    electron: '45.5.0',
    betterSqlite3: '12.11.1',
    sourceDir,
    outDir,
    platform: 'linux',
    arch: 'x64',
    root: work,
    log: (line) => logged.push(line),
    ...overrides,
  };
}

const binary = () => readFileSync(join(outDir, 'better_sqlite3.node'), 'utf8');
const stamp = () => JSON.parse(readFileSync(join(outDir, 'build.json'), 'utf8'));

describe('electron-native', () => {
  it('takes the prebuilt binary and never runs the compiler', async () => {
    const fetchPrebuilt = producing('prebuilt-for-electron');
    const compile = producing('compiled');
    expect(await ensureElectronNative(options({ fetchPrebuilt, compile }))).toBe('prebuilt');
    expect(compile).not.toHaveBeenCalled();
    expect(fetchPrebuilt).toHaveBeenCalledWith(expect.objectContaining({ electron: '45.5.0', platform: 'linux', arch: 'x64', sourceDir }));
    expect(binary()).toBe('prebuilt-for-electron');
    expect(stamp()).toEqual({ electron: '45.5.0', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64', source: 'prebuilt' });
    expect(logged.at(-1)).toBe('electron-native: downloaded native/electron/better_sqlite3.node');
    // The temp copy is gone.
    expect(existsSync(fetchPrebuilt.mock.calls[0]![0].dir)).toBe(false);
  });

  it('compiles only when no prebuilt binary exists, and says so in one line', async () => {
    const fetchPrebuilt = failing('none published for this Electron version and platform', true);
    const compile = producing('compiled-for-electron');
    expect(await ensureElectronNative(options({ fetchPrebuilt, compile }))).toBe('compiled');
    expect(compile).toHaveBeenCalledTimes(1);
    expect(binary()).toBe('compiled-for-electron');
    expect(stamp().source).toBe('compiled');
    const fallback = logged.filter((line) => line.includes('from source'));
    expect(fallback).toEqual([
      'electron-native: no prebuilt binary is published for it (none published for this Electron version and platform); compiling better-sqlite3 12.11.1 for Electron 45.5.0 (linux-x64) from source instead (needs Python and a C++ toolchain, a few minutes; log: native/electron/build.log)',
    ]);
  });

  it('fails with one line saying what failed and what to do when neither works', async () => {
    const fetchPrebuilt = failing('none published for this Electron version and platform', true);
    const compile = failing('Could not find any Python installation to use');
    const run = ensureElectronNative(options({ fetchPrebuilt, compile }));
    await expect(run).rejects.toBeInstanceOf(ElectronNativeError);
    const message = ((await run.catch((err: Error) => err)) as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toBe(
      'cannot get better-sqlite3 12.11.1 for Electron 45.5.0 (linux-x64): no prebuilt binary is published for it (none published for this Electron version and platform) and compiling it failed (Could not find any Python installation to use); install Python 3 and a C++ toolchain (build-essential, Xcode Command Line Tools or Visual Studio Build Tools) and run again (log: native/electron/build.log)',
    );
    expect(existsSync(join(outDir, 'better_sqlite3.node'))).toBe(false);
    expect(existsSync(join(outDir, 'build.json'))).toBe(false);
  });

  it('points to the network when the download itself failed', async () => {
    const fetchPrebuilt = failing('getaddrinfo ENOTFOUND github.com', false);
    const compile = failing('Electron headers cannot be downloaded (ENOTFOUND)');
    await expect(ensureElectronNative(options({ fetchPrebuilt, compile }))).rejects.toThrow(
      /the prebuilt binary could not be downloaded \(getaddrinfo ENOTFOUND github\.com\) and compiling it failed \(Electron headers cannot be downloaded \(ENOTFOUND\)\); check the network connection/,
    );
  });

  it('fails clearly when a runner reports success but leaves no binary', async () => {
    const fetchPrebuilt = vi.fn(async (): Promise<RunnerResult> => ({ ok: true }));
    await expect(ensureElectronNative(options({ fetchPrebuilt, compile: producing('x') }))).rejects.toThrow(
      'the download of better-sqlite3 12.11.1 for Electron 45.5.0 (linux-x64) left no better_sqlite3.node',
    );
  });

  it('does nothing the second time for the same versions, and rebuilds when one changes', async () => {
    await ensureElectronNative(options({ fetchPrebuilt: producing('first'), compile: producing('compiled') }));
    const untouched = { fetchPrebuilt: failing('must not run'), compile: failing('must not run') };
    expect(await ensureElectronNative(options(untouched))).toBe('cached');
    expect(untouched.fetchPrebuilt).not.toHaveBeenCalled();
    expect(logged.at(-1)).toBe('electron-native: better-sqlite3 12.11.1 for Electron 45.5.0 (linux-x64) is already in native/electron/better_sqlite3.node');

    const newer = producing('for-electron-46');
    expect(await ensureElectronNative(options({ electron: '46.0.0', fetchPrebuilt: newer, compile: producing('c') }))).toBe('prebuilt');
    expect(binary()).toBe('for-electron-46');
    expect(await ensureElectronNative(options({ electron: '46.0.0', betterSqlite3: '12.12.0', fetchPrebuilt: producing('bs3'), compile: producing('c') }))).toBe('prebuilt');
    expect(stamp()).toMatchObject({ electron: '46.0.0', betterSqlite3: '12.12.0' });
  });

  it('rebuilds when the binary is gone though the stamp remains', async () => {
    await ensureElectronNative(options({ fetchPrebuilt: producing('first'), compile: producing('c') }));
    rmSync(join(outDir, 'better_sqlite3.node'));
    expect(await ensureElectronNative(options({ fetchPrebuilt: producing('again'), compile: producing('c') }))).toBe('prebuilt');
    expect(binary()).toBe('again');
  });
});
