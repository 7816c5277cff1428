/** One ImportSummary for a folder pull that imported its files one import at a time. */
import type { ImportSummary } from '../../../../common/types';
import { emptySummary } from '../../ingest/run-import';

/** The most skipped records a summary quotes (as one import does). */
const MAX_ERRORS = 20;

export function mergeSummaries(summaries: ImportSummary[]): ImportSummary {
  const merged = emptySummary([]);
  for (const s of summaries) {
    merged.files.push(...s.files);
    merged.records += s.records;
    merged.imported += s.imported;
    merged.skipped += s.skipped;
    merged.excluded += s.excluded;
    for (const [reason, n] of Object.entries(s.skippedByReason)) {
      merged.skippedByReason[reason] = (merged.skippedByReason[reason] ?? 0) + n;
    }
    merged.errors.push(...s.errors.slice(0, Math.max(0, MAX_ERRORS - merged.errors.length)));
    merged.users.new += s.users.new;
    merged.users.updated += s.users.updated;
    merged.accounts.new += s.accounts.new;
    merged.accounts.updated += s.accounts.updated;
    merged.durationMs += s.durationMs;
    merged.cancelled ||= s.cancelled;
  }
  return merged;
}
