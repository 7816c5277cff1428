/**
 * The import's threads, one entry file (one bundle entry: `import-worker.js`):
 * - writer: owns its own DB connection, imports files one transaction each, reports progress;
 * - parser: one per file, or two on the halves of a big NDJSON file: reads and folds records
 *   into batches, whose rows are staged in scratch files (scratch.ts) by the parser itself
 *   (two parsers: one per core) or by the writer (one parser: it parses batch N+1 while the
 *   writer stages batch N).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData, type Worker } from 'node:worker_threads';
import { CancelledError, isCancelled } from '../jobs/cancelled';
import { openStore, type Db } from '../store/open';
import type { Batch, BatchReport } from './batch';
import { fileSize, importFile, type FileOutcome } from './import-file';
import { parseFile } from './parse-file';
import { ScratchStage } from './scratch';
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
  /** The scratch file the parser stages its rows in; without one, the writer stages them. */
  scratch?: string;
  nativeBinding?: string;
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
  /** A batch whose rows the parser staged. */
  | { type: 'report'; report: BatchReport; part: number }
  /** A batch for the writer to stage, as JSON: structured clone of its many small objects costs several times more. */
  | { type: 'batch'; batch: string; part: number }
  | { type: 'end' }
  | { type: 'error'; message: string; cancelled: boolean };

/** Messages a parser may run ahead of the writer: bounds memory while keeping both busy. */
const MAX_AHEAD = 2;

const port = parentPort!;
const data = workerData as WriterData | ParserData;
if (data.role === 'writer') void runWriter(data);
else void runParser(data);

/** Set to 1 by the caller to cancel; read by both threads between batches. */
function cancelRequested(flag: Int32Array): boolean {
  return Atomics.load(flag, 0) === 1;
}

async function runParser({ file, range, batchSize, cancel, scratch, nativeBinding }: ParserData): Promise<void> {
  const part = range?.start ? 1 : 0;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    inFlight--;
    wake?.();
  });
  let stage: ScratchStage | null = null;
  try {
    if (scratch) stage = new ScratchStage(scratch, { nativeBinding });
    for await (const batch of parseFile(file, { batchSize, range })) {
      if (cancelRequested(cancel)) throw new CancelledError();
      if (stage) {
        stage.add(batch);
        port.postMessage({ type: 'report', report: reportOf(batch), part } satisfies ParserMessage);
      } else port.postMessage({ type: 'batch', batch: JSON.stringify(batch), part } satisfies ParserMessage);
      if (++inFlight >= MAX_AHEAD) await new Promise<void>((r) => (wake = r));
      wake = null;
    }
    stage?.finish();
    port.postMessage({ type: 'end' } satisfies ParserMessage);
  } catch (err) {
    stage?.abandon();
    const message = err instanceof Error ? err.message : String(err);
    port.postMessage({ type: 'error', message, cancelled: isCancelled(err) } satisfies ParserMessage);
  }
}

const reportOf = ({ records, imported, excluded, skipped, bytes, accounts }: Batch): BatchReport => ({
  records,
  imported,
  excluded,
  skipped,
  bytes,
  accounts,
});

/**
 * The parser threads' batches as one async iterable of reports, in arrival order (staging
 * doesn't care about order); stages the rows of those the parser didn't stage into `stage`
 * (finished when every parser has ended), and acknowledges each batch it hands out. `bytes`
 * becomes the total over the parts.
 * Listens from the moment it is called, not from the first batch asked for: a worker's messages
 * are dropped while nobody listens.
 */
function reportsFrom(parsers: Worker[], stage: ScratchStage | null): AsyncGenerator<BatchReport> {
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
        // Its heap goes now, not after the merges: the file's end is when memory peaks.
        void parser.terminate();
        running--;
        continue;
      }
      if (m.type === 'error') throw m.cancelled ? new CancelledError() : new Error(m.message);
      parser.postMessage('ack');
      let report: BatchReport;
      if (m.type === 'batch') {
        const batch = JSON.parse(m.batch) as Batch;
        stage!.add(batch);
        report = batch;
      } else report = m.report;
      bytesOfPart[m.part] = report.bytes;
      report.bytes = bytesOfPart.reduce((a, b) => a + b, 0);
      yield report;
    }
    stage?.finish();
  })();
}

