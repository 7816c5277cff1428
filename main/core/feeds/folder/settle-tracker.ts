/**
 * When a file dropped into a watched folder is completely written: its size and mtime have not
 * changed for `settleMs` across the watcher's looks at it. A writer copying a big file changes
 * both as it goes; one that pauses longer than that should write to `name.part` and rename.
 */
import { sameVersion, type FolderEntry } from './scan';

interface Observation {
  bytes: number;
  mtimeMs: number;
  /** When this version was first seen. */
  since: number;
}

export interface SettleResult {
  /** Versions unchanged for `settleMs`. */
  ready: FolderEntry[];
  /** When the earliest unsettled file could be ready; null when none is waiting. */
  nextCheckAt: number | null;
}

export class SettleTracker {
  private readonly observed = new Map<string, Observation>();

  constructor(private readonly settleMs: number) {}

  /** Takes a look at the candidates (files not yet imported); forgets files no longer there. */
  observe(entries: FolderEntry[], now: number): SettleResult {
    const present = new Set<string>();
    const ready: FolderEntry[] = [];
    let nextCheckAt: number | null = null;
    for (const entry of entries) {
      present.add(entry.name);
      const before = this.observed.get(entry.name);
      const since = before && sameVersion(before, entry) ? before.since : now;
      this.observed.set(entry.name, { bytes: entry.bytes, mtimeMs: entry.mtimeMs, since });
      const readyAt = since + this.settleMs;
      // A version first seen now is never ready at once: it may be mid-write.
      if (since < now && readyAt <= now) ready.push(entry);
      else nextCheckAt = nextCheckAt === null ? readyAt : Math.min(nextCheckAt, readyAt);
    }
    for (const name of this.observed.keys()) if (!present.has(name)) this.observed.delete(name);
    return { ready, nextCheckAt };
  }
}
