/**
 * Starts the import worker. Built, its code is `import-worker.js` beside the bundle (the build
 * emits it next to each host's bundle). From source (tests, tsx) it is `worker.ts`, loaded
 * through tsx's `tsImport` inside the new thread: Node 20 workers neither inherit the parent's
 * loader nor accept `--import` in their execArgv.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export function startImportWorker(workerData: unknown): Worker {
  const here = import.meta.url;
  // tsx may append a query to module URLs; the path tells source from bundle.
  if (!new URL(here).pathname.endsWith('.ts')) return new Worker(new URL('./import-worker.js', here), { workerData });
  const tsxApi = createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const entry = new URL('./worker.ts', here).href;
  const boot = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`;
  return new Worker(boot, { eval: true, workerData });
}
