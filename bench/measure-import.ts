/**
 * Profile Desk's import of one file into a store, as an `imports.start` job through the dispatcher, with the process's
 * memory watched: RSS sampled every 50 ms (the import's workers run in this process) and the
 * kernel's lifetime peak (maxRSS) at the end.
 */
import { rmSync } from 'node:fs';
import { formatNumber } from '../common/format';
import { runJob } from '../common/jobs';
import type { ImportSummary } from '../common/types';
import { log, serveChild } from './child';
import { call } from './core-call';

export interface ImportInput {
  file: string;
  dbPath: string;
  /** Delete the store first (a fresh DB per run). */
  fresh: boolean;
}

export interface ImportResult {
  seconds: number;
  summary: ImportSummary;
  users: number;
  accounts: number;
  /** RSS before the import started (tsx, core, SQLite loaded). */
  baseRss: number;
  peakRssSampled: number;
  maxRss: number;
}

export async function measureImport(input: ImportInput): Promise<ImportResult> {
  if (input.fresh) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(input.dbPath + suffix, { force: true });
  }
  const { createCore } = await import('../main/core/core');
  const core = createCore({ dbPath: input.dbPath });
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  let lastLog = 0;
  try {
    const t0 = performance.now();
    // Through the dispatcher as a job, like every host: the measured path is the one users run.
    const finished = await runJob(core, 'imports.start', { paths: [input.file] }, (p) => {
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
    peak = Math.max(peak, process.memoryUsage().rss);
    const users = await call<{ count: number }>(core, 'users.count', { filter: null });
    const accounts = await call<{ count: number }>(core, 'accounts.count', { filter: null });
    return {
      seconds,
      summary,
      users: users.count,
      accounts: accounts.count,
      baseRss,
      peakRssSampled: peak,
      // maxRSS is in kilobytes.
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    clearInterval(timer);
    await core.close();
  }
}

serveChild(measureImport);
