/**
 * The live progress line of `import`, on stderr. On a terminal it redraws one line; elsewhere
 * (a pipe, a log file) it stays silent unless asked with `--progress`, and then writes plain
 * lines, at most one a second, instead of carriage-return garbage.
 */
import { basename } from 'node:path';
import { progressRates, type ImportProgress } from '../core/types';
import { count, duration } from './format';

export interface ProgressLine {
  update(progress: ImportProgress): void;
  clear(): void;
}

export function progressText(p: ImportProgress, elapsedMs: number): string {
  const { eventsPerSec, etaMs } = progressRates(p, elapsedMs);
  const parts = [basename(p.file)];
  if (p.totalBytes > 0) parts.push(`${Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100))}%`);
  parts.push(`${count(p.events)} events`);
  if (eventsPerSec > 0) parts.push(`${count(eventsPerSec)} events/s`);
  if (etaMs !== null) parts.push(`ETA ${etaMs < 1000 ? '<1 s' : duration(etaMs)}`);
  return parts.join('  ');
}

export function createProgressLine(
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
  forced = false,
): ProgressLine | null {
  if (!stream.isTTY) return forced ? plainLines(stream, now) : null;
  const started = now();
  let shown = false;
  let lastDraw = 0;
  return {
    update(progress) {
      const t = now();
      if (t - lastDraw < 100) return; // ≤ 10 redraws/s: a terminal is slow to repaint
      lastDraw = t;
      const width = Math.max(20, (stream.columns || 80) - 1); // 0 when the size is unknown
      // \r returns to the line start, ESC[K clears what a longer previous line left behind.
      stream.write(`\r${progressText(progress, t - started).slice(0, width)}\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

function plainLines(stream: NodeJS.WriteStream, now: () => number): ProgressLine {
  const started = now();
  let lastLine = -Infinity;
  return {
    update(progress) {
      const t = now();
      if (t - lastLine < 1000) return;
      lastLine = t;
      stream.write(`${progressText(progress, t - started)}\n`);
    },
    clear() {},
  };
}
