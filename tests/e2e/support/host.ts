/**
 * Starts the browser host (`profile-desk serve`) on a fresh database and reads its URL from the
 * first stdout line, as a user would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
export const CLI = join(REPO_ROOT, 'out', 'cli', 'cli.js');

export interface Host {
  /** The URL printed by the host, with `#token=…`. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  dbPath: string;
  /** The host's stderr so far (for failure messages). */
  log: () => string;
  stop: () => Promise<void>;
}

export async function startHost(dataDir: string): Promise<Host> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const dbPath = join(dataDir, 'profiles.db');
  const child = spawn(process.execPath, [CLI, '--db', dbPath, 'serve', '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host printed no URL in 20 s.\n${stderr}`)), 20_000);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolveUrl(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The host exited (${code}) before printing its URL.\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  const token = /token=([^&]+)/.exec(parsed.hash)?.[1];
  if (!token) throw new Error(`No token in the host URL: ${url}`);

  return {
    url,
    origin: parsed.origin,
    token: decodeURIComponent(token),
    dataDir,
    dbPath,
    log: () => stderr,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
