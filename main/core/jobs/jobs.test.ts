import { describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '../../../common/contract';
import type { ImportSummary, JobFinished, JobProgress } from '../../../common/types';
import { createEventBus } from '../events';
import { emptySummary } from '../ingest/run-import';
import { CancelledError } from './cancelled';
import { JobManager, type JobContext } from './jobs';

/** A job body the test finishes by hand, recording whether and when it ran. */
function controlledRun(name: string, log: string[]) {
  let finish!: (summary: ImportSummary) => void;
  let ctx: JobContext | null = null;
  const run = vi.fn((c: JobContext) => {
    ctx = c;
    log.push(`start ${name}`);
    return new Promise<ImportSummary>((resolve, reject) => {
      finish = (s) => {
        log.push(`end ${name}`);
        resolve(s);
      };
      c.signal.addEventListener('abort', () => reject(new CancelledError()));
    });
  });
  return { run, finish: () => finish(emptySummary([name])), ctx: () => ctx! };
}

function setup() {
  const events = createEventBus();
  const messages: EventMessage[] = [];
  events.subscribe((m) => messages.push(m));
  const jobs = new JobManager(events);
  const progress = (jobId: string): JobProgress[] =>
    messages.filter((m) => m.event === 'job.progress').map((m) => m.data as JobProgress).filter((p) => p.jobId === jobId);
  const finished = (jobId: string): JobFinished | undefined =>
    messages.filter((m) => m.event === 'job.finished').map((m) => m.data as JobFinished).find((f) => f.jobId === jobId);
  return { jobs, progress, finished };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const states = (jobs: JobManager): Array<[string, string]> => jobs.list().map((j) => [j.label, j.state]);

describe('JobManager: import jobs take turns', () => {
  it('queues a second import until the first ends, listing and announcing it as queued, in start order', async () => {
    const { jobs, progress, finished } = setup();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => controlledRun(n, log));
    const idA = jobs.start('import', 'a', a!.run);
    const idB = jobs.start('sample', 'b', b!.run);
    const idC = jobs.start('import', 'c', c!.run);
    await tick();

    expect(states(jobs)).toEqual([['a', 'running'], ['b', 'queued'], ['c', 'queued']]);
    expect(progress(idB).map((p) => p.state)).toEqual(['queued']);
    expect(progress(idC).map((p) => p.state)).toEqual(['queued']);
    expect(progress(idA).map((p) => p.state)).toEqual(['running']);
    expect(log).toEqual(['start a']);

    a!.finish();
    await vi.waitFor(() => expect(log).toEqual(['start a', 'end a', 'start b']));
    expect(finished(idA)).toMatchObject({ ok: true });
    expect(states(jobs)).toEqual([['b', 'running'], ['c', 'queued']]);
    expect(progress(idB).map((p) => p.state)).toEqual(['queued', 'running']);

    b!.finish();
    await vi.waitFor(() => expect(log).toContain('start c'));
    c!.finish();
    await vi.waitFor(() => expect(finished(idC)).toMatchObject({ ok: true }));
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(jobs.list()).toEqual([]);
  });

  it('cancels a queued job without running it, and the line moves on', async () => {
    const { jobs, finished } = setup();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => controlledRun(n, log));
    const idA = jobs.start('import', 'a', a!.run);
    const idB = jobs.start('import', 'b', b!.run);
    const idC = jobs.start('import', 'c', c!.run);
    await tick();

    expect(jobs.cancel(idB)).toBe(true);
    await vi.waitFor(() => expect(finished(idB)).toBeDefined());
    expect(finished(idB)).toEqual({ jobId: idB, kind: 'import', ok: false, error: { code: 'cancelled', message: 'Cancelled before it started' } });
    expect(states(jobs)).toEqual([['a', 'running'], ['c', 'queued']]);

    a!.finish();
    await vi.waitFor(() => expect(log).toContain('start c'));
    c!.finish();
    await vi.waitFor(() => expect(finished(idC)).toBeDefined());
    expect(b!.run).not.toHaveBeenCalled();
    expect(log).toEqual(['start a', 'end a', 'start c', 'end c']);
    expect(finished(idA)).toMatchObject({ ok: true });
  });

  it('never runs a job cancelled before its first tick', async () => {
    const { jobs, finished } = setup();
    const a = controlledRun('a', []);
    const id = jobs.start('import', 'a', a.run);
    expect(jobs.cancel(id)).toBe(true);
    await vi.waitFor(() => expect(finished(id)).toMatchObject({ ok: false, error: { code: 'cancelled' } }));
    expect(a.run).not.toHaveBeenCalled();
  });

  it('reports a running job cancelled as "cancelled", not as a failure, and frees the turn', async () => {
    const { jobs, finished } = setup();
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((n) => controlledRun(n, log));
    const idA = jobs.start('import', 'a', a!.run);
    jobs.start('import', 'b', b!.run);
    await tick();
    jobs.cancel(idA);
    await vi.waitFor(() => expect(finished(idA)).toMatchObject({ ok: false, error: { code: 'cancelled', message: 'Import cancelled' } }));
    await vi.waitFor(() => expect(log).toEqual(['start a', 'start b']));
  });

  it('reports a failed job as import_failed and runs the next', async () => {
    const { jobs, finished } = setup();
    const idA = jobs.start('import', 'a', () => Promise.reject(new Error('disk full')));
    const b = controlledRun('b', []);
    jobs.start('import', 'b', b.run);
    await vi.waitFor(() => expect(finished(idA)).toMatchObject({ ok: false, error: { code: 'import_failed', message: 'disk full' } }));
    await vi.waitFor(() => expect(b.run).toHaveBeenCalled());
  });

  it('announces waiting for another process at once, whatever the throttle, then running again', async () => {
    const { jobs, progress } = setup();
    const a = controlledRun('a', []);
    const id = jobs.start('import', 'a', a.run);
    await tick();
    const report = (state: 'waiting' | 'running', bytes: number): void =>
      a.ctx().progress({ file: '/x/a.ndjson', bytes, totalBytes: 100, events: bytes, state });
    report('running', 1);
    report('waiting', 1);
    expect(jobs.list()[0]).toMatchObject({ state: 'waiting', file: '/x/a.ndjson' });
    report('running', 2);
    report('running', 3); // within the throttle interval: not announced
    expect(progress(id).map((p) => [p.state, p.bytes])).toEqual([
      ['running', 0],
      ['waiting', 1],
      ['running', 2],
    ]);
    expect(jobs.list()[0]).toMatchObject({ state: 'running', bytes: 3 });
    a.finish();
  });

  it('stopAll cancels queued and running jobs and waits for them', async () => {
    const { jobs, finished } = setup();
    const [a, b] = ['a', 'b'].map((n) => controlledRun(n, []));
    const idA = jobs.start('import', 'a', a!.run);
    const idB = jobs.start('import', 'b', b!.run);
    await tick();
    await jobs.stopAll();
    expect(finished(idA)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(finished(idB)).toMatchObject({ ok: false, error: { message: 'Cancelled before it started' } });
    expect(b!.run).not.toHaveBeenCalled();
    expect(jobs.list()).toEqual([]);
  });
});
