/**
 * The import's two threads, one entry file (one bundle entry: `import-worker.js`):
 * - writer: owns its own DB connection, imports files one transaction each, reports progress;
 * - parser: one per file, reads and folds records into batches for the writer.
 * Both cores work: the parser parses batch N+1 while the writer merges batch N.
 */
import { parentPort, workerData, type Worker } from 'node:worker_threads';
import { statSync } from 'node:fs';
import { openStore } from '../store/open';
import type { Batch } from './batch';
import { importFile, type FileOutcome } from './import-file';
import { parseFile } from './parse-file';
import { startImportWorker } from './worker-spec';

export interface WriterData {
  role: 'writer';
  dbPath: string;
  files: string[];
  nativeBinding?: string;
  batchSize?: number;
}
interface ParserData {
  role: 'parser';
  file: string;
  batchSize?: number;
}

export type WriterMessage =
  | { type: 'progress'; fileIndex: number; bytes: number; records: number }
  | { type: 'file'; fileIndex: number; outcome: FileOutcome }
  | { type: 'file-failed'; fileIndex: number; message: string; cancelled: boolean }
  | { type: 'done' };

type ParserMessage =
  | { type: 'batch'; batch: Batch }
  | { type: 'end' }
  | { type: 'error'; message: string; cancelled: boolean };

/** Batches a parser may run ahead of the writer: bounds memory while keeping both busy. */
const MAX_AHEAD = 2;

const port = parentPort!;
const data = workerData as WriterData | ParserData;
if (data.role === 'writer') void runWriter(data);
else void runParser(data);

async function runParser({ file, batchSize }: ParserData): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    inFlight--;
    wake?.();
  });
  try {
    for await (const batch of parseFile(file, { batchSize })) {
      port.postMessage({ type: 'batch', batch } satisfies ParserMessage);
      if (++inFlight >= MAX_AHEAD) await new Promise<void>((r) => (wake = r));
      wake = null;
    }
    port.postMessage({ type: 'end' } satisfies ParserMessage);
  } catch (err) {
    const e = err as Error;
    port.postMessage({ type: 'error', message: e.message, cancelled: e.name === 'AbortError' } satisfies ParserMessage);
  }
}

/** The parser thread's batches as an async iterable; acknowledges each one it hands out. */
async function* batchesFrom(parser: Worker): AsyncGenerator<Batch> {
  const queue: ParserMessage[] = [];
  let wake: (() => void) | null = null;
  const push = (m: ParserMessage): void => {
    queue.push(m);
    wake?.();
  };
  parser.on('message', push);
  parser.on('error', (err) => push({ type: 'error', message: err.message, cancelled: false }));
  for (;;) {
    if (queue.length === 0) await new Promise<void>((r) => (wake = r));
    wake = null;
    const m = queue.shift()!;
    if (m.type === 'end') return;
    if (m.type === 'error') throw Object.assign(new Error(m.message), { name: m.cancelled ? 'AbortError' : 'Error' });
    parser.postMessage('ack');
    yield m.batch;
  }
}

async function runWriter({ dbPath, files, nativeBinding, batchSize }: WriterData): Promise<void> {
  let cancelled = false;
  port.on('message', (m: { type: string }) => {
    if (m.type === 'cancel') cancelled = true;
  });
  const db = openStore(dbPath, { nativeBinding, skipMigrations: true });
  try {
    for (let fileIndex = 0; fileIndex < files.length; fileIndex++) {
      const file = files[fileIndex]!;
      if (cancelled) {
        post({ type: 'file-failed', fileIndex, message: 'Import cancelled', cancelled: true });
        continue;
      }
      const parser = startImportWorker({ role: 'parser', file, batchSize } satisfies ParserData);
      try {
        const bytes = sizeOf(file);
        const outcome = await importFile(db, file, bytes, batchesFrom(parser), {
          cancelled: () => cancelled,
          onBatch: (t) => post({ type: 'progress', fileIndex, bytes: t.bytes, records: t.records }),
        });
        post({ type: 'file', fileIndex, outcome });
      } catch (err) {
        const e = err as Error;
        post({ type: 'file-failed', fileIndex, message: e.message, cancelled: e.name === 'AbortError' });
      } finally {
        await parser.terminate();
      }
    }
  } finally {
    db.close();
    post({ type: 'done' });
  }
}

function post(message: WriterMessage): void {
  port.postMessage(message);
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
