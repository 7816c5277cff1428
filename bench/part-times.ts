/**
 * Wall time of each part of the bench, printed at the end beside the 15-minute limit of the
 * full run (issue 10), so a part that grows shows up before the whole run is too long.
 */
import { fmtRatio } from './table';

export const BENCH_LIMIT_MINUTES = 15;

export interface PartTime {
  name: string;
  seconds: number;
}

const minutes = (seconds: number): string => `${(seconds / 60).toFixed(1)} min`;

/** The closing line: total, the limit with its verdict (full runs only), then each part. */
export function formatPartTimes(parts: readonly PartTime[], totalSeconds: number, env: { cores: number; node: string; fullRun: boolean }): string {
  const ratio = totalSeconds / 60 / BENCH_LIMIT_MINUTES;
  const limit = env.fullRun
    ? `${fmtRatio(ratio)} of the ${BENCH_LIMIT_MINUTES} min limit: ${ratio <= 1 ? 'OK' : 'OVER'}`
    : `a partial run; the ${BENCH_LIMIT_MINUTES} min limit is for the full run`;
  const each = parts.map((p) => `${p.name} ${minutes(p.seconds)}`).join(', ');
  const rest = totalSeconds - parts.reduce((n, p) => n + p.seconds, 0);
  const other = parts.length > 0 && rest >= 30 ? `, other (data generation, setup) ${minutes(rest)}` : '';
  return `(bench took ${minutes(totalSeconds)} on ${env.cores} cores, Node ${env.node}; ${limit})\n(parts: ${each || 'none'}${other})`;
}

/** Times parts as they run; `now` is injectable for tests. */
export function partTimes(now: () => number = () => performance.now()): {
  run<T>(name: string, fn: () => Promise<T>): Promise<T>;
  parts: PartTime[];
  totalSeconds(): number;
} {
  const t0 = now();
  const parts: PartTime[] = [];
  return {
    parts,
    async run(name, fn) {
      const t = now();
      try {
        return await fn();
      } finally {
        parts.push({ name, seconds: (now() - t) / 1000 });
      }
    },
    totalSeconds: () => (now() - t0) / 1000,
  };
}

/** Time kept for what follows the 10M import: the DuckDB peer and the profile comparison. */
export const SCALE_RESERVE_SECONDS = 90;
/** Never stop a 10M import that would still fit, but never let it run past this. */
export const SCALE_MAX_SECONDS = 600;

/**
 * The 10M import's time limit: what is left of the 15 minutes after the reserve, but at least
 * twice the floor (enough to tell OK from OVER against the 1.0× floor budget, so a slow run
 * can overshoot the 15 minutes by that much) and at most SCALE_MAX_SECONDS.
 */
export function scaleImportLimit(o: { elapsedSeconds: number; floorSeconds: number | null }): number {
  const left = BENCH_LIMIT_MINUTES * 60 - o.elapsedSeconds - SCALE_RESERVE_SECONDS;
  const judge = 2 * (o.floorSeconds ?? 60);
  return Math.round(Math.min(SCALE_MAX_SECONDS, Math.max(judge, left)));
}
