/**
 * Starts one of the core's worker threads (ARCHITECTURE.md §6, §10). Built, a worker's code is
 * `<name>.js` beside the bundle (each host's build emits it there, flat, so this file's URL
 * finds it from any chunk). From source (tests, tsx) it is the `.ts` entry, loaded through tsx's
 * `tsImport` inside the new thread: Node 20 workers neither inherit the parent's loader nor
 * accept `--import` in their execArgv.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker entries: the bundle's file name → the source file, relative to this one. */
const ENTRIES = {
  'import-worker': './ingest/worker.ts',
  'sync-worker': './attributes/sync-worker.ts',
  'feed-worker': './feeds/feed-worker.ts',
  'id-worker': './query/id-worker.ts',
} as const;

export function startWorker(name: keyof typeof ENTRIES, options: WorkerOptions): Worker {
  const here = import.meta.url;
  // tsx may append a query to module URLs; the path tells source from bundle.
  if (!new URL(here).pathname.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, here), options);
  const tsxApi = createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const entry = new URL(ENTRIES[name], here).href;
  const boot = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`;
  return new Worker(boot, { ...options, eval: true });
}
