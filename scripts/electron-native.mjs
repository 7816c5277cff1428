#!/usr/bin/env node
/**
 * Puts better-sqlite3 built for Electron's ABI into native/electron/better_sqlite3.node, which
 * the Electron main process passes to the core as `nativeBinding` (main/electron/paths.ts) and
 * `npm run dist` packages (electron-builder.yml).
 *
 * Why a separate copy: node_modules/better-sqlite3 must stay built for Node (tests, CLI, bench).
 * Rebuilding it in place for Electron (electron-builder install-app-deps) breaks every Node run
 * with NODE_MODULE_VERSION errors. So the package is copied to a temp dir and, there:
 *  1. the prebuilt binary better-sqlite3 publishes for this Electron is downloaded
 *     (prebuild-install), so a machine with Node and nothing else can run the app;
 *  2. only when that fails, it is compiled against Electron's headers (node-gyp: Python and a
 *     C++ toolchain).
 * A stamp (native/electron/build.json) skips all of it when the binary already matches the
 * Electron and better-sqlite3 versions, platform and architecture.
 *
 * Exit 0 when the binary is in place; otherwise one line on stderr and exit 1.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BINARY, compileFromSource, fetchPrebuilt } from './electron-native-runners.mjs';

/** A failure the user can act on: its message is the one line printed. */
export class ElectronNativeError extends Error {}

const STAMP_KEYS = ['electron', 'betterSqlite3', 'platform', 'arch'];

function readStamp(stampFile) {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

/** A copy of the package without its Node build output, which must not leak into this build. */
function copyPackage(sourceDir, work) {
  const copy = join(work, 'better-sqlite3');
  const nodeBuild = join(sourceDir, 'build');
  cpSync(sourceDir, copy, { recursive: true, filter: (src) => src !== nodeBuild && !src.startsWith(nodeBuild + sep) });
  return copy;
}

/** Why there is no prebuilt binary, worded for what happened: nothing published, or no download. */
function prebuiltMissing(prebuilt) {
  return prebuilt.noPrebuilt ? `no prebuilt binary is published for it (${prebuilt.reason})` : `the prebuilt binary could not be downloaded (${prebuilt.reason})`;
}

/**
 * What to do when neither worked: without a download, the compiler can't get Electron's headers
 * either, so the network is the fix; with nothing published, only a compiler helps.
 */
function advice(prebuilt) {
  return prebuilt.noPrebuilt
    ? 'install Python 3 and a C++ toolchain (build-essential, Xcode Command Line Tools or Visual Studio Build Tools) and run again'
    : 'check the network connection (github.com and electronjs.org must be reachable) and run again';
}

/**
 * Ensures outDir holds the binary. `fetchPrebuilt` and `compile` are the runners (see
 * electron-native-runners.mjs), replaceable in tests. Resolves with how the binary was had:
 * 'cached' | 'prebuilt' | 'compiled'; rejects with an ElectronNativeError.
 */
export async function ensureElectronNative({
  electron,
  betterSqlite3,
  sourceDir,
  outDir,
  platform = process.platform,
  arch = process.arch,
  root = process.cwd(),
  fetchPrebuilt: fetchPrebuiltBinary = fetchPrebuilt,
  compile = compileFromSource,
  log = (line) => console.log(line),
}) {
  const stamp = { electron, betterSqlite3, platform, arch };
  const target = join(outDir, BINARY);
  const stampFile = join(outDir, 'build.json');
  const logFile = join(outDir, 'build.log');
  const shown = (path) => relative(root, path) || path;
  const what = `better-sqlite3 ${betterSqlite3} for Electron ${electron} (${platform}-${arch})`;

  const built = readStamp(stampFile);
  if (existsSync(target) && built && STAMP_KEYS.every((key) => built[key] === stamp[key])) {
    log(`electron-native: ${what} is already in ${shown(target)}`);
    return 'cached';
  }

  mkdirSync(outDir, { recursive: true });
  writeFileSync(logFile, '');
  const work = mkdtempSync(join(tmpdir(), 'profile-desk-electron-native-'));
  try {
    const dir = copyPackage(sourceDir, work);
    const job = { dir, sourceDir, electron, platform, arch, logFile };
    log(`electron-native: downloading the prebuilt ${what}`);
    const prebuilt = await fetchPrebuiltBinary(job);
    let source = 'prebuilt';
    if (!prebuilt.ok) {
      log(`electron-native: ${prebuiltMissing(prebuilt)}; compiling ${what} from source instead (needs Python and a C++ toolchain, a few minutes; log: ${shown(logFile)})`);
      const compiled = await compile(job);
      if (!compiled.ok) {
        throw new ElectronNativeError(
          `cannot get ${what}: ${prebuiltMissing(prebuilt)} and compiling it failed (${compiled.reason}); ${advice(prebuilt)} (log: ${shown(logFile)})`,
        );
      }
      source = 'compiled';
    }
    const binary = join(dir, 'build', 'Release', BINARY);
    if (!existsSync(binary)) throw new ElectronNativeError(`${source === 'prebuilt' ? 'the download' : 'the build'} of ${what} left no ${BINARY} (log: ${shown(logFile)})`);
    cpSync(binary, target);
    // Written last: a run killed before this point rebuilds next time.
    writeFileSync(stampFile, JSON.stringify({ ...stamp, source }));
    log(`electron-native: ${source === 'prebuilt' ? 'downloaded' : 'compiled'} ${shown(target)}`);
    return source;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The real run: this project's Electron and better-sqlite3, into native/electron/. */
async function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const require = createRequire(import.meta.url);
  const manifest = (pkg) => require.resolve(`${pkg}/package.json`);
  const versionOf = (pkg) => JSON.parse(readFileSync(manifest(pkg), 'utf8')).version;
  try {
    await ensureElectronNative({
      electron: versionOf('electron'),
      betterSqlite3: versionOf('better-sqlite3'),
      sourceDir: dirname(manifest('better-sqlite3')),
      outDir: join(root, 'native', 'electron'),
      root,
    });
  } catch (err) {
    process.stderr.write(`electron-native: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