/**
 * One parser, or two on the halves of a big NDJSON file, each staging its own rows; the
 * scratch files they stage into, in `dir`; and for one parser, the writer's stage of its rows.
 */
async function startParsers(
  file: string,
  size: number,
  data: WriterData,
  dir: string,
): Promise<{ parsers: Worker[]; scratch: string[]; writerStage: ScratchStage | null }> {
  const base = { role: 'parser' as const, file, batchSize: data.batchSize, cancel: data.cancel, nativeBinding: data.nativeBinding };
  const scratch = (part: number): string => join(dir, `part-${part}.db`);
  const cut = await splitPoint(file, data.splitBytes).catch(() => null);
  if (cut === null) {
    const writerStage = new ScratchStage(scratch(0), { nativeBinding: data.nativeBinding });
    return { parsers: [startImportWorker(base satisfies ParserData)], scratch: [scratch(0)], writerStage };
  }
  return {
    parsers: [
      startImportWorker({ ...base, range: { start: 0, end: cut }, scratch: scratch(0) } satisfies ParserData),
      startImportWorker({ ...base, range: { start: cut, end: size }, scratch: scratch(1) } satisfies ParserData),
    ],
    scratch: [scratch(0), scratch(1)],
    writerStage: null,
  };
}

async function runWriter(data: WriterData): Promise<void> {
  const { dbPath, files, nativeBinding, cancel, bulk } = data;
  const cancelled = (): boolean => cancelRequested(cancel);
  const db = openStore(dbPath, { nativeBinding, skipMigrations: true });
  // A big file's commit leaves gigabytes in the WAL. Copying them into the store (the
  // checkpoint) is done here, not inside the commit: after the last file once the import has
  // reported (the profiles are readable from the WAL meanwhile), and before each next file, so
  // that the WAL holds one file at most (ARCHITECTURE.md §6).
  db.pragma('wal_autocheckpoint = 0');
  try {
    for (let fileIndex = 0; fileIndex < files.length; fileIndex++) {
      if (fileIndex > 0) checkpointQuietly(db);
      const file = files[fileIndex]!;
      if (cancelled()) {
        post({ type: 'file-failed', fileIndex, message: 'Import cancelled', cancelled: true });
        continue;
      }
      const bytes = fileSize(file);
      // Private to this user (mkdtemp: mode 0700): the scratch files hold the file's profiles.
      const dir = mkdtempSync(join(tmpdir(), 'profile-desk-import-'));
      let parsers: Worker[] = [];
      let writerStage: ScratchStage | null = null;
      let waited = false;
      try {
        let scratch: string[];
        ({ parsers, scratch, writerStage } = await startParsers(file, bytes, data, dir));
        const outcome = await importFile(db, file, bytes, reportsFrom(parsers, writerStage), scratch, {
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
        writerStage?.abandon();
        await Promise.all(parsers.map((p) => p.terminate()));
        rmSync(dir, { recursive: true, force: true });
      }
    }
    post({ type: 'done' });
  } catch (err) {
    // Per-file failures are caught above; anything here is a fault of the import itself.
    post({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  } finally {
    checkpointQuietly(db);
    db.close();
  }
}

/**
 * Copies what the WAL holds into the store without waiting on anyone: a reader's snapshot may
 * keep the newest pages in the WAL, for the next checkpoint. Failing it loses nothing.
 */
function checkpointQuietly(db: Db): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // The WAL stays valid as it is; any connection's next checkpoint copies it.
  }
}

function post(message: WriterMessage): void {
  port.postMessage(message);
}
