import { describe, expect, it } from 'vitest';
import type { EventMessage, MethodInput } from './contract';
import { callAndFollow, JobStartError, runJob, startJob, type JobHost } from './jobs';
import type { JobFinished, JobProgress, Result } from './types';

const SUMMARY = { files: [], records: 0, imported: 0, skipped: 0, skippedByReason: {}, excluded: 0, errors: [], users: { new: 0, updated: 0 }, accounts: { new: 0, updated: 0 }, durationMs: 1, cancelled: false };
const progress = (jobId: string, events: number): JobProgress => ({
  jobId, kind: 'import', label: 'a', state: 'running', file: 'a', bytes: 0, totalBytes: 0, events, eventsPerSec: 0, etaMs: null,
});

/** A host whose dispatcher answers from a script, with an event bus the test drives. */
function fakeHost(answer: (method: string, input: unknown) => Result<unknown>, onStart?: (emit: (m: EventMessage) => void) => void) {
  const listeners = new Set<(m: EventMessage) => void>();
  const emit = (m: EventMessage) => listeners.forEach((l) => l(m));
  const calls: Array<[string, unknown]> = [];
  const host: JobHost = {
    async dispatch(method, input) {
      calls.push([method, input]);
      if (method === 'imports.start') onStart?.(emit);
      return answer(method, input);
    },
    events: { subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) },
  };
  return { host, emit, calls, listeners };
}

describe('startJob', () => {
  it('follows only its own job, keeps events sent before the id was known, and stops listening at the end', async () => {
    const finished: JobFinished = { jobId: 'j1', kind: 'import', ok: true, result: SUMMARY };
    const { host, emit, listeners } = fakeHost(
      () => ({ ok: true, value: { jobId: 'j1' } }),
      // The core could announce progress before the start call has returned.
      (early) => early({ event: 'job.progress', data: progress('j1', 1) }),
    );
    const seen: number[] = [];
    const job = await startJob(host, 'imports.start', { paths: ['a'] }, (p) => seen.push(p.events));
    emit({ event: 'job.progress', data: progress('other', 99) });
    emit({ event: 'job.progress', data: progress('j1', 2) });
    emit({ event: 'job.finished', data: { ...finished, jobId: 'other' } });
    emit({ event: 'job.finished', data: finished });
    expect(await job.finished).toEqual(finished);
    expect(seen).toEqual([1, 2]);
    expect(listeners.size).toBe(0);
  });

  it('cancels through jobs.cancel and rejects a refused start with the dispatcher’s error', async () => {
    const { host, calls } = fakeHost((method) =>
      method === 'jobs.cancel' ? { ok: true, value: { cancelled: true } } : { ok: true, value: { jobId: 'j2' } },
    );
    const job = await startJob(host, 'imports.sample', {});
    expect(await job.cancel()).toBe(true);
    expect(calls.at(-1)).toEqual(['jobs.cancel', { jobId: 'j2' }]);

    const refused = fakeHost(() => ({ ok: false, error: { code: 'forbidden', message: 'not granted' } }));
    await expect(runJob(refused.host, 'imports.start', { paths: ['x'] })).rejects.toThrow(JobStartError);
    expect(refused.listeners.size).toBe(0);
  });
});

describe('callAndFollow', () => {
  const SOURCE: MethodInput<'sources.save'>['source'] = {
    name: 'ltv',
    kind: 'csv',
    entity: 'users',
    path: '/a.csv',
    join: { column: 'email', attribute: 'user_email' },
    attributes: [{ column: 'ltv', name: 'ltv' }],
  };

  it('follows the job a call names in its answer, even one that ended before the answer came', async () => {
    const report = { jobId: 's1', kind: 'sync', ok: true, result: { rows: 3 } } as unknown as JobFinished;
    const listeners = new Set<(m: EventMessage) => void>();
    const host: JobHost = {
      async dispatch() {
        // A tiny CSV syncs before sources.save has even answered.
        listeners.forEach((l) => l({ event: 'job.finished', data: report }));
        return { ok: true, value: { source: { name: 'ltv' }, jobId: 's1' } };
      },
      events: { subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) },
    };
    const { value, job } = await callAndFollow(host, 'sources.save', { source: SOURCE }, (v) => v.jobId);
    expect(value.source.name).toBe('ltv');
    expect(await job!.finished).toEqual(report);
    expect(listeners.size).toBe(0);
  });

  it('has no job when the answer names none, and stops listening', async () => {
    const { host, listeners } = fakeHost(() => ({ ok: true, value: { source: { name: 'ltv' }, jobId: null } }));
    const { job } = await callAndFollow(host, 'sources.save', { source: SOURCE, sync: false }, (v) => v.jobId);
    expect(job).toBeNull();
    expect(listeners.size).toBe(0);
  });
});
