/**
 * The import's two threads, one entry file (one bundle entry: `import-worker.js`):
 * - writer: owns its own DB connection, imports files one transaction each, reports progress;
 * - parser: one per file, reads and folds records into batches for the writer.
 * Both cores work: the parser parses batch N+1 while the writer merges batch N.
 */
import { parentPort, workerData, type Worker } from 'node:worker_threads';
import { CancelledError, isCancelled } from '../jobs/cancelled';
import { openStore } from '../store/open';
import type { Batch } from './batch';
import { fileSize, importFile, type FileOutcome } from './import-file';
import { parseFile } from './parse-file';
import { splitPoint } from './split';
import { startImportWorker } from './worker-spec';

export interface WriterData {
  role: 'writer';
  dbPath: string;
  files: string[];
  /** Cancel flag shared with the caller: a message would wait behind the batches in the queue. */
  cancel: Int32Array;
  nativeBinding?: string;
  batchSize?: number;
  /** Forces bulk mode (tests); by default it is chosen per file. */
  bulk?: boolean;
  /** NDJSON files from this size on are parsed by two threads (tests lower it). */
  splitBytes?: number;
}
interface ParserData {
  role: 'parser';
  file: string;
  /** A part of a split NDJSON file (see split.ts); the whole file when absent. */
  range?: { start: number; end: number };
  cancel: Int32Array;
  batchSize?: number;
}

export type WriterMessage =
  | { type: 'progress'; fileIndex: number; bytes: number; records: number }
  /** Waiting for another process's transaction on the store, then writing again. */
  | { type: 'state'; fileIndex: number; state: 'waiting' | 'running' }
  | { type: 'file'; fileIndex: number; outcome: FileOutcome }
  | { type: 'file-failed'; fileIndex: number; message: string; cancelled: boolean }
  | { type: 'done' }
  | { type: 'fatal'; message: string };

type ParserMessage =
  /** The batch as JSON: structured clone of its many small objects costs several times more. */
  | { type: 'batch'; batch: string; part: number }
  | { type: 'end' }
  | { type: 'error'; message: string; cancelled: boolean };

/** Batches a parser may run ahead of the writer: bounds memory while keeping both busy. */
const MAX_AHEAD = 2;

const port = parentPort!;
const data = workerData as WriterData | ParserData;
if (data.role === 'writer') void runWriter(data);
else void runParser(data);

/** Set to 1 by the caller to cancel; read by both threads between batches. */
function cancelRequested(flag: Int32Array): boolean {
  return Atomics.load(flag, 0) === 1;
}

async function runParser({ file, range, batchSize, cancel }: ParserData): Promise<void> {
  const part = range?.start ? 1 : 0;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    inFlight--;
    wake?.();
  });
  try {
    for await (const batch of parseFile(file, { batchSize, range })) {
      if (cancelRequested(cancel)) throw new CancelledError();
      port.postMessage({ type: 'batch', batch: JSON.stringify(batch), part } satisfies ParserMessage);
      if (++inFlight >= MAX_AHEAD) await new Promise<void>((r) => (wake = r));
      wake = null;
    }
    port.postMessage({ type: 'end' } satisfies ParserMessage);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    port.postMessage({ type: 'error', message, cancelled: isCancelled(err) } satisfies ParserMessage);
  }
}

/**
 * The parser threads' batches as one async iterable, in arrival order (merging doesn't care
 * about order); acknowledges each batch it hands out. `bytes` becomes the total over the parts.
 * Listens from the moment it is called, not from the first batch asked for: a worker's messages
 * are dropped while nobody listens, and the writer may wait for the store's lock first.
 */
function batchesFrom(parsers: Worker[]): AsyncGenerator<Batch> {
  const queue: Array<{ m: ParserMessage; parser: Worker }> = [];
  let wake: (() => void) | null = null;
  for (const parser of parsers) {
    const push = (m: ParserMessage): void => {
      queue.push({ m, parser });
      wake?.();
    };
    parser.on('message', push);
    parser.on('error', (err) => push({ type: 'error', message: err.message, cancelled: false }));
  }
  return (async function* () {
    const bytesOfPart = parsers.map(() => 0);
    let running = parsers.length;
    while (running > 0) {
      if (queue.length === 0) await new Promise<void>((r) => (wake = r));
      wake = null;
      const { m, parser } = queue.shift()!;
      if (m.type === 'end') {
        running--;
        continue;
      }
      if (m.type === 'error') throw m.cancelled ? new CancelledError() : new Error(m.message);
      parser.postMessage('ack');
      const batch = JSON.parse(m.batch) as Batch;
      bytesOfPart[m.part] = batch.bytes;
      batch.bytes = bytesOfPart.reduce((a, b) => a + b, 0);
      yield batch;
    }
  })();
}

/** One parser, or two on the halves of a big NDJSON file. */
async function startParsers(file: string, size: number, data: WriterData): Promise<Worker[]> {
  const base = { role: 'parser' as const, file, batchSize: data.batchSize, cancel: data.cancel };
  const cut = await splitPoint(file, data.splitBytes).catch(() => null);
  if (cut === null) return [startImportWorker(base satisfies ParserData)];
  return [
    startImportWorker({ ...base, range: { start: 0, end: cut } } satisfies ParserData),
    startImportWorker({ ...base, range: { start: cut, end: size } } satisfies ParserData),
  ];
}

async function runWriter(data: WriterData): Promise<void> {
  const { dbPath, files, nativeBinding, cancel, bulk } = data;
  const cancelled = (): boolean => cancelRequested(cancel);
  const db = openStore(dbPath, { nativeBinding, skipMigrations: true });
  try {
    for (let fileIndex = 0; fileIndex < files.length; fileIndex++) {
      const file = files[fileIndex]!;
      if (cancelled()) {
        post({ type: 'file-failed', fileIndex, message: 'Import cancelled', cancelled: true });
        continue;
      }
      const bytes = fileSize(file);
      const parsers = await startParsers(file, bytes, data);
      let waited = false;
      try {
        const outcome = await importFile(db, file, bytes, batchesFrom(parsers), {
          cancelled,
          bulk,
          onWaiting: () => {
            waited = true;
            post({ type: 'state', fileIndex, state: 'waiting' });
          },
          onBegin: () => {
            if (waited) post({ type: 'state', fileIndex, state: 'running' });
          },
          onBatch: (t) => post({ type: 'progress', fileIndex, bytes: t.bytes, records: t.records }),
        });
        post({ type: 'file', fileIndex, outcome });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        post({ type: 'file-failed', fileIndex, message, cancelled: isCancelled(err) });
      } finally {
        await Promise.all(parsers.map((p) => p.terminate()));
      }
    }
    post({ type: 'done' });
  } catch (err) {
    // Per-file failures are caught above; anything here is a fault of the import itself.
    post({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  } finally {
    db.close();
  }
}

function post(message: WriterMessage): void {
  port.postMessage(message);
}
