/**
 * Starts the import worker. Built, its code is `import-worker.js` beside the bundle (the build
 * emits it next to each host's bundle). From source (tests, tsx) it is `worker.ts`, loaded
 * through tsx's `tsImport` inside the new thread: Node 20 workers neither inherit the parent's
 * loader nor accept `--import` in their execArgv.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Heap caps per thread. Both threads churn through garbage (parsed events) far faster than
 * they keep anything, and V8 grows a heap generously before collecting it: the caps keep the
 * import's memory flat (ARCHITECTURE.md §9: 500 MB at 10M events). Live data stays well below.
 */
const HEAP_LIMIT_MB = { parser: 128, writer: 320 };

export function startImportWorker<T extends { role: 'parser' | 'writer' }>(workerData: T): Worker {
  const here = import.meta.url;
  const options = { workerData, resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB[workerData.role] } };
  // tsx may append a query to module URLs; the path tells source from bundle.
  if (!new URL(here).pathname.endsWith('.ts')) return new Worker(new URL('./import-worker.js', here), options);
  const tsxApi = createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const entry = new URL('./worker.ts', here).href;
  const boot = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`;
  return new Worker(boot, { ...options, eval: true });
}
