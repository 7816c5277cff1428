/**
 * Profile Desk's import of one file into a store, as an `imports.start` job through the dispatcher, with the process's
 * memory watched (rss-sampler.ts).
 */
import { rmSync } from 'node:fs';
import { formatNumber } from '../common/format';
import { runJob } from '../common/jobs';
import type { ImportSummary } from '../common/types';
import { log, sendProgress, serveChild } from './child';
import { call } from './core-call';
import { rssSampler, type RssFigures } from './rss-sampler';

export interface ImportInput {
  file: string;
  dbPath: string;
  /** Delete the store first (a fresh DB per run). */
  fresh: boolean;
}

/** What the parent knows of an import it had to stop at its time limit. */
export interface ImportProgress {
  seconds: number;
  events: number;
  bytes: number;
  totalBytes: number;
  peakRss: number;
}

export interface ImportResult extends RssFigures {
  seconds: number;
  summary: ImportSummary;
  users: number;
  accounts: number;
}

export async function measureImport(input: ImportInput): Promise<ImportResult> {
  if (input.fresh) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(input.dbPath + suffix, { force: true });
  }
  const { createCore } = await import('../main/core/core');
  const core = createCore({ dbPath: input.dbPath });
  const rss = rssSampler();
  let lastLog = 0;
  const t0 = performance.now();
  let latest = { events: 0, bytes: 0, totalBytes: 0 };
  // Kept by the parent: if it stops a slow import, it still reports how far it got and the
  // memory so far (sent on a timer: the job's own progress reports may be sparse).
  const report = setInterval(() => sendProgress({ seconds: (performance.now() - t0) / 1000, ...latest, peakRss: rss.peak() } satisfies ImportProgress), 1000);
  try {
    // Through the dispatcher as a job, like every host: the measured path is the one users run.
    const finished = await runJob(core, 'imports.start', { paths: [input.file] }, (p) => {
      latest = { events: p.events, bytes: p.bytes, totalBytes: p.totalBytes };
      const now = performance.now();
      if (now - lastLog < 15_000) return;
      lastLog = now;
      log(`import ${Math.round((100 * p.bytes) / Math.max(1, p.totalBytes))}% (${formatNumber(p.events)} records)`);
    });
    if (!finished.ok) throw new Error(`import failed: ${finished.error.message}`);
    const summary = finished.result;
    const seconds = (performance.now() - t0) / 1000;
    // A failed import must not pass for a fast one (nor be cached as a store).
    const failed = summary.files.find((f) => f.status !== 'imported');
    if (failed) throw new Error(`import ${failed.status}: ${failed.error ?? 'no error message'}`);
    if (summary.imported === 0) throw new Error('import finished but imported no record');
    const memory = rss.stop();
    const users = await call<{ count: number }>(core, 'users.count', { filter: null });
    const accounts = await call<{ count: number }>(core, 'accounts.count', { filter: null });
    return {
      seconds,
      summary,
      users: users.count,
      accounts: accounts.count,
      ...memory,
    };
  } finally {
    clearInterval(report);
    rss.stop();
    await core.close();
  }
}

serveChild(measureImport);
