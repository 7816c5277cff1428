/**
 * Peak memory of a measured step: RSS sampled every 50 ms, and the kernel's lifetime peak
 * (maxRSS) when the step ends. Worker threads run in this process; on Linux the sample also
 * adds the RSS of child processes (an importer that forks parsers must not look lean because
 * its memory lives elsewhere). Shared pages are then counted once per process: an upper bound.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface RssFigures {
  /** RSS when sampling began (tsx, core, SQLite loaded). */
  baseRss: number;
  /** Peak of this process's RSS plus its descendants' (Linux), sampled every 50 ms. */
  peakRssSampled: number;
  maxRss: number;
}

/** Direct children of a process (all its threads' children); [] where /proc can't tell. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) for (const c of text.split(/\s+/)) out.push(Number(c));
    }
  } catch {
    // Not Linux, or the process ended between the two reads.
  }
  return out;
}

/** Resident bytes of another process (VmRSS), 0 when it is gone. */
function rssOf(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Every descendant process of `pid` (Linux; [] elsewhere). */
export function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  const stack = childrenOf(pid);
  while (stack.length > 0) {
    const child = stack.pop()!;
    out.push(child);
    stack.push(...childrenOf(child));
  }
  return out;
}

/** This process's RSS plus that of every descendant process. */
export function treeRss(): number {
  return descendantsOf(process.pid).reduce((total, pid) => total + rssOf(pid), process.memoryUsage().rss);
}

export function rssSampler(): { stop(): RssFigures; peak(): number } {
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const sample = (): void => {
    peak = Math.max(peak, treeRss());
  };
  const timer = setInterval(sample, 50);
  return {
    /** The peak so far (for progress reports). */
    peak: () => peak,
    stop() {
      clearInterval(timer);
      sample();
      // maxRSS is in kilobytes.
      return { baseRss, peakRssSampled: peak, maxRss: process.resourceUsage().maxRSS * 1024 };
    },
  };
}
