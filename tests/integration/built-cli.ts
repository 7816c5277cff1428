/**
 * Helpers for tests that run the BUILT CLI (`node out/cli/cli.js`), as an analyst would.
 * `ensureCliBuilt` rebuilds only the CLI bundle (a couple of seconds) when it is missing or
 * older than its sources; a lock folder keeps parallel test files from building at once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'out', 'cli', 'cli.js');
export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'rum');

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry.endsWith('.test.ts') || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isStale(): boolean {
  if (!existsSync(CLI)) return true;
  const sources = ['main', 'common', 'vite.cli.config.mts', 'scripts/vite-copy-dir.mjs', 'package.json'];
  const newest = Math.max(...sources.map((s) => newestMtime(join(ROOT, s))));
  return newest > statSync(CLI).mtimeMs;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function ensureCliBuilt(): Promise<void> {
  if (!isStale()) return;
  const lock = join(ROOT, 'out', '.cli-build.lock');
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Someone else is building; a lock older than 2 minutes is left by a crashed run.
      const info = statSync(lock, { throwIfNoEntry: false });
      if (info && Date.now() - info.mtimeMs > 120_000) rmdirSync(lock);
      await sleep(200);
    }
  }
  try {
    if (!isStale()) return;
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const r = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.cli.config.mts', '--logLevel', 'error'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`CLI build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An environment that cannot touch the developer's real profile folder. */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: '', APPDATA: join(home, 'AppData'), ...extra };
  if (!('PROFILE_DESK_DB' in extra)) delete env.PROFILE_DESK_DB;
  delete env.PROFILE_DESK_DEBUG;
  return env;
}

export function startCli(args: string[], env?: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function runCli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
