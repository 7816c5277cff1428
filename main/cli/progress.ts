/**
 * The live progress line of `import`, on stderr. On a terminal it redraws one line; elsewhere
 * (a pipe, a log file) it stays silent unless asked with `--progress`, and then writes plain
 * lines, at most one a second, instead of carriage-return garbage.
 */
import { basename, formatDuration, formatNumber } from '../../common/format';
import type { JobProgress } from '../../common/types';

export interface ProgressLine {
  update(progress: JobProgress): void;
  clear(): void;
}

/** What an import job is doing, from its `job.progress` event (rates computed by the core). */
export function progressText(p: JobProgress): string {
  // Nothing moves while the job waits its turn: say why instead of a frozen 0%.
  if (p.state === 'queued') return 'queued behind another import…';
  if (p.state === 'waiting') return 'waiting for another import…';
  const parts = [p.file === null ? p.label : basename(p.file)];
  if (p.totalBytes > 0) parts.push(`${Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100))}%`);
  parts.push(`${formatNumber(p.events)} events`);
  if (p.eventsPerSec > 0) parts.push(`${formatNumber(p.eventsPerSec)} events/s`);
  if (p.etaMs !== null) parts.push(`ETA ${p.etaMs < 1000 ? '<1 s' : formatDuration(p.etaMs)}`);
  return parts.join('  ');
}

export function createProgressLine(
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
  forced = false,
  /** What a progress event says (an import's by default; `export` passes its own). */
  text: (progress: JobProgress) => string = progressText,
): ProgressLine | null {
  if (!stream.isTTY) return forced ? plainLines(stream, now, text) : null;
  let shown = false;
  let lastDraw = -Infinity;
  let lastState: JobProgress['state'] | undefined;
  return {
    update(progress) {
      const t = now();
      // ≤ 10 redraws/s (a terminal is slow to repaint), but a change of state shows at once.
      if (t - lastDraw < 100 && progress.state === lastState) return;
      lastDraw = t;
      lastState = progress.state;
      const width = Math.max(20, (stream.columns || 80) - 1); // 0 when the size is unknown
      // \r returns to the line start, ESC[K clears what a longer previous line left behind.
      stream.write(`\r${text(progress).slice(0, width)}\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

function plainLines(stream: NodeJS.WriteStream, now: () => number, text: (progress: JobProgress) => string): ProgressLine {
  let lastLine = -Infinity;
  let lastState: JobProgress['state'] | undefined;
  return {
    update(progress) {
      const t = now();
      if (t - lastLine < 1000 && progress.state === lastState) return;
      lastLine = t;
      lastState = progress.state;
      stream.write(`${text(progress)}\n`);
    },
    clear() {},
  };
}
