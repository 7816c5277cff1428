/**
 * Applies one file in one transaction: a crash, an error or a cancel leaves the store exactly
 * as before the file. Its rows are staged in scratch files while it is read (scratch.ts), so
 * the transaction begins once it is read: another import holds the store meanwhile.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FileSummary, SkippedRecord } from '../../../common/types';
import { CancelledError } from '../jobs/cancelled';
import type { Db } from '../store/open';
import { smallSortRuns } from '../store/sort-runs';
import { beginWrite } from '../store/write-lock';
import type { BatchReport } from './batch';
import { enterBulkMode, worthBulkMode } from './bulk-indexes';
import { reasonCategory } from './parse-file';
import { PendingRows } from './pending-rows';
import { ACCOUNT_LAYOUT } from './rows';
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
  /** Called after each batch read with the running totals. */
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

/**
 * Imports the file whose batches `reports` tells of, their rows staged in the `scratch` files:
 * complete once `reports` ends.
 */
export async function importFile(
  db: Db,
  path: string,
  bytes: number,
  reports: AsyncIterable<BatchReport>,
  scratch: string[],
  hooks: ImportHooks = {},
): Promise<FileOutcome> {
  const effect = new MergeEffect();
  const summary: FileSummary = { file: path, bytes, records: 0, imported: 0, skipped: 0, excluded: 0, status: 'imported' };
  const skippedByReason: Record<string, number> = {};
  const errors: SkippedRecord[] = [];
  // Every account of the file, folded: they are few, and written before the links that name them.
  const accounts = new PendingRows(ACCOUNT_LAYOUT, Infinity);

  for await (const batch of reports) {
    if (hooks.cancelled?.()) throw new CancelledError();
    accounts.add(batch.accounts);
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
  if (summary.records > 0 && summary.imported + summary.excluded === 0) {
    const first = errors[0];
    throw new Error(
      `${basename(path)} holds no RUM events: all ${summary.records} records were invalid` +
        (first ? ` (line ${first.line}: ${first.reason})` : ''),
    );
  }

  const writer = new StoreWriter(db);
  // Attached before the transaction: SQLite attaches nothing inside one.
  const schemas = scratch.map((file, i) => {
    db.prepare(`ATTACH DATABASE ? AS scratch_${i}`).run(file);
    return `scratch_${i}`;
  });
  try {
    await beginWrite(db, { cancelled: hooks.cancelled, onWaiting: hooks.onWaiting });
    hooks.onBegin?.();
    try {
      const rebuild = (hooks.bulk ?? worthBulkMode(db, bytes)) ? enterBulkMode(db) : null;
      accounts.drain((row) => writer.writeAccount(row, effect));
      for (const schema of schemas) writer.addScratch(schema);
      // Bulk mode's merged tables carry no sort indexes: everything here is written in order.
      const restoreSortRuns = rebuild ? smallSortRuns(db) : () => {};
      try {
        writer.flush(effect);
        rebuild?.();
      } finally {
        restoreSortRuns();
      }
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    for (const schema of schemas) db.exec(`DETACH DATABASE ${schema}`);
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
