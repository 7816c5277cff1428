/**
 * Peak memory of a measured step: RSS sampled every 50 ms (a step's worker threads run in
 * this process), and the kernel's lifetime peak (maxRSS) when the step ends.
 */
export interface RssFigures {
  /** RSS when sampling began (tsx, core, SQLite loaded). */
  baseRss: number;
  peakRssSampled: number;
  maxRss: number;
}

export function rssSampler(): { stop(): RssFigures } {
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      // maxRSS is in kilobytes.
      return { baseRss, peakRssSampled: peak, maxRss: process.resourceUsage().maxRSS * 1024 };
    },
  };
}
