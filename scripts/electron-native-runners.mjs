/**
 * The two ways scripts/electron-native.mjs gets better-sqlite3 for Electron's ABI, each run in a
 * temp copy of the package (`dir`) and each answering `{ ok: true }` (the binary is then at
 * dir/build/Release/better_sqlite3.node) or `{ ok: false, reason }` with a short reason.
 * Everything they print goes to `logFile`.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const HEADERS_URL = 'https://electronjs.org/headers';
export const BINARY = 'better_sqlite3.node';

const require = createRequire(import.meta.url);

/**
 * The environment for the child tools. npm passes its config as npm_config_* variables and the
 * project's package.json as npm_package_*; nodedir (=/usr on some machines) would make node-gyp
 * compile against Node's headers, target/runtime/arch would override ours, and prebuild-install
 * reads npm_package_resolved as better-sqlite3's origin.
 */
export function toolEnv(base = process.env) {
  return Object.fromEntries(
    Object.entries(base).filter(
      ([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform)$/i.test(key) && !/^npm_package_/i.test(key),
    ),
  );
}

/** Runs `node script args` in `cwd`, appending its output to logFile; resolves with exit code and output. */
function runNode(script, args, { cwd, env, logFile, timeoutMs }) {
  return new Promise((resolve) => {
    appendFileSync(logFile, `$ node ${[script, ...args].join(' ')}\n`);
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      appendFileSync(logFile, chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => resolve({ status: null, output, error }));
    child.on('close', (status) => resolve({ status, output, error: null }));
  });
}

const lines = (text) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);

/**
 * prebuild-install (a dependency of better-sqlite3) downloads the binary the package publishes
 * for each Electron ABI from its GitHub release, or from $npm_config_better_sqlite3_binary_host.
 */
export async function fetchPrebuilt({ dir, sourceDir, electron, platform, arch, logFile, env = toolEnv() }) {
  let bin;
  try {
    const fromPackage = createRequire(join(sourceDir, 'package.json'));
    bin = join(dirname(fromPackage.resolve('prebuild-install/package.json')), 'bin.js');
  } catch {
    return { ok: false, reason: 'prebuild-install is not installed', noPrebuilt: false };
  }
  const args = ['--runtime', 'electron', '--target', electron, '--platform', platform, '--arch', arch, '--verbose'];
  const run = await runNode(bin, args, { cwd: dir, env, logFile, timeoutMs: 5 * 60_000 });
  if (run.status === 0 && existsSync(join(dir, 'build', 'Release', BINARY))) return { ok: true };
  return describePrebuildFailure(run);
}

/** `noPrebuilt`: the download worked but nothing is published for this Electron (vs. no network). */
export function describePrebuildFailure({ status, output, error }) {
  if (error) return { ok: false, reason: error.message, noPrebuilt: false };
  const text = lines(output);
  // Thrown before any download when prebuild-install's node-abi doesn't know this Electron yet.
  const abi = text.find((line) => /^Error: Could not detect abi/.test(line));
  if (abi) return { ok: false, reason: abi.replace(/^Error: C/, 'c').replace(/\.\s.*$/, ''), noPrebuilt: true };
  if (text.some((line) => /No prebuilt binaries found/i.test(line))) {
    return { ok: false, reason: 'none published for this Electron version and platform', noPrebuilt: true };
  }
  const warning = text.filter((line) => /prebuild-install (warn|ERR!)/.test(line)).pop();
  const reason = warning ? warning.replace(/^.*prebuild-install (warn|ERR!)\s+(install\s+)?/, '') : `prebuild-install exit ${status}`;
  return { ok: false, reason, noPrebuilt: false };
}

/** node-gyp's header cache (env-paths "node-gyp" cache folder): with the headers there, no network. */
function headersCached(electron, env) {
  const cache =
    env.npm_config_devdir ||
    (process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'node-gyp')
      : process.platform === 'win32'
        ? join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'node-gyp', 'Cache')
        : join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'node-gyp'));
  return existsSync(join(cache, electron, 'include', 'node', 'node.h'));
}

/** Null when Electron's headers can be had; else why not. Fails in seconds, not a node-gyp hang. */
async function headersProblem(electron, headersUrl, env) {
  if (headersCached(electron, env)) return null;
  const url = `${headersUrl}/v${electron}/node-v${electron}-headers.tar.gz`;
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(15_000) });
    return res.ok ? null : `Electron headers not available (HTTP ${res.status} from ${url})`;
  } catch (err) {
    return `Electron headers cannot be downloaded (${err?.cause?.code ?? err?.name ?? String(err)})`;
  }
}

/** node-gyp compiles against Electron's headers: needs Python 3 and a C++ toolchain. */
export async function compileFromSource({ dir, electron, arch, logFile, env = toolEnv(), headersUrl = HEADERS_URL }) {
  const problem = await headersProblem(electron, headersUrl, env);
  if (problem) return { ok: false, reason: problem };
  let nodeGyp;
  try {
    nodeGyp = join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
  } catch {
    return { ok: false, reason: 'node-gyp is not installed' };
  }
  const args = ['rebuild', '--release', `--target=${electron}`, `--arch=${arch}`, `--dist-url=${headersUrl}`];
  const run = await runNode(nodeGyp, args, { cwd: dir, env, logFile, timeoutMs: 30 * 60_000 });
  if (run.status === 0 && existsSync(join(dir, 'build', 'Release', BINARY))) return { ok: true };
  return { ok: false, reason: describeCompileFailure(run) };
}

/** node-gyp's own one-line cause ("Could not find any Python installation to use", "not found: make"). */
export function describeCompileFailure({ status, output, error }) {
  if (error) return error.message;
  const cause = lines(output).find((line) => /gyp ERR! stack Error: /.test(line));
  return cause ? cause.replace(/^.*gyp ERR! stack Error: /, '') : `node-gyp exit ${status}`;
}
