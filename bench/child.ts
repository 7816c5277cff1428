/**
 * Each measurement runs in its own child process: process.resourceUsage().maxRSS is a
 * lifetime peak, so an import measured after the floor or DuckDB would report their memory.
 * Children inherit the tsx loader through process.execArgv and answer over IPC.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { descendantsOf } from './rss-sampler';

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ChildOptions {
  /** Kill the child after this many seconds; the promise then rejects with a TimeLimitError. */
  limitSeconds?: number;
  /** Interim reports the child sends with `sendProgress` before its answer. */
  onProgress?: (progress: unknown) => void;
}

/** A child stopped at its time limit; `progress` is the last interim report it sent. */
export class TimeLimitError extends Error {
  constructor(readonly limitSeconds: number, readonly progress: unknown) {
    super(`stopped at the ${limitSeconds} s limit`);
  }
}

/** Runs `bench/<script>` with `input` and resolves with what it returns. */
export function runChild<I, O>(script: string, input: I, options: ChildOptions = {}): Promise<O> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(path, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let reply: Reply<O> | undefined;
    let progress: unknown = null;
    let timedOut = false;
    const timer = options.limitSeconds === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      // Its own children first (an importer may fork parsers): killed with it, none left behind.
      for (const pid of child.pid === undefined ? [] : descendantsOf(child.pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      child.kill('SIGKILL');
    }, options.limitSeconds * 1000);
    child.on('message', (m) => {
      if (m !== null && typeof m === 'object' && 'progress' in m) {
        progress = m.progress;
        options.onProgress?.(progress);
      } else {
        reply = m as Reply<O>;
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (reply?.ok) resolve(reply.value);
      else if (timedOut) reject(new TimeLimitError(options.limitSeconds!, progress));
      else reject(new Error(reply ? reply.error : `${script} exited with ${signal ?? code} before answering`));
    });
    child.send(input as object);
  });
}

/** The child side of `onProgress`: an interim report while the work goes on. */
export function sendProgress(progress: unknown): void {
  process.send?.({ progress });
}

/** The child side: receives one input, runs `fn`, sends the result and exits. */
export function serveChild<I, O>(fn: (input: I) => Promise<O>): void {
  process.once('message', (input) => {
    fn(input as I).then(
      (value) => finish({ ok: true, value }),
      (err: unknown) => finish({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
}

function finish(reply: Reply<unknown>): void {
  // Exit only once the reply is flushed; worker threads or open handles must not keep us alive.
  process.send!(reply, () => process.exit(0));
}

/** Progress lines go to stderr so stdout carries only the report. */
export const log = (message: string): void => {
  process.stderr.write(`  · ${message}\n`);
};
