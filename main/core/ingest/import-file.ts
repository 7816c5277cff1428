/**
 * Applies one file's batches in one transaction: a crash, an error or a cancel leaves the
 * store exactly as before the file.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FileSummary, SkippedRecord } from '../../../common/types';
import { CancelledError } from '../jobs/cancelled';
import type { Db } from '../store/open';
import { smallSortRuns } from '../store/sort-runs';
import { beginWrite } from '../store/write-lock';
import type { Batch } from './batch';
import { enterBulkMode, worthBulkMode } from './bulk-indexes';
import { reasonCategory } from './parse-file';
import { MergeEffect, StoreWriter } from './writer';

export const MAX_REPORTED_ERRORS = 20;

export interface FileOutcome {
  summary: FileSummary;
  skippedByReason: Record<string, number>;
  /** The first MAX_REPORTED_ERRORS skipped records. */
  errors: SkippedRecord[];
  newUsers: number;
  updatedUsers: number;
  newAccounts: number;
  updatedAccounts: number;
}

/** The file's size in bytes, 0 when it can't be read (the reader then reports why). */
export function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export interface ImportHooks {
  /** Called after each applied batch with the running totals. */
  onBatch?: (totals: { bytes: number; records: number }) => void;
  /** Checked between batches, and while waiting for the store's write lock. */
  cancelled?: () => boolean;
  /** Another connection (another process's import) holds the write lock: this one waits. */
  onWaiting?: () => void;
  /** The write lock is taken: the file's transaction has begun. */
  onBegin?: () => void;
  /** Forces bulk mode on or off (default: when the file is big next to the store). */
  bulk?: boolean;
}

export async function importFile(
  db: Db,
  path: string,
  bytes: number,
  batches: AsyncIterable<Batch>,
  hooks: ImportHooks = {},
): Promise<FileOutcome> {
  const writer = new StoreWriter(db);
  const effect = new MergeEffect();
  const summary: FileSummary = { file: path, bytes, records: 0, imported: 0, skipped: 0, excluded: 0, status: 'imported' };
  const skippedByReason: Record<string, number> = {};
  const errors: SkippedRecord[] = [];

  await beginWrite(db, { cancelled: hooks.cancelled, onWaiting: hooks.onWaiting });
  hooks.onBegin?.();
  try {
    const rebuild = (hooks.bulk ?? worthBulkMode(db, bytes)) ? enterBulkMode(db) : null;
    for await (const batch of batches) {
      if (hooks.cancelled?.()) throw new CancelledError();
      writer.apply(batch, effect);
      summary.records += batch.records;
      summary.imported += batch.imported;
      summary.excluded += batch.excluded;
      summary.skipped += batch.skipped.length;
      for (const s of batch.skipped) {
        const category = reasonCategory(s.reason);
        skippedByReason[category] = (skippedByReason[category] ?? 0) + 1;
        if (errors.length < MAX_REPORTED_ERRORS) errors.push(s);
      }
      hooks.onBatch?.({ bytes: batch.bytes, records: summary.records });
    }
    if (hooks.cancelled?.()) throw new CancelledError();
    if (rebuild) {
      // Bulk mode's merged tables carry no sort indexes: everything here is written in order.
      const restoreSortRuns = smallSortRuns(db);
      try {
        writer.flush(effect);
        rebuild();
      } finally {
        restoreSortRuns();
      }
    } else writer.flush(effect);
    if (summary.records > 0 && summary.imported + summary.excluded === 0) {
      const first = errors[0];
      throw new Error(
        `${basename(path)} holds no RUM events: all ${summary.records} records were invalid` +
          (first ? ` (line ${first.line}: ${first.reason})` : ''),
      );
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return {
    summary,
    skippedByReason,
    errors,
    newUsers: effect.newUsers,
    updatedUsers: effect.updatedUsers,
    newAccounts: effect.newAccounts.size,
    updatedAccounts: effect.updatedAccounts,
  };
}
