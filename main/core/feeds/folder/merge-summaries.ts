/** One ImportSummary for a folder pull that imported its files one import at a time. */
import type { ImportSummary } from '../../../../common/types';
import { addCounts, emptySummary } from '../../ingest/run-import';

export function mergeSummaries(summaries: ImportSummary[]): ImportSummary {
  const merged = emptySummary([]);
  for (const s of summaries) {
    merged.files.push(...s.files);
    addCounts(merged, s);
    merged.durationMs += s.durationMs;
    merged.cancelled ||= s.cancelled;
  }
  return merged;
}
