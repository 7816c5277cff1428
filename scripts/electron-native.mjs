#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node, which the
 * Electron main process passes to the core as `nativeBinding`.
 *
 * Why a separate copy: node_modules/better-sqlite3 must stay built for Node (tests, CLI, bench).
 * Rebuilding it in place for Electron (electron-builder install-app-deps) breaks every Node run
 * with NODE_MODULE_VERSION errors. So the package is copied to a temp dir and compiled there
 * against Electron's headers (downloaded from electronjs.org, hence network is required).
 *
 * Exit 0 when built or already built for this Electron/better-sqlite3/platform/arch; otherwise
 * one line on stderr and exit 1.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const versionOf = (pkg) => JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;

const electron = versionOf('electron');
const stamp = { electron, betterSqlite3: versionOf('better-sqlite3'), platform: process.platform, arch: process.arch };
const outDir = join(root, 'native', 'electron');
const target = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'build.json');
const logFile = join(outDir, 'build.log');
const what = `better-sqlite3 ${stamp.betterSqlite3} for Electron ${electron} (${stamp.platform}-${stamp.arch})`;

function fail(message) {
  process.stderr.write(`electron-native: ${message}\n`);
  process.exit(1);
}

if (existsSync(target) && existsSync(stampFile)) {
  const built = readFileSync(stampFile, 'utf8');
  if (built === JSON.stringify(stamp)) {
    console.log(`electron-native: ${what} is already built (${relative(root, target)})`);
    process.exit(0);
  }
}

// node-gyp's header cache (env-paths "node-gyp" cache folder): with the headers there, no network.
function headersCached() {
  const cache =
    process.env.npm_config_devdir ||
    (process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'node-gyp')
      : process.platform === 'win32'
        ? join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'node-gyp', 'Cache')
        : join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'node-gyp'));
  return existsSync(join(cache, electron, 'include', 'node', 'node.h'));
}

const DIST_URL = 'https://electronjs.org/headers';
if (!headersCached()) {
  // Fail in seconds with a clear reason rather than letting node-gyp hang or print pages of logs.
  const url = `${DIST_URL}/v${electron}/node-v${electron}-headers.tar.gz`;
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(15_000) });
    if (!res.ok) fail(`cannot build ${what}: Electron headers not available (HTTP ${res.status} from ${url})`);
  } catch (err) {
    const reason = err?.cause?.code ?? err?.name ?? String(err);
    fail(`cannot build ${what}: Electron headers cannot be downloaded from electronjs.org (${reason}); run this on a machine with network access`);
  }
}

/** Compiles in a temp copy; returns an error message, or null when built. */
function build() {
  const work = mkdtempSync(join(tmpdir(), 'profile-desk-electron-native-'));
  try {
    const source = dirname(require.resolve('better-sqlite3/package.json'));
    const copy = join(work, 'better-sqlite3');
    // Everything but the Node build output, which must not leak into the Electron build.
    cpSync(source, copy, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) });

    // npm passes its config as npm_config_* variables; nodedir (=/usr on these machines) would
    // make node-gyp compile against Node's headers instead of Electron's.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch)$/i.test(k)),
    );
    const nodeGyp = join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
    mkdirSync(outDir, { recursive: true });
    const log = openSync(logFile, 'w');
    console.log(`electron-native: building ${what} (a few minutes; log: ${relative(root, logFile)})`);
    const run = spawnSync(
      process.execPath,
      [nodeGyp, 'rebuild', '--release', `--target=${electron}`, `--arch=${process.arch}`, `--dist-url=${DIST_URL}`],
      { cwd: copy, env, stdio: ['ignore', log, log], timeout: 30 * 60_000 },
    );
    closeSync(log);
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (run.status !== 0 || !existsSync(built)) {
      return `building ${what} failed (${run.error?.message ?? `node-gyp exit ${run.status}`}); see ${relative(root, logFile)}`;
    }
    cpSync(built, target);
    writeFileSync(stampFile, JSON.stringify(stamp));
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const error = build();
if (error) fail(error);
console.log(`electron-native: built ${relative(root, target)}`);
