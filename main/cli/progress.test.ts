import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../common/types';
import { createProgressLine, progressText } from './progress';

const progress = (over: Partial<JobProgress> = {}): JobProgress => ({
  jobId: 'j',
  kind: 'import',
  label: 'a.ndjson',
  state: 'running',
  file: '/data/a.ndjson',
  bytes: 50,
  totalBytes: 200,
  events: 1500,
  eventsPerSec: 3000,
  etaMs: 2500,
  ...over,
});

/** A stream that records what is written to it. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = { isTTY, columns: 80, text: '', write: (s: string) => ((stream.text += s), true) };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

describe('progressText', () => {
  it('shows the file, the share read, the events, the rate and the ETA from the job event', () => {
    const thousands = new Intl.NumberFormat().format(1500);
    expect(progressText(progress())).toBe(`a.ndjson  25%  ${thousands} events  ${new Intl.NumberFormat().format(3000)} events/s  ETA 2.5 s`);
    expect(progressText(progress({ file: null, totalBytes: 0, eventsPerSec: 0, etaMs: null, events: 0 }))).toBe('a.ndjson  0 events');
  });

  it('says why nothing moves while the job waits its turn', () => {
    expect(progressText(progress({ state: 'waiting' }))).toBe('waiting for another import…');
    expect(progressText(progress({ state: 'queued' }))).toBe('queued behind another import…');
  });
});

describe('createProgressLine', () => {
  it('stays silent off a terminal unless forced, then writes plain lines at most once a second', () => {
    expect(createProgressLine(fakeStream(false), () => 0, false)).toBeNull();
    let t = 0;
    const stream = fakeStream(false);
    const line = createProgressLine(stream, () => t, true)!;
    line.update(progress());
    t = 500;
    line.update(progress({ events: 2000 }));
    expect(stream.text.split('\n').filter(Boolean)).toHaveLength(1);
    // A change of state is shown at once.
    line.update(progress({ state: 'waiting' }));
    expect(stream.text).toContain('waiting for another import…\n');
    expect(stream.text).not.toContain('\r');
  });

  it('redraws one line on a terminal and clears it', () => {
    const stream = fakeStream(true);
    const line = createProgressLine(stream, () => 0)!;
    line.update(progress({ state: 'queued' }));
    expect(stream.text).toBe('\rqueued behind another import…\x1b[K');
    line.clear();
    expect(stream.text.endsWith('\r\x1b[K')).toBe(true);
  });
});
