/**
 * `profile-desk serve`: the browser host. Opens the core, serves the built renderer and the API
 * on 127.0.0.1, prints the URL (with the per-launch token) as the first line on stdout, and
 * shuts down cleanly on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from './core/core';
import { startServer, type RunningServer } from './serve/server';
import { createDownloadStore } from './serve/downloads';
import { createUploadStore } from './serve/uploads';

/** How `serve --max-upload` reads its size (the CLI reaches the browser host only through here). */
export { parseSize } from './serve/size';

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  dbPath: string;
  /** The built renderer; defaults to out/renderer beside this bundle (out/cli). */
  staticDir?: string;
  /** Largest single upload; 20 GB by default (`serve --max-upload`). */
  maxUploadBytes?: number;
}

export interface ServeHandle extends RunningServer {
  /** Closes the server and the core (what SIGINT/SIGTERM do). */
  stop(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<ServeHandle> {
  const staticDir = options.staticDir ?? fileURLToPath(new URL('../renderer/', import.meta.url));
  // Removes upload folders a killed host left behind, then makes this one's.
  const uploads = await createUploadStore({ maxBytes: options.maxUploadBytes });
  const downloads = await createDownloadStore();
  // Upload ids are the only names imports.start takes here, and downloads the only export
  // targets: a web page never names host files.
  let core: Core;
  try {
    // Scheduled source syncs run while `serve` is open, as in the app.
    core = createCore({ dbPath: options.dbPath, importSources: uploads, exportTargets: downloads, scheduleSyncs: true });
  } catch (err) {
    await uploads.dispose();
    await downloads.dispose();
    throw err;
  }
  let server: RunningServer;
  try {
    server = await startServer({ core, uploads, downloads, port: options.port, staticDir });
  } catch (err) {
    await core.close();
    await uploads.dispose();
    await downloads.dispose();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${options.port} is already in use (try --port 0 for a free one)`);
    }
    throw err;
  }

  // Tools (and the e2e tests) read the first stdout line to find the URL: keep it alone there.
  process.stdout.write(`${server.url}\n`);
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write(`The renderer is not built (${staticDir}); run \`npm run build\`. The API still works.\n`);
  }
  process.stderr.write(`Profile Desk on ${options.dbPath} — open the URL above. Ctrl-C stops.\n`);

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= server.close().finally(() => core.close());
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting now.\n`);
      process.exit(1);
    }
    process.stderr.write(`${signal}: shutting down…\n`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  return { ...server, stop };
}
