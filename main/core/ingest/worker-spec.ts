/** Starts an import worker (threads.ts), parser or writer, with its heap cap. */
import { startWorker } from '../threads';

/**
 * Heap caps per thread. Both threads churn through garbage (parsed events) far faster than
 * they keep anything, and V8 grows a heap generously before collecting it: the caps keep the
 * import's memory flat (ARCHITECTURE.md §9: 500 MB at 10M events). Live data stays well below.
 */
const HEAP_LIMIT_MB = { parser: 128, writer: 320 };

export function startImportWorker<T extends { role: 'parser' | 'writer' }>(workerData: T) {
  return startWorker('import-worker', { workerData, resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB[workerData.role] } });
}
