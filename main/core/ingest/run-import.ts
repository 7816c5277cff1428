/**
 * Runs an import on the worker threads and assembles the summary on the calling thread, which
 * stays free to serve reads of the store meanwhile.
 */
import type { ImportSummary } from '../../../common/types';
import type { WriterData, WriterMessage } from './worker';
import { fileSize, MAX_REPORTED_ERRORS, type FileOutcome } from './import-file';
import { startImportWorker } from './worker-spec';

export interface ImportProgress {
  file: string;
  /** Bytes read over all files so far, and in all. */
  bytes: number;
  totalBytes: number;
  /** Records read so far. */
  events: number;
  /**
   * 'waiting' while another process's import holds the store's write lock (this one resumes
   * when that transaction ends), else 'running'.
   */
  state: 'waiting' | 'running';
}

export interface RunImportOptions {
  dbPath: string;
  files: string[];
  nativeBinding?: string;
  batchSize?: number;
  /** Forces bulk index mode on or off (tests); chosen per file by default. */
  bulk?: boolean;
  /** NDJSON files from this size on are parsed by two threads (tests lower it). */
  splitBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
}

export function emptySummary(files: string[]): ImportSummary {
  return {
    files: files.map((file) => ({ file, bytes: 0, records: 0, imported: 0, skipped: 0, excluded: 0, status: 'cancelled' })),
    records: 0,
    imported: 0,
    skipped: 0,
    skippedByReason: {},
    excluded: 0,
    errors: [],
    users: { new: 0, updated: 0 },
    accounts: { new: 0, updated: 0 },
    durationMs: 0,
    cancelled: false,
  };
}

/**
 * Writer threads that have reported their import and are still checkpointing it (worker.ts).
 * Closing the core waits for them, so that nothing of an import outlives it.
 */
const settling = new Set<Promise<unknown>>();

/** Resolves once every import's writer thread has exited. */
export async function importsSettled(): Promise<void> {
  await Promise.all(settling);
}

export function runImport(options: RunImportOptions): Promise<ImportSummary> {
  const now = options.now ?? Date.now;
  const started = now();
  const { files } = options;
  const sizes = files.map(fileSize);
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const doneBytes = (fileIndex: number): number => sizes.slice(0, fileIndex).reduce((a, b) => a + b, 0);
  const summary = emptySummary(files);
  let eventsBefore = 0;
  let last: ImportProgress = { file: files[0] ?? '', bytes: 0, totalBytes, events: 0, state: 'running' };
  const report = (fileIndex: number, change: Partial<ImportProgress>): void => {
    last = { ...last, file: files[fileIndex]!, ...change };
    options.onProgress?.(last);
  };

  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  const worker = startImportWorker({
    role: 'writer',
    cancel: cancelFlag,
    dbPath: options.dbPath,
    files,
    nativeBinding: options.nativeBinding,
    batchSize: options.batchSize,
    bulk: options.bulk,
    splitBytes: options.splitBytes,
  } satisfies WriterData);
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  settling.add(exited);
  void exited.then(() => settling.delete(exited));
  const cancel = (): void => {
    Atomics.store(cancelFlag, 0, 1);
  };
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });

  return new Promise<ImportSummary>((resolve, reject) => {
    worker.on('message', (m: WriterMessage) => {
      switch (m.type) {
        case 'progress':
          report(m.fileIndex, { bytes: doneBytes(m.fileIndex) + m.bytes, events: eventsBefore + m.records });
          break;
        case 'state':
          report(m.fileIndex, { state: m.state });
          break;
        case 'file':
          eventsBefore += m.outcome.summary.records;
          addFile(summary, m.fileIndex, m.outcome);
          break;
        case 'file-failed':
          summary.files[m.fileIndex] = {
            ...summary.files[m.fileIndex]!,
            bytes: sizes[m.fileIndex]!,
            status: m.cancelled ? 'cancelled' : 'failed',
            ...(m.cancelled ? {} : { error: m.message }),
          };
          if (m.cancelled) summary.cancelled = true;
          break;
        case 'fatal':
          options.signal?.removeEventListener('abort', cancel);
          reject(new Error(`Import failed: ${m.message}`));
          void worker.terminate();
          break;
        case 'done':
          summary.durationMs = now() - started;
          options.signal?.removeEventListener('abort', cancel);
          // The writer checkpoints, then exits by itself (importsSettled).
          resolve(summary);
          break;
      }
    });
    worker.on('error', (err) => {
      options.signal?.removeEventListener('abort', cancel);
      reject(err);
    });
  });
}

function addFile(summary: ImportSummary, fileIndex: number, outcome: FileOutcome): void {
  summary.files[fileIndex] = outcome.summary;
  addCounts(summary, {
    ...outcome.summary,
    skippedByReason: outcome.skippedByReason,
    errors: outcome.errors,
    users: { new: outcome.newUsers, updated: outcome.updatedUsers },
    accounts: { new: outcome.newAccounts, updated: outcome.updatedAccounts },
  });
}

type Counts = Pick<ImportSummary, 'records' | 'imported' | 'skipped' | 'excluded' | 'skippedByReason' | 'errors' | 'users' | 'accounts'>;

/** Adds a part's counts (a file's, or another import's) to a summary, quoting at most MAX_REPORTED_ERRORS skipped records. */
export function addCounts(summary: ImportSummary, part: Counts): void {
  summary.records += part.records;
  summary.imported += part.imported;
  summary.skipped += part.skipped;
  summary.excluded += part.excluded;
  for (const [reason, n] of Object.entries(part.skippedByReason)) {
    summary.skippedByReason[reason] = (summary.skippedByReason[reason] ?? 0) + n;
  }
  summary.errors.push(...part.errors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - summary.errors.length)));
  summary.users.new += part.users.new;
  summary.users.updated += part.users.updated;
  summary.accounts.new += part.accounts.new;
  summary.accounts.updated += part.accounts.updated;
}
